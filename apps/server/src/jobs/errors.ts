import { errorTable } from "../errors/app-error";

// Refusals of an end-of-day run: the date asked for, or a job name.
export const jobsError = errorTable({
  job_date_in_future: [
    422,
    "Tanggal {date} belum berakhir di koperasi {slug}: hari ini di sana {today}. Pekerjaan akhir hari tidak dijalankan untuk tanggal yang akan datang.",
    "{date} is still to come at {slug}: its today is {today}. End-of-day jobs never run for a date ahead.",
    { field: ["Tanggal belum tiba di koperasi ini.", "The date has not come yet at this cooperative."] },
  ],
  job_date_before_koperasi: [
    422,
    "Koperasi {slug} baru ada sejak {since}; tidak ada pekerjaan akhir hari untuk {date}.",
    "{slug} exists only from {since}; there are no end-of-day jobs for {date}.",
    { field: ["Tanggal sebelum koperasi ini ada.", "The date is before this cooperative existed."] },
  ],
  job_account_missing: [
    422,
    "Akun {code} tidak ada di bagan akun koperasi, sudah ditutup, atau bukan akun rincian biasa; pekerjaan ini memerlukannya.",
    "Account {code} is missing from the cooperative's chart, closed, or not a plain detail account; this job needs it.",
  ],
  job_unknown: [
    422,
    "Pekerjaan \"{job}\" tidak dikenal. Yang ada: {known}.",
    "Unknown job \"{job}\". Known jobs: {known}.",
    { field: ["Nama pekerjaan tidak dikenal.", "Unknown job name."] },
  ],
});
