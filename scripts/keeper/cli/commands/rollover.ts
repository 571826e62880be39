import type { Command } from "commander";
import { rolloverJob } from "../../jobs/rollover.js";
import { positiveInt, type KeeperCommand } from "../command.js";

/** Test hook: makes `rollover` hang after N chunks so a test can kill it mid-rollover. */
function stallAfterChunks(): number | undefined {
  const raw = process.env.KEEPER_TEST_STALL_AFTER_CHUNKS;
  return raw === undefined || raw === "" ? undefined : positiveInt(raw);
}

export const rolloverCommand: KeeperCommand = {
  register(program, run) {
    program
      .command("rollover")
      .description("run the rollover if a cycle has ended (or resume one in progress)")
      .option("--dry-run", "print the plan and simulate its first step; send nothing", false)
      .option(
        "--max-chunks <n>",
        "stop after n settlement transactions (resume by running again)",
        positiveInt,
      )
      .option(
        "--max-cycles <n>",
        "most rollovers back to back when the schedule is behind",
        positiveInt,
      )
      .action(
        async (
          opts: { dryRun: boolean; maxChunks?: number; maxCycles?: number },
          command: Command,
        ) => {
          await run(rolloverJob, command, { ...opts, stallAfterChunks: stallAfterChunks() });
        },
      );
  },
};
