// Preloaded (node --import) into the server processes a workload starts. When
// the process that started the server dies — a test runner torn down after a
// timeout, a soak interrupted — the pipe on the server's stdin closes, and the
// server dies with it instead of living on as an orphan that holds a port and
// keeps a database in use. Nothing else about the server changes.
const die = () => process.kill(process.pid, "SIGKILL");
process.stdin.on("end", die);
process.stdin.on("error", die);
process.stdin.resume();
