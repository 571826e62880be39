import type { Command } from "commander";
import { EXIT } from "../../chain/errors.js";
import { watchJob } from "../../jobs/watch.js";
import { positiveInt, type KeeperCommand } from "../command.js";

export const watchCommand: KeeperCommand = {
  register(program, run) {
    program
      .command("watch")
      .description("keep running: roll over whenever a cycle comes due")
      .option("--max-rollovers <n>", "exit after n rollovers", positiveInt)
      .option("--poll <seconds>", "seconds between checks (default: per network)", positiveInt)
      .action(async (opts: { maxRollovers?: number; poll?: number }, command: Command) => {
        let stop = false;
        const request = () => {
          if (stop) process.exit(EXIT.failed); // a second Ctrl-C leaves at once
          stop = true;
          process.stderr.write("stopping after the current rollover (Ctrl-C again to quit now)\n");
        };
        process.on("SIGINT", request);
        process.on("SIGTERM", request);
        await run(watchJob, command, {
          maxRollovers: opts.maxRollovers,
          pollSeconds: opts.poll,
          stopRequested: () => stop,
        });
      });
  },
};
