/** A backup or restore refused, with its reason in Bahasa Indonesia (the CLI prints it as is). */
export class BackupError extends Error {
  constructor(
    readonly code: "foreign" | "corrupt" | "wrong_key" | "target_not_empty" | "no_key" | "tool_failed" | "unsupported_pair",
    message: string,
  ) {
    super(message);
  }

  static foreign(): BackupError {
    return new BackupError("foreign", "Berkas ini bukan cadangan Koperasi Pintar.");
  }

  static corrupt(detail: string): BackupError {
    return new BackupError("corrupt", `Berkas cadangan rusak (${detail}); target tidak diubah.`);
  }

  static wrongKey(needed: string, given: string): BackupError {
    return new BackupError("wrong_key", `Kunci salah: cadangan ini dienkripsi dengan kunci ${needed}, sedangkan BACKUP_KEY yang dipakai adalah kunci ${given}.`);
  }
}
