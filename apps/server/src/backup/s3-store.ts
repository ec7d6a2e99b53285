import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

// Backups in an S3-compatible store: `--to s3://bucket/prefix`. The endpoint
// from S3_ENDPOINT (MinIO, Garage, a provider's S3 API) with path-style
// addressing, the region from S3_REGION, the credentials as the AWS SDK
// finds them (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, …). An object
// appears only once its upload completes, so a cut upload is never listed.

export interface S3Location {
  bucket: string;
  prefix: string;
}

export function parseS3Url(url: string): S3Location | undefined {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url);
  if (!m) return undefined;
  const prefix = (m[2] ?? "").replace(/^\/+|\/+$/g, "");
  return { bucket: m[1]!, prefix: prefix ? `${prefix}/` : "" };
}

export function s3Client(env: Record<string, string | undefined>): S3Client {
  const endpoint = env.S3_ENDPOINT || undefined;
  return new S3Client({
    region: env.S3_REGION || "us-east-1",
    ...(endpoint ? { endpoint, forcePathStyle: env.S3_FORCE_PATH_STYLE !== "false" } : {}),
    ...(env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY ? { credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY } } : {}),
    // Many S3-compatible servers do not take the SDK's newer default checksums.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

export interface S3Store {
  put(file: string, name: string): Promise<void>;
  /** Object names (without the prefix) directly under the prefix. */
  list(): Promise<string[]>;
  remove(name: string): Promise<void>;
  download(name: string, file: string): Promise<void>;
}

export function s3Store(client: S3Client, location: S3Location): S3Store {
  const { bucket, prefix } = location;
  return {
    async put(file, name) {
      const { size } = await stat(file);
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: prefix + name, Body: createReadStream(file), ContentLength: size }));
    },
    async list() {
      const names: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        for (const object of page.Contents ?? []) {
          const name = (object.Key ?? "").slice(prefix.length);
          if (name && !name.includes("/")) names.push(name);
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return names.sort();
    },
    async remove(name) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: prefix + name }));
    },
    async download(name, file) {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix + name }));
      await pipeline(object.Body as Readable, createWriteStream(file, { mode: 0o600 }));
    },
  };
}
