import type { Gender } from "@koperasi/domain";
import type { Random } from "./seeded";

// Plausible members of an Indonesian cooperative: names from the main
// naming traditions (Javanese single names, Sundanese, Balinese birth-order
// names, Batak and other family names, Muslim and Christian given names),
// a NIK whose province and regency codes are real (Kemendagri), whose birth
// date and gender match the person and whose sequence keeps it unique, and a
// mobile number in E.164 under a real operator prefix.

export interface Region {
  /** Province + regency, the NIK's first four digits. */
  readonly code: string;
  readonly name: string;
  readonly province: string;
}

export const REGIONS: readonly Region[] = [
  { code: "3507", name: "Kabupaten Malang", province: "Jawa Timur" },
  { code: "3573", name: "Kota Malang", province: "Jawa Timur" },
  { code: "3578", name: "Kota Surabaya", province: "Jawa Timur" },
  { code: "3515", name: "Kabupaten Sidoarjo", province: "Jawa Timur" },
  { code: "3374", name: "Kota Semarang", province: "Jawa Tengah" },
  { code: "3372", name: "Kota Surakarta", province: "Jawa Tengah" },
  { code: "3471", name: "Kota Yogyakarta", province: "DI Yogyakarta" },
  { code: "3404", name: "Kabupaten Sleman", province: "DI Yogyakarta" },
  { code: "3273", name: "Kota Bandung", province: "Jawa Barat" },
  { code: "3201", name: "Kabupaten Bogor", province: "Jawa Barat" },
  { code: "3275", name: "Kota Bekasi", province: "Jawa Barat" },
  { code: "3171", name: "Kota Jakarta Selatan", province: "DKI Jakarta" },
  { code: "3172", name: "Kota Jakarta Timur", province: "DKI Jakarta" },
  { code: "3671", name: "Kota Tangerang", province: "Banten" },
  { code: "5171", name: "Kota Denpasar", province: "Bali" },
  { code: "5103", name: "Kabupaten Badung", province: "Bali" },
  { code: "1271", name: "Kota Medan", province: "Sumatera Utara" },
  { code: "1371", name: "Kota Padang", province: "Sumatera Barat" },
  { code: "1671", name: "Kota Palembang", province: "Sumatera Selatan" },
  { code: "1871", name: "Kota Bandar Lampung", province: "Lampung" },
  { code: "5271", name: "Kota Mataram", province: "Nusa Tenggara Barat" },
  { code: "5371", name: "Kota Kupang", province: "Nusa Tenggara Timur" },
  { code: "6171", name: "Kota Pontianak", province: "Kalimantan Barat" },
  { code: "6471", name: "Kota Balikpapan", province: "Kalimantan Timur" },
  { code: "7371", name: "Kota Makassar", province: "Sulawesi Selatan" },
  { code: "7171", name: "Kota Manado", province: "Sulawesi Utara" },
  { code: "9171", name: "Kota Jayapura", province: "Papua" },
];

const MALE = [
  "Agus", "Ahmad", "Andi", "Arif", "Asep", "Bambang", "Budi", "Dadang", "Dedi", "Dimas", "Eko", "Fajar", "Gunawan", "Hadi", "Hasan",
  "Hendra", "Imam", "Iwan", "Joko", "Kurniawan", "Lukman", "Muhammad", "Nur Hidayat", "Rizky", "Rudi", "Slamet", "Sutrisno", "Teguh",
  "Ujang", "Wahyu", "Yohanes", "Yusuf", "Fransiskus", "Daniel", "Ikhsan", "Taufik",
];
const FEMALE = [
  "Ani", "Ayu", "Dewi", "Dian", "Eka", "Endang", "Fitri", "Indah", "Intan", "Kartini", "Lestari", "Maria", "Mega", "Novi", "Nur",
  "Nurul", "Puji", "Putri", "Rahmawati", "Ratna", "Rina", "Sari", "Siti", "Sri", "Susi", "Tuti", "Wulan", "Yanti", "Yuni", "Theresia",
  "Fatimah", "Aisyah",
];
const BALINESE_ORDER = ["Wayan", "Made", "Nyoman", "Ketut", "Putu", "Kadek", "Komang"];
const SECOND = [
  "Santoso", "Wijaya", "Saputra", "Pratama", "Kusuma", "Hidayat", "Setiawan", "Hartono", "Susanto", "Wibowo", "Nugroho", "Purnomo",
  "Rahayu", "Handayani", "Suryani", "Anggraini", "Wulandari", "Permata", "Lestari", "Gunadi", "Siregar", "Lubis", "Nasution", "Harahap",
  "Simanjuntak", "Hasibuan", "Sinaga", "Manurung", "Tanjung", "Sembiring", "Lumban Gaol", "Pattiasina", "Rumbiak", "Daeng", "Syahputra",
];

/** Mobile prefixes after +62 (Telkomsel, Indosat, XL, Axis, Tri, Smartfren). */
const MOBILE_PREFIXES = [
  "811", "812", "813", "821", "822", "823", "851", "852", "853", "814", "815", "816", "855", "856", "857", "858", "817", "818", "819",
  "859", "877", "878", "831", "832", "833", "838", "895", "896", "897", "898", "899", "881", "882", "887", "888", "889",
];

export interface Person {
  fullName: string;
  gender: Gender;
  /** YYYY-MM-DD. */
  birthDate: string;
  birthPlace: string;
  nik: string;
  /** E.164, +628…. */
  phone: string;
}

/**
 * Makes people who never share a NIK or a phone number (the generator's
 * sets, kept here), born so that they are between 17 and 75 on `onDate`.
 */
export class PeopleMaker {
  readonly #nikSequence = new Map<string, number>();
  readonly #phones = new Set<string>();
  readonly #home: Region;

  constructor(home: Region) {
    this.#home = home;
  }

  make(random: Random, onDate: string): Person {
    const gender: Gender = random.chance(0.52) ? "female" : "male";
    const region = random.chance(0.8) ? this.#home : random.pick(REGIONS);
    const balinese = region.code.startsWith("51") && random.chance(0.7);
    const first = balinese ? `${gender === "female" ? "Ni" : "I"} ${random.pick(BALINESE_ORDER)}` : random.pick(gender === "female" ? FEMALE : MALE);
    const fullName = balinese || random.chance(0.6) ? `${first} ${random.pick(SECOND)}` : first;

    const year = Number(onDate.slice(0, 4)) - random.int(17, 75);
    const month = random.int(1, 12);
    const day = random.int(1, daysIn(year, month));
    const birthDate = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
    const district = `${region.code}${pad(random.int(1, 30), 2)}`;
    const encoded = `${district}${pad(day + (gender === "female" ? 40 : 0), 2)}${pad(month, 2)}${pad(year % 100, 2)}`;
    const sequence = (this.#nikSequence.get(encoded) ?? 0) + 1;
    this.#nikSequence.set(encoded, sequence);
    return { fullName, gender, birthDate, birthPlace: region.name.replace(/^(Kota|Kabupaten) /, ""), nik: `${encoded}${pad(sequence, 4)}`, phone: this.#phone(random) };
  }

  #phone(random: Random): string {
    for (;;) {
      const digits = random.chance(0.7) ? 8 : 7;
      const phone = `+62${random.pick(MOBILE_PREFIXES)}${pad(random.int(0, 10 ** digits - 1), digits)}`;
      if (!this.#phones.has(phone)) {
        this.#phones.add(phone);
        return phone;
      }
    }
  }
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
