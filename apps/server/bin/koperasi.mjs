#!/usr/bin/env node
// The `koperasi` command: the CLI compiled ahead of time (apps/server/dist/),
// built first when missing or older than its sources. Plain JavaScript, so it
// runs from a production install without tsx.
import { pathToFileURL } from "node:url";
import { builtEntry, ensureServerBuild } from "../scripts/build.mjs";

await ensureServerBuild();
if (process.argv[2] === "witness") {
  // The standalone witness needs none of the server (no database, no auth): it starts in a fraction of the time.
  const { runWitnessCommand } = await import(pathToFileURL(builtEntry("witness")).href);
  process.exitCode = await runWitnessCommand(process.argv.slice(3)).catch((error) => {
    console.error(`Gagal: ${error.message}`);
    return 1;
  });
} else {
  await import(pathToFileURL(builtEntry("cli")).href);
}
