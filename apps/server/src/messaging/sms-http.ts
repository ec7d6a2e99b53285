import type { SmsGateway } from "./messenger";

// An SMS gateway reached over HTTP: POST {to, message} as JSON with a Bearer
// token (SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN). Indonesian providers and
// self-hosted Android gateways either take this shape directly or through a
// small relay. Any answer outside 2xx, or no answer within the timeout, is a
// failed delivery; the error never repeats the number or the text (they may
// hold a code), only what went wrong.

export interface HttpSmsGatewayOptions {
  url: string;
  token?: string | undefined;
  timeoutMs?: number;
  /** For tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

export const SMS_TIMEOUT_MS = 10_000;

export function httpSmsGateway(options: HttpSmsGatewayOptions): SmsGateway {
  const url = new URL(options.url);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("SMS_GATEWAY_URL harus http:// atau https://");
  const send = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? SMS_TIMEOUT_MS;
  return {
    async deliver(message) {
      let response: Response;
      try {
        response = await send(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json",
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({ to: message.to, message: message.text }),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: "error",
        });
      } catch (error) {
        const name = (error as Error).name;
        if (name === "TimeoutError" || name === "AbortError") throw new Error(`SMS gateway did not answer within ${timeoutMs} ms`);
        throw new Error(`SMS gateway unreachable (${(error as { cause?: { code?: string } }).cause?.code ?? name})`);
      }
      // Drain the body so the connection can be reused; its content is not trusted or kept.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`SMS gateway answered HTTP ${response.status}`);
    },
  };
}
