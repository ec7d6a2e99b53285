import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const bin = fileURLToPath(new URL("../../bin/koperasi.mjs", import.meta.url));
const run = promisify(execFile);

/**
 * The real `koperasi` command as a child process, with only the database
 * `env` names (DATA_DIR for PGlite or DATABASE_URL): its exit code and output.
 */
export async function koperasiCli(env: Record<string, string>, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const childEnv: Record<string, string | undefined> = { ...process.env, DATABASE_URL: undefined, DATA_DIR: undefined, ...env };
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: childEnv, timeout: 90_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}
