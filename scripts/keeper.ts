// The keeper CLI: npm run keeper -- <command> [options] --network <name>
//
// Runs as a plain TypeScript program (tsx) that imports Hardhat, rather than through
// `hardhat run`, because `hardhat run` does not forward arguments to scripts: commander parses
// everything, and `--network` picks the Hardhat network to connect to.
import { Command, CommanderError, InvalidArgumentError } from "commander";
import type { KeeperConfig } from "./lib/networks.js";
import { openKeeper, type KeeperContext } from "./keeper/context.js";
import { EXIT, KeeperError, toKeeperError } from "./keeper/errors.js";
import { pokeJob, pricesJob, rolloverJob, statusJob, watchJob, type Job } from "./keeper/jobs.js";
import { createOutput, type Output } from "./keeper/output.js";
import { addPricersCommand } from "./keeper/pricers.js";

interface GlobalOptions {
  network: string;
  rpcUrl?: string;
  addresses?: string;
  deploymentId?: string;
  json: boolean;
  chunkSize?: number;
  confirmations?: number;
}

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a positive integer");
  return n;
};

/** Test hook: makes `rollover` hang after N chunks so a test can kill it mid-rollover. */
function stallAfterChunks(): number | undefined {
  const raw = process.env.KEEPER_TEST_STALL_AFTER_CHUNKS;
  return raw === undefined || raw === "" ? undefined : positiveInt(raw);
}

function exit(code: number): never {
  // Flush what was written, then leave even if the network connection keeps sockets open.
  process.stdout.write("", () => process.exit(code));
  return undefined as never;
}

async function execute<O, R extends object>(
  job: Job<O, R>,
  command: Command,
  options: O,
  onResult: (result: R) => number = () => EXIT.ok,
): Promise<void> {
  const g = command.optsWithGlobals<GlobalOptions>();
  const out: Output = createOutput(g.json);
  let code: number = EXIT.ok;
  try {
    const config: Partial<KeeperConfig> = {
      ...(g.chunkSize === undefined ? {} : { chunkSize: g.chunkSize }),
      ...(g.confirmations === undefined ? {} : { confirmations: g.confirmations }),
    };
    const ctx: KeeperContext = await openKeeper({
      network: g.network,
      rpcUrl: g.rpcUrl,
      addresses: g.addresses,
      deploymentId: g.deploymentId,
      config,
      out,
    });
    const result = await job.run(ctx, options);
    out.result({ command: job.name, network: g.network, ...result }, () => job.render(result));
    code = onResult(result);
  } catch (error) {
    const failure = toKeeperError(error, job.name);
    out.failure(failure);
    if (process.env.KEEPER_DEBUG === "1") console.error(failure.cause);
    code = failure.exitCode;
  }
  exit(code);
}

const program = new Command()
  .name("keeper")
  .description("Reactor protocol keeper: rolls cycles over and reports the system's state.")
  .option("-n, --network <name>", "Hardhat network (hardhat.config.ts)", "localhost")
  .option("--rpc-url <url>", "override the network's RPC URL (never printed)")
  .option(
    "--addresses <file>",
    "address book written by deploySystem (default: the Ignition deployment)",
  )
  .option("--deployment-id <id>", "Ignition deployment id (default: chain-<chainId>)")
  .option("--json", "machine-readable output: one JSON object per line", false)
  .option(
    "--chunk-size <n>",
    "Reactors settled per transaction (default: per network)",
    positiveInt,
  )
  .option(
    "--confirmations <n>",
    "blocks to wait per transaction (default: per network)",
    positiveInt,
  )
  .addHelpText(
    "after",
    `
Exit codes: 0 done (or nothing due), 1 a simulation or transaction reverted, 2 bad usage /
missing deployment or secret, 3 the node kept failing after every retry.
Secrets (RPC URLs, keys) come from .env or Hardhat's keystore and are never printed.`,
  );

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
    async (opts: { dryRun: boolean; maxChunks?: number; maxCycles?: number }, command: Command) => {
      await execute(rolloverJob, command, { ...opts, stallAfterChunks: stallAfterChunks() });
    },
  );

program
  .command("watch")
  .description("keep running: roll over whenever a cycle comes due")
  .option("--max-rollovers <n>", "exit after n rollovers", positiveInt)
  .option("--poll <seconds>", "seconds between checks (default: per network)", positiveInt)
  .action(async (opts: { maxRollovers?: number; poll?: number }, command: Command) => {
    let stop = false;
    const request = () => {
      if (stop) exit(EXIT.failed); // a second Ctrl-C leaves at once
      stop = true;
      process.stderr.write("stopping after the current rollover (Ctrl-C again to quit now)\n");
    };
    process.on("SIGINT", request);
    process.on("SIGTERM", request);
    await execute(watchJob, command, {
      maxRollovers: opts.maxRollovers,
      pollSeconds: opts.poll,
      stopRequested: () => stop,
    });
  });

program
  .command("poke")
  .description("record TWAP observations ahead of the rollover (between the oracle's windows)")
  .action(async (_opts: object, command: Command) => {
    await execute(pokeJob, command, {});
  });

program
  .command("prices")
  .description("post asset-to-TOKE prices from the TWAPs to the price feed (KEEPER_ROLE)")
  .action(async (_opts: object, command: Command) => {
    await execute(pricesJob, command, {});
  });

program
  .command("status")
  .description("cycle, Reactors, stakes, emissions, APRs and Treasury holdings")
  .action(async (_opts: object, command: Command) => {
    await execute(statusJob, command, {});
  });

addPricersCommand(program, execute);

program.exitOverride();

await program.parseAsync(process.argv).catch((error: unknown) => {
  // Commander already printed help or the usage error.
  if (error instanceof CommanderError) exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
  const failure = error instanceof KeeperError ? error : toKeeperError(error, "keeper");
  process.stderr.write(`${failure.message}\n`);
  exit(failure.exitCode);
});
