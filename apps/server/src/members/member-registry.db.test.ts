import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, signedInAs, type TestApp } from "../testing/harness";
import { multipartFile } from "../testing/multipart";
import { ensureMemberRecord } from "../accounts/koperasi-users";
import { checkNewMember, registerMember } from "./members";

// The member book through its routes: what is stored, who sees what, and
// every refusal answered as problem+json with nothing half-saved.

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let kasir: Awaited<ReturnType<typeof signedInAs>>;
let ketua: Awaited<ReturnType<typeof signedInAs>>;
const now = new Date("2026-03-10T20:30:00Z"); // 11 March 2026, 03.30 WIB

// 05-08-1968, male; 05-08-1968, female (day + 40).
const NIK_BUDI = "3515140508680001";
const NIK_SITI = "3515144508680002";

beforeAll(async () => {
  t = await createTestApp({ now: () => now });
  admin = await signedInAs(t.ctx, ["admin"]);
  kasir = await signedInAs(t.ctx, ["kasir"], { koperasiId: admin.koperasiId });
  ketua = await signedInAs(t.ctx, ["pengurus"], { koperasiId: admin.koperasiId, positions: ["ketua"] });
});
afterAll(async () => {
  await t?.close();
});

const base = () => `/api/v1/koperasi/${admin.koperasiId}/members`;
const create = (payload: object, cookie = admin.cookie) => t.app.inject({ method: "POST", url: base(), headers: { cookie }, payload });
const search = (payload: object, cookie = kasir.cookie) => t.app.inject({ method: "POST", url: `${base()}/search`, headers: { cookie }, payload });
const names = async (payload: object) => (await search(payload)).json().items.map((m: { fullName: string }) => m.fullName);
const tenant = <T>(fn: Parameters<TestApp["ctx"]["database"]["tenant"]>[1] extends (trx: infer X) => Promise<unknown> ? (trx: X) => Promise<T> : never) =>
  t.ctx.database.tenant({ koperasiId: admin.koperasiId }, fn);
const memberCount = async () => Number((await tenant((trx) => trx.selectFrom("member").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow())).n);

const budi = {
  fullName: "Budi Santoso",
  nik: "3515 1405 0868 0001",
  birthPlace: "Sidoarjo",
  birthDate: "1968-08-05",
  gender: "male",
  maritalStatus: "kawin",
  address: "Jl. Diponegoro 12, Sidoarjo",
  phone: "0812-3456-7890",
  email: "Budi@Contoh.id",
  occupation: "Petani",
  motherMaidenName: "Sumarni",
  sourceOfFunds: "usaha",
  joinedOn: "2026-01-05",
};

let budiId = "";

describe("registering a member", () => {
  it("stores the full record, with NIK, phone and mother's maiden name sealed at rest", async () => {
    const res = await create(budi);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    budiId = body.id;
    expect(body).toMatchObject({
      memberNumber: "AGT-000001",
      fullName: "Budi Santoso",
      memberType: "perorangan",
      status: "aktif",
      identityVisible: true,
      nik: NIK_BUDI,
      nikMasked: "3515********0001",
      phone: "+6281234567890",
      phoneMasked: "+62812****890",
      motherMaidenName: "Sumarni",
      birthDate: "1968-08-05",
      gender: "male",
      email: "budi@contoh.id",
      sourceOfFunds: "usaha",
      sourceOfFundsOther: null,
      sharedPhone: false,
      hasPhoto: false,
    });

    const raw = await tenant((trx) => trx.selectFrom("member").selectAll().where("id", "=", budiId).executeTakeFirstOrThrow());
    const rawText = JSON.stringify(raw);
    for (const secret of [NIK_BUDI, "3515", "6281234567890", "81234567890", "Sumarni"]) expect(rawText).not.toContain(secret);
    expect(raw.nik_sealed).toMatch(/^v1\.[A-Za-z0-9_-]+\./);
    expect(raw.pii_key_id).toBe(t.ctx.secrets.memberDataKeys.current.id);

    const history = await t.app.inject({ url: `${base()}/${budiId}/status-history`, headers: { cookie: kasir.cookie } });
    expect(history.json().items).toEqual([expect.objectContaining({ fromStatus: null, toStatus: "aktif", effectiveOn: "2026-01-05", changedBy: admin.userId })]);

    const audit = await tenant((trx) => trx.selectFrom("audit_log").select("details").where("action", "=", "member.create").where("target_id", "=", budiId).execute());
    expect(audit).toHaveLength(1);
    const details = JSON.stringify(audit[0]?.details);
    for (const secret of [NIK_BUDI, "81234567890", "Sumarni"]) expect(details).not.toContain(secret);
  });

  it("shows identifiers in the clear only to the register's keepers; lists mask them", async () => {
    const byKasir = (await t.app.inject({ url: `${base()}/${budiId}`, headers: { cookie: kasir.cookie } })).json();
    expect(byKasir).toMatchObject({ identityVisible: false, nik: null, phone: null, motherMaidenName: null, nikMasked: "3515********0001", phoneMasked: "+62812****890" });
    const byKetua = (await t.app.inject({ url: `${base()}/${budiId}`, headers: { cookie: ketua.cookie } })).json();
    expect(byKetua).toMatchObject({ identityVisible: true, nik: NIK_BUDI });
    const listing = (await t.app.inject({ url: base(), headers: { cookie: admin.cookie } })).json();
    expect(listing.items[0]).toEqual(expect.objectContaining({ nikMasked: "3515********0001", phoneMasked: "+62812****890" }));
    expect(JSON.stringify(listing)).not.toContain(NIK_BUDI);
  });

  it("lets an anggota read her own identifiers", async () => {
    const anggota = await signedInAs(t.ctx, ["anggota"], { koperasiId: admin.koperasiId });
    await tenant((trx) => trx.updateTable("member").set({ user_id: anggota.userId }).where("id", "=", budiId).execute());
    const own = (await t.app.inject({ url: `${base()}/${budiId}`, headers: { cookie: anggota.cookie } })).json();
    expect(own).toMatchObject({ identityVisible: true, nik: NIK_BUDI, phone: "+6281234567890" });
    const history = await t.app.inject({ url: `${base()}/${budiId}/status-history`, headers: { cookie: anggota.cookie } });
    expect(history.statusCode).toBe(200);
    await tenant((trx) => trx.updateTable("member").set({ user_id: null }).where("id", "=", budiId).execute());
  });

  it("refuses a bad, contradicting or duplicate NIK, an under-age applicant and a bad phone, saving nothing", async () => {
    const before = await memberCount();
    const cases: [object, number, string, string][] = [
      [{ ...budi, nik: "3515140508680000" }, 400, "nik_invalid", "body.nik"],
      [{ ...budi, nik: "351514050868" }, 400, "nik_invalid", "body.nik"],
      [{ ...budi, nik: "3515140513680001" }, 400, "nik_invalid", "body.nik"],
      [{ ...budi, fullName: "Siti Rahayu", nik: NIK_SITI, gender: "male" }, 400, "nik_mismatch", "body.gender"],
      [{ ...budi, fullName: "Siti Rahayu", nik: NIK_SITI, gender: "female", birthDate: "1968-08-06" }, 400, "nik_mismatch", "body.birthDate"],
      [{ ...budi, nik: "35151405 08680001" }, 409, "nik_taken", "body.nik"],
      [{ fullName: "Putri Ayu", nik: "3515144106100001", birthDate: "2010-06-01", gender: "female", maritalStatus: "belum_kawin" }, 400, "under_age", "body.birthDate"],
      // Without a birth date the NIK's own date is used.
      [{ fullName: "Putri Ayu", nik: "3515144106100001" }, 400, "under_age", "body.birthDate"],
      [{ ...budi, nik: undefined, phone: "12345" }, 400, "phone_invalid", "body.phone"],
      [{ fullName: "KSU Maju", memberType: "badan_hukum", nik: NIK_SITI, nomorBadanHukum: "AHU-0001.AH.01.26.2020" }, 400, "invalid_input", "body.nik"],
      [{ fullName: "KSU Maju", memberType: "badan_hukum" }, 400, "invalid_input", "body.nomorBadanHukum"],
      [{ ...budi, nik: undefined, sourceOfFunds: "lainnya" }, 400, "invalid_input", "body.sourceOfFundsOther"],
      [{ ...budi, nik: undefined, birthDate: "2027-01-01" }, 400, "invalid_input", "body.birthDate"],
    ];
    for (const [payload, status, code, path] of cases) {
      const res = await create(payload);
      const label = JSON.stringify(payload);
      expect([label, res.statusCode, res.json().code]).toEqual([label, status, code]);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json().detail).toEqual(expect.any(String));
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await memberCount()).toBe(before);
    // Married before 17: of age.
    const married = await create({ fullName: "Putri Ayu", nik: "3515144106100001", birthDate: "2010-06-01", gender: "female", maritalStatus: "kawin" });
    expect(married.statusCode).toBe(201);
    // No number was drawn by the refusals.
    expect(married.json().memberNumber).toBe("AGT-000002");
  });

  it("registers a secondary cooperative's member cooperative by its legal numbers", async () => {
    const res = await create({ fullName: "KSU Maju Bersama", memberType: "badan_hukum", nomorBadanHukum: "AHU-0001.AH.01.26.2020", nomorIndukKoperasi: "3515140010001" });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ memberType: "badan_hukum", nik: null, birthDate: null, nomorBadanHukum: "AHU-0001.AH.01.26.2020" });
  });

  it("accepts an explicit member number once, and the counter steps over it", async () => {
    const imported = await create({ fullName: "Sití Aminah", memberNumber: "AGT-000004", nik: NIK_SITI, gender: "female", phone: "+62 812 3456 7890" });
    expect(imported.statusCode).toBe(201);
    // A shared family phone is allowed, and flagged.
    expect(imported.json()).toMatchObject({ memberNumber: "AGT-000004", sharedPhone: true });
    expect((await t.app.inject({ url: `${base()}/${budiId}`, headers: { cookie: admin.cookie } })).json().sharedPhone).toBe(true);
    const again = await create({ fullName: "Orang Lain", memberNumber: "AGT-000004" });
    expect([again.statusCode, again.json().code]).toEqual([409, "member_number_taken"]);
    expect((await create({ fullName: "Dewi Siti Nurhaliza", joinedOn: "2026-02-01" })).json().memberNumber).toBe("AGT-000005");
    expect((await create({ fullName: "Sitompul Harahap", status: "calon" })).json()).toMatchObject({ memberNumber: "AGT-000006", status: "calon" });
  });
});

describe("searching the book", () => {
  it("finds by the start of any word of the name, ignoring case and accents", async () => {
    expect(await names({ q: "siti" })).toEqual(["Sití Aminah", "Dewi Siti Nurhaliza"]);
    expect(await names({ q: "SITÍ" })).toEqual(["Sití Aminah", "Dewi Siti Nurhaliza"]);
    expect(await names({ q: "sit" })).toEqual(["Sití Aminah", "Dewi Siti Nurhaliza", "Sitompul Harahap"]);
    expect(await names({ q: "siti nur" })).toEqual(["Dewi Siti Nurhaliza"]);
    expect(await names({ q: "aminah siti" })).toEqual(["Sití Aminah"]);
    expect(await names({ q: "iti" })).toEqual([]);
    expect(await names({ q: "agt-00000" })).toHaveLength(6);
  });

  it("finds by NIK or phone exactly, through the blind index, however they are typed", async () => {
    expect(await names({ nik: "3515-1405-0868-0001" })).toEqual(["Budi Santoso"]);
    expect(await names({ nik: "3515140508680003" })).toEqual([]);
    expect(await names({ phone: "6281234567890" })).toEqual(["Budi Santoso", "Sití Aminah"]);
    expect(await names({ phone: "0812 3456 7890", q: "siti" })).toEqual(["Sití Aminah"]);
    const bad = await search({ phone: "bukan nomor" });
    expect([bad.statusCode, bad.json().code]).toEqual([400, "phone_invalid"]);
    // NIK and phone are never accepted in a URL.
    const inUrl = await t.app.inject({ url: base(), query: { nik: NIK_BUDI }, headers: { cookie: kasir.cookie } });
    expect(inUrl.statusCode).toBe(400);
    for (const q of [NIK_BUDI, "0812-3456-7890", "+62 812 3456 7890"]) {
      const typed = await t.app.inject({ url: base(), query: { q }, headers: { cookie: kasir.cookie } });
      expect([q, typed.statusCode, typed.json().code]).toEqual([q, 400, "identifier_in_url"]);
    }
    // Member-number prefixes and names still go through the list.
    expect((await t.app.inject({ url: base(), query: { q: "AGT-0000" }, headers: { cookie: kasir.cookie } })).statusCode).toBe(200);
  });

  it("filters by status, member type and join date, and pages in member-number order", async () => {
    expect(await names({ status: "calon" })).toEqual(["Sitompul Harahap"]);
    expect(await names({ memberType: "badan_hukum" })).toEqual(["KSU Maju Bersama"]);
    expect(await names({ joinedFrom: "2026-01-01", joinedTo: "2026-02-28" })).toEqual(["Budi Santoso", "Dewi Siti Nurhaliza"]);
    const page = (await search({ pageSize: 2, page: 2 })).json();
    expect(page).toMatchObject({ page: 2, pageSize: 2, total: 6 });
    expect(page.items.map((m: { memberNumber: string }) => m.memberNumber)).toEqual(["AGT-000003", "AGT-000004"]);
    const viaGet = (await t.app.inject({ url: base(), query: { status: "aktif", memberType: "perorangan", q: "s" }, headers: { cookie: kasir.cookie } })).json();
    expect(viaGet.items.map((m: { fullName: string }) => m.fullName)).toEqual(["Budi Santoso", "Sití Aminah", "Dewi Siti Nurhaliza"]);
  });
});

describe("correcting a record", () => {
  it("updates fields, checks the whole record again, and audits field names only", async () => {
    const patch = (payload: object, cookie = admin.cookie) => t.app.inject({ method: "PATCH", url: `${base()}/${budiId}`, headers: { cookie }, payload });
    const ok = await patch({ address: "Jl. Pahlawan 3, Sidoarjo", phone: "081298765432", occupation: null });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ address: "Jl. Pahlawan 3, Sidoarjo", phone: "+6281298765432", occupation: null, sharedPhone: false, nik: NIK_BUDI });
    expect(ok.json().updatedAt).toEqual(expect.any(String));
    expect(await names({ phone: "081298765432" })).toEqual(["Budi Santoso"]);
    expect(await names({ phone: "081234567890" })).toEqual(["Sití Aminah"]);

    const audit = await tenant((trx) => trx.selectFrom("audit_log").select("details").where("action", "=", "member.update").execute());
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ changed: expect.arrayContaining(["address", "phone", "occupation"]) });
    expect(JSON.stringify(audit[0]?.details)).not.toMatch(/81298765432|3515140508680001/);

    const refusals: [object, number, string][] = [
      [{ birthDate: "1968-08-06" }, 400, "nik_mismatch"],
      [{ gender: "female" }, 400, "nik_mismatch"],
      [{ nik: NIK_SITI, gender: "female" }, 409, "nik_taken"],
      [{ phone: "123" }, 400, "phone_invalid"],
      [{ memberNumber: "X-1" }, 400, "invalid_input"],
    ];
    for (const [payload, status, code] of refusals) {
      const res = await patch(payload);
      expect([JSON.stringify(payload), res.statusCode, res.json().code]).toEqual([JSON.stringify(payload), status, code]);
    }
    expect((await patch({ address: "Jl. Lain 1, Sidoarjo" }, kasir.cookie)).statusCode).toBe(403);
    const unchanged = (await t.app.inject({ url: `${base()}/${budiId}`, headers: { cookie: admin.cookie } })).json();
    expect(unchanged).toMatchObject({ birthDate: "1968-08-05", gender: "male", address: "Jl. Pahlawan 3, Sidoarjo", nik: NIK_BUDI });
  });
});

describe("status", () => {
  it("records each change with its date, reason and author; refuses moves the rules do not allow", async () => {
    const calon = (await names({ status: "calon" })).length === 1 ? (await search({ status: "calon" })).json().items[0].id : "";
    const change = (id: string, payload: object, cookie = admin.cookie) =>
      t.app.inject({ method: "POST", url: `${base()}/${id}/status`, headers: { cookie }, payload });

    // Accepting a candidate is the ketua's (members.approve), not the admin's.
    expect((await change(calon, { status: "aktif", reason: "Disetujui rapat pengurus" })).statusCode).toBe(403);
    const accepted = await change(calon, { status: "aktif", reason: "Disetujui rapat pengurus", effectiveOn: "2026-03-11" }, ketua.cookie);
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ fromStatus: "calon", toStatus: "aktif", effectiveOn: "2026-03-11", changedBy: ketua.userId });

    const early = await change(budiId, { status: "keluar", reason: "Pindah domisili", effectiveOn: "2025-12-31" });
    expect([early.statusCode, early.json().code]).toEqual([400, "member_status_date"]);
    const left = await change(budiId, { status: "keluar", reason: "Pindah domisili" });
    expect(left.statusCode).toBe(201);
    expect(left.json()).toMatchObject({ fromStatus: "aktif", toStatus: "keluar", effectiveOn: "2026-03-11" });
    const back = await change(budiId, { status: "meninggal", reason: "Salah input" });
    expect([back.statusCode, back.json().code]).toEqual([409, "member_status_transition"]);
    expect((await change(budiId, { status: "aktif", reason: "x" })).statusCode).toBe(400);

    const history = (await t.app.inject({ url: `${base()}/${budiId}/status-history`, headers: { cookie: kasir.cookie } })).json().items;
    expect(history.map((h: { toStatus: string }) => h.toStatus)).toEqual(["aktif", "keluar"]);
    expect(history[1]).toMatchObject({ reason: "Pindah domisili", changedBy: admin.userId });
    expect((await names({ status: "keluar" }))).toEqual(["Budi Santoso"]);
  });

  it("keeps the history append-only for the application", async () => {
    await expect(tenant((trx) => trx.deleteFrom("member_status_change").where("member_id", "=", budiId).execute())).rejects.toThrow(/permission denied/);
  });
});

describe("heirs", () => {
  it("adds, corrects and removes heirs; shares never pass 100%; the heir's phone is sealed", async () => {
    const url = `${base()}/${budiId}/heirs`;
    const add = (payload: object) => t.app.inject({ method: "POST", url, headers: { cookie: admin.cookie }, payload });
    const wife = await add({ fullName: "Sri Wahyuni", relationship: "istri", phone: "0813-1111-2222", shareBp: 6000 });
    expect(wife.statusCode).toBe(201);
    expect(wife.json()).toMatchObject({ relationship: "istri", phone: "+6281311112222", phoneMasked: "+62813****222", shareBp: 6000 });
    const child = await add({ fullName: "Andi Santoso", relationship: "anak" });
    expect(child.statusCode).toBe(201);
    const tooMuch = await add({ fullName: "Rina Santoso", relationship: "anak", shareBp: 4001 });
    expect([tooMuch.statusCode, tooMuch.json().code]).toEqual([400, "heir_shares_exceed"]);
    const bad = await add({ fullName: "Rina Santoso", relationship: "sepupu" });
    expect(bad.statusCode).toBe(400);

    const raw = await tenant((trx) => trx.selectFrom("member_heir").select("phone_sealed").where("id", "=", wife.json().id).executeTakeFirstOrThrow());
    expect(raw.phone_sealed).not.toContain("81311112222");

    const patched = await t.app.inject({ method: "PATCH", url: `${url}/${child.json().id}`, headers: { cookie: admin.cookie }, payload: { shareBp: 4000 } });
    expect(patched.json()).toMatchObject({ shareBp: 4000 });
    const asKasir = (await t.app.inject({ url, headers: { cookie: kasir.cookie } })).json().items;
    expect(asKasir).toEqual([
      expect.objectContaining({ fullName: "Sri Wahyuni", phone: null, phoneMasked: "+62813****222" }),
      expect.objectContaining({ fullName: "Andi Santoso", shareBp: 4000 }),
    ]);
    expect((await t.app.inject({ method: "DELETE", url: `${url}/${child.json().id}`, headers: { cookie: admin.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "DELETE", url: `${url}/${child.json().id}`, headers: { cookie: admin.cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ url, headers: { cookie: admin.cookie } })).json().items).toHaveLength(1);
  });
});

describe("photo and KTP", () => {
  const put = (kind: string, file: ReturnType<typeof multipartFile>, cookie = admin.cookie) =>
    t.app.inject({ method: "PUT", url: `${base()}/${budiId}/files/${kind}`, headers: { cookie, ...file.headers }, payload: file.payload });

  it("keeps a re-encoded JPEG without the upload's metadata", async () => {
    const withExif = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#3366aa" } })
      .jpeg()
      .withExif({ IFD0: { Copyright: "lokasi rahasia", Artist: "kamera" } })
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    const res = await put("photo", multipartFile("file", "foto.jpg", "image/jpeg", withExif));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ kind: "photo", contentType: "image/jpeg" });

    const fetched = await t.app.inject({ url: `${base()}/${budiId}/files/photo`, headers: { cookie: kasir.cookie } });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.headers["content-type"]).toBe("image/jpeg");
    const meta = await sharp(fetched.rawPayload).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 1024, height: 768 });
    expect(meta.exif).toBeUndefined();

    const png = await sharp({ create: { width: 300, height: 200, channels: 4, background: "#ffffff" } }).png().toBuffer();
    expect((await put("ktp", multipartFile("file", "ktp.png", "image/png", png))).statusCode).toBe(200);
    const detail = (await t.app.inject({ url: `${base()}/${budiId}`, headers: { cookie: admin.cookie } })).json();
    expect(detail).toMatchObject({ hasPhoto: true, hasKtp: true });
  });

  it("shows the KTP only to those who may see the NIK", async () => {
    expect((await t.app.inject({ url: `${base()}/${budiId}/files/ktp`, headers: { cookie: kasir.cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `${base()}/${budiId}/files/ktp`, headers: { cookie: ketua.cookie } })).statusCode).toBe(200);
  });

  it("refuses what is not an image, a damaged image and an oversized file", async () => {
    const text = await put("photo", multipartFile("file", "foto.jpg", "image/jpeg", Buffer.from("bukan gambar sama sekali")));
    expect([text.statusCode, text.json().code]).toEqual([415, "file_type_not_allowed"]);
    const pdf = await put("ktp", multipartFile("file", "ktp.jpg", "image/jpeg", Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")));
    expect([pdf.statusCode, pdf.json().code]).toEqual([415, "file_type_not_allowed"]);
    const jpegHeader = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
    const damaged = await put("photo", multipartFile("file", "foto.jpg", "image/jpeg", Buffer.concat([jpegHeader, Buffer.alloc(64, 7)])));
    expect([damaged.statusCode, damaged.json().code]).toEqual([400, "image_invalid"]);
    const huge = await put("photo", multipartFile("file", "foto.jpg", "image/jpeg", Buffer.concat([jpegHeader, Buffer.alloc(5 * 1024 * 1024, 1)])));
    expect([huge.statusCode, huge.json().code]).toEqual([413, "too_large"]);
    expect((await put("photo", multipartFile("file", "foto.png", "image/png", Buffer.from("x")), kasir.cookie)).statusCode).toBe(403);
  });
});

describe("a login that joins as anggota", () => {
  it("gets a record with its first history row, numbered past imported numbers", async () => {
    const joiner = await signedInAs(t.ctx, ["anggota"], { koperasiId: admin.koperasiId });
    const koperasi = await t.ctx.database.db.selectFrom("koperasi").selectAll().where("id", "=", admin.koperasiId).executeTakeFirstOrThrow();
    // The counter stands at 6; 7 was imported.
    expect((await create({ fullName: "Impor Lama", memberNumber: "AGT-000007" })).statusCode).toBe(201);
    const record = await tenant((trx) => ensureMemberRecord(t.ctx, trx, koperasi, joiner.userId, "Anggota Baru"));
    expect(record?.memberNumber).toBe("AGT-000008");
    const history = await tenant((trx) => trx.selectFrom("member_status_change").select(["to_status", "changed_by"]).where("member_id", "=", record!.id).execute());
    expect(history).toEqual([{ to_status: "aktif", changed_by: joiner.userId }]);
    expect((await create({ fullName: "Berikutnya" })).json().memberNumber).toBe("AGT-000009");
  });
});

describe("registering inside a caller's transaction (imports)", () => {
  it("checks and writes rows one by one, and refuses a NIK repeated within the same transaction", async () => {
    const koperasi = await t.ctx.database.db.selectFrom("koperasi").selectAll().where("id", "=", admin.koperasiId).executeTakeFirstOrThrow();
    const keys = t.ctx.secrets.memberDataKeys;
    const first = checkNewMember({ fullName: "Impor  Satu", nik: "3515140508680011", memberNumber: "LAMA-01" }, "2026-03-11");
    const again = checkNewMember({ fullName: "Impor Dua", nik: "3515-1405-0868-0011" }, "2026-03-11");
    expect(() => checkNewMember({ fullName: "Impor Tiga", nik: "123" }, "2026-03-11")).toThrow(expect.objectContaining({ code: "nik_invalid" }));
    await expect(
      tenant(async (trx) => {
        const one = await registerMember(trx, keys, koperasi, first, admin.userId);
        expect(one.memberNumber).toBe("LAMA-01");
        await registerMember(trx, keys, koperasi, again, admin.userId);
      }),
    ).rejects.toMatchObject({ code: "nik_taken" });
    // The transaction rolled back as a whole.
    expect(await names({ q: "impor satu" })).toEqual([]);
    const saved = await tenant((trx) => registerMember(trx, keys, koperasi, first, admin.userId));
    expect(saved.memberNumber).toBe("LAMA-01");
    expect(await names({ nik: "3515140508680011" })).toEqual(["Impor Satu"]);
  });
});
