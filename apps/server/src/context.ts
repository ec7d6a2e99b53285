import type { Database } from "@koperasi/db";
import type { Auth } from "./auth/better-auth";
import type { Config } from "./config";
import type { FileStorage } from "./files/storage";
import type { Messenger } from "./messaging/messenger";
import type { Secrets } from "./secrets";
import type { LogPublisher } from "./transparency/publisher";

/** What routes and services are given: built once in server.ts, replaced with real parts in tests. */
export interface AppContext {
  config: Config;
  secrets: Secrets;
  database: Database;
  auth: Auth;
  messenger: Messenger;
  files: FileStorage;
  /** Wall clock, injectable so tests can expire codes without waiting. */
  now: () => Date;
  /** Sequences log leaves and publishes checkpoints; onCheckpoint hooks for witnesses. */
  transparency: LogPublisher;
}
