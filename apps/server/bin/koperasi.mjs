#!/usr/bin/env node
// The `koperasi` command: runs the TypeScript CLI through tsx.
import { register } from "tsx/esm/api";

register();
if (process.argv[2] === "witness") {
  // The standalone witness needs none of the server (no database, no auth): it starts in a fraction of the time.
  const { runWitnessCommand } = await import("../src/witness/cli.ts");
  process.exitCode = await runWitnessCommand(process.argv.slice(3)).catch((error) => {
    console.error(`Gagal: ${error.message}`);
    return 1;
  });
} else {
  await import("../src/cli.ts");
}
