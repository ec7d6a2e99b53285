// Invitation links carry their secret in the path (/undangan/<token>,
// /api/v1/invitations/<token>), and Fastify logs every request's URL. This
// serializer logs the URL with such tokens replaced, so no log line holds a
// usable link.

const TOKEN_SEGMENT = /(\/undangan|\/api\/v1\/invitations)\/(?!accept(?:[/?#]|$))[^/?#]+/gi;
// Any token of ours, wherever it appears (query strings included).
const TOKEN_SHAPE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[A-Za-z0-9_-]{20,}/gi;

export function redactUrlSecrets(url: string): string {
  return url.replace(TOKEN_SEGMENT, "$1/[disamarkan]").replace(TOKEN_SHAPE, "[disamarkan]");
}

interface LoggedRequest {
  method?: string;
  url?: string;
  headers?: Record<string, string | string[] | undefined>;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Fastify's own request serializer, with the URL passed through `redactUrlSecrets`. */
export function requestLogSerializer(req: LoggedRequest) {
  return {
    method: req.method,
    url: redactUrlSecrets(req.url ?? ""),
    version: firstHeader(req.headers?.["accept-version"]),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket ? req.socket.remotePort : undefined,
  };
}
