/**
 * How pg_dump and pg_restore are told where to connect without the password
 * on their command line (where `ps` and /proc would show it): the URL without
 * it, and the password in PGPASSWORD for that child process only.
 */
export function libpqConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : { ...process.env } };
}
