import { randomUUID } from "node:crypto";
import type { SqlRunner } from "./migrate";

/**
 * One row in every tenant table for a cooperative, written as superuser.
 * The isolation test requires a row in EVERY tenant table the catalog lists,
 * so a new tenant table fails that test until it gets a line here.
 */
export async function seedTenantRows(superuser: SqlRunner, label: string): Promise<{ koperasiId: string; userId: string }> {
  const koperasiId = randomUUID();
  const userId = `user-${label}-${randomUUID()}`;
  const row = (sql: string, params: unknown[]) => superuser.query(sql, params);
  await row(`INSERT INTO "user" (id, name, email, "emailVerified") VALUES ($1, $2, $3, true)`, [
    userId,
    `Pengguna ${label}`,
    `${label}-${koperasiId}@contoh.id`,
  ]);
  await row(
    `INSERT INTO koperasi (id, slug, name, type, address, city, province, time_zone, email, phone, status, created_by)
     VALUES ($1, $2, $3, 'ksp', 'Jl. Contoh 1', 'Malang', 'Jawa Timur', 'Asia/Jakarta', 'k@contoh.id', '+6281234567890', 'approved', $4)`,
    [koperasiId, `kop-${label}-${koperasiId.slice(0, 8)}`, `Koperasi ${label}`, userId],
  );
  await row(`INSERT INTO koperasi_user (koperasi_id, id, user_id, roles) VALUES ($1, $2, $3, '{admin}')`, [koperasiId, randomUUID(), userId]);
  await row(`INSERT INTO member (koperasi_id, id, member_number, full_name, joined_on) VALUES ($1, $2, 'AGT-000001', $3, '2026-01-02')`, [
    koperasiId,
    randomUUID(),
    `Anggota ${label}`,
  ]);
  await row(`INSERT INTO tenant_sequence (koperasi_id, id, last_value) VALUES ($1, 'member_number', 1)`, [koperasiId]);
  await row(
    `INSERT INTO invitation (koperasi_id, id, email, name, role, token_hash, invited_by, expires_at)
     VALUES ($1, $2, 'undangan@contoh.id', 'Calon Kasir', 'kasir', $3, $4, now() + interval '1 day')`,
    [koperasiId, randomUUID(), `hash-${randomUUID()}`, userId],
  );
  await row(`INSERT INTO koperasi_module (koperasi_id, id, enabled) VALUES ($1, 'berita', true)`, [koperasiId]);
  await row(
    `INSERT INTO stored_file (koperasi_id, id, purpose, file_name, content_type, size_bytes, sha256, storage_key)
     VALUES ($1, $2, 'logo', 'logo.png', 'image/png', 10, 'abc', 'k/logo')`,
    [koperasiId, randomUUID()],
  );
  await row(`INSERT INTO audit_log (koperasi_id, id, actor_user_id, actor_role, action) VALUES ($1, $2, $3, 'admin', 'fixture')`, [
    koperasiId,
    randomUUID(),
    userId,
  ]);
  return { koperasiId, userId };
}
