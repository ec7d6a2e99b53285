import type { CommandContext } from "../command/command-context";

/**
 * Runs work in one tenant transaction as the admitted person, each call its
 * own transaction. For the few commands that cannot be one transaction: a
 * contact change around the verification code's own, an import that goes on
 * in the background after the answer, a file streamed after the answer starts.
 */
export type CommandRunner = <T>(work: (cmd: CommandContext) => Promise<T>) => Promise<T>;
