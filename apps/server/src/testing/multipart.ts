import { randomBytes } from "node:crypto";

/** A multipart/form-data body with one file, for `app.inject({ payload, headers })`. */
export function multipartFile(
  field: string,
  fileName: string,
  contentType: string,
  bytes: Uint8Array,
): { payload: Buffer; headers: { "content-type": string } } {
  const boundary = `----koperasi${randomBytes(12).toString("hex")}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(bytes), tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
