// A keeper command: a self-contained file under cli/commands/ that declares its commander
// command and runs one job through `run`, listed once in cli/commands.ts.
import { InvalidArgumentError, type Command } from "commander";
import type { Job } from "../jobs/job.js";

/** Runs `job` with `options` for the command being executed, then exits with its code. */
export type RunJob = <O, R extends object>(
  job: Job<O, R>,
  command: Command,
  options: O,
  exitCodeOf?: (result: R) => number,
) => Promise<void>;

export interface KeeperCommand {
  /** Adds the command (and its subcommands) to `program`. */
  register(program: Command, run: RunJob): void;
}

/** commander parser of a positive integer option (a bad value exits 2, printed once). */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1)
    throw new InvalidArgumentError("expected a positive integer");
  return n;
}

/** A command without options of its own that runs `job`. */
export function jobCommand(
  name: string,
  description: string,
  job: Job<Record<string, never>, object>,
): KeeperCommand {
  return {
    register(program, run) {
      program
        .command(name)
        .description(description)
        .action(async (_opts: object, command: Command) => run(job, command, {}));
    },
  };
}

/**
 * Whether `error` is commander's (a usage error it printed already, or help shown). Checked by
 * its code: the error may come from another copy of commander than the one imported here.
 */
export function isCommanderError(error: unknown): error is { code: string; exitCode: number } {
  const e = error as { code?: unknown; exitCode?: unknown } | null;
  return (
    typeof e === "object" &&
    e !== null &&
    typeof e.code === "string" &&
    e.code.startsWith("commander.") &&
    typeof e.exitCode === "number"
  );
}
