import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { migrate, pgRunner, readMigrations } from "@koperasi/db";

// PGlite → PostgreSQL, the way a cooperative leaves the embedded default: the
// target gets the schema the app itself builds (migrate: the application
// role, its grants, row-level security, triggers), exactly the migrations the
// backup had, and then every row. The load runs as the schema owner in one
// transaction with the tables' own triggers and forced RLS set aside, so
// nothing is recomputed or refused on the way in, and both come back before
// it commits. Rows go parent tables first (foreign keys are checked as usual).

const BATCH = 2000;

interface Table {
  name: string;
  columns: string[];
  force: boolean;
}

export async function copyPGliteToPostgres(source: PGlite, targetUrl: string, migrations: readonly string[]): Promise<{ tables: number; rows: number }> {
  const files = readMigrations();
  const wanted = files.filter((file) => migrations.includes(file.name));
  if (wanted.length !== migrations.length) throw new Error("Cadangan memuat migrasi yang tidak dikenal kode ini: perbarui aplikasi dulu.");
  const target = new pg.Client({ connectionString: targetUrl });
  await target.connect();
  try {
    await migrate(pgRunner(target), wanted);
    const tables = await tablesInOrder(target);
    let rows = 0;
    await target.query("BEGIN");
    const quoted = tables.map((t) => t.name).join(", ");
    for (const table of tables) await target.query(`ALTER TABLE ${table.name} DISABLE TRIGGER USER, NO FORCE ROW LEVEL SECURITY`);
    // The migrations' own seed rows come again from the backup.
    if (tables.length > 0) await target.query(`TRUNCATE ${quoted}`);
    await source.exec("BEGIN");
    try {
      for (const table of tables) rows += await copyTable(source, target, table);
    } finally {
      await source.exec("ROLLBACK");
    }
    for (const table of tables) {
      await target.query(`ALTER TABLE ${table.name} ENABLE TRIGGER USER${table.force ? ", FORCE ROW LEVEL SECURITY" : ""}`);
    }
    const sequences = await source.query<{ name: string; last_value: string | null }>(
      "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) AS name, last_value::text FROM pg_sequences WHERE schemaname = 'public'",
    );
    for (const sequence of sequences.rows) {
      if (sequence.last_value !== null) await target.query("SELECT setval($1::regclass, $2::bigint, true)", [sequence.name, sequence.last_value]);
    }
    await target.query("COMMIT");
    return { tables: tables.length, rows };
  } catch (error) {
    await target.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await target.end();
  }
}

async function copyTable(source: PGlite, target: pg.Client, table: Table): Promise<number> {
  const list = table.columns.join(", ");
  await source.exec(`DECLARE backup_rows NO SCROLL CURSOR FOR SELECT row_to_json(r)::text AS row FROM (SELECT ${list} FROM ${table.name}) r`);
  let count = 0;
  for (;;) {
    const batch = await source.query<{ row: string }>(`FETCH ${BATCH} FROM backup_rows`);
    if (batch.rows.length === 0) break;
    await target.query(`INSERT INTO ${table.name} (${list}) OVERRIDING SYSTEM VALUE SELECT ${list} FROM json_populate_recordset(NULL::${table.name}, $1::json)`, [
      `[${batch.rows.map((r) => r.row).join(",")}]`,
    ]);
    count += batch.rows.length;
  }
  await source.exec("CLOSE backup_rows");
  return count;
}

/** The target's tables (as built by the migrations), each after the tables its foreign keys point to. */
async function tablesInOrder(target: pg.Client): Promise<Table[]> {
  const { rows } = await target.query<{ name: string; columns: string[]; force: boolean }>(`
    SELECT c.oid::regclass::text AS name, c.relforcerowsecurity AS force,
           array_agg(quote_ident(a.attname) ORDER BY a.attnum) AS columns
      FROM pg_class c
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND c.relname <> 'schema_migrations'
     GROUP BY c.oid`);
  const edges = await target.query<{ child: string; parent: string }>(`
    SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent
      FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace AND conrelid <> confrelid`);
  const byName = new Map(rows.map((row) => [row.name, row]));
  const parents = new Map<string, Set<string>>(rows.map((row) => [row.name, new Set()]));
  for (const edge of edges.rows) parents.get(edge.child)?.add(edge.parent);
  const ordered: Table[] = [];
  const placed = new Set<string>();
  while (ordered.length < rows.length) {
    const ready = [...parents.entries()].filter(([name, ps]) => !placed.has(name) && [...ps].every((p) => placed.has(p) || !byName.has(p)));
    if (ready.length === 0) throw new Error("Kunci asing melingkar antar tabel: urutan salin tidak dapat ditentukan.");
    for (const [name] of ready.sort(([a], [b]) => a.localeCompare(b))) {
      placed.add(name);
      ordered.push(byName.get(name)!);
    }
  }
  return ordered;
}
