// The keeper's command line: global options, one commander command per job (cli/commands.ts),
// and the exit codes of README's contract: 0 done, 1 reverted, 2 bad usage / missing deployment
// or secret, 3 the node kept failing. Every failure prints one line, once.
import { Command } from "commander";
import type { KeeperConfig } from "../../lib/networks.js";
import { openKeeper } from "../chain/connect.js";
import { EXIT, KeeperError, toKeeperError } from "../chain/errors.js";
import { createOutput } from "../chain/output.js";
import { isCommanderError, positiveInt, type RunJob } from "./command.js";
import { COMMANDS } from "./commands.js";

interface GlobalOptions {
  network: string;
  rpcUrl?: string;
  addresses?: string;
  deploymentId?: string;
  json: boolean;
  chunkSize?: number;
  confirmations?: number;
  rpcTimeout?: number;
  rpcAttempts?: number;
}

/** Leaves with `code` once what was written is flushed, even if sockets stay open. */
function exit(code: number): never {
  process.stdout.write("", () => process.exit(code));
  return undefined as never;
}

const runJob: RunJob = async (job, command, options, exitCodeOf = () => EXIT.ok) => {
  const g = command.optsWithGlobals<GlobalOptions>();
  const out = createOutput(g.json);
  let code: number = EXIT.ok;
  try {
    const config: Partial<KeeperConfig> = {
      ...(g.chunkSize === undefined ? {} : { chunkSize: g.chunkSize }),
      ...(g.confirmations === undefined ? {} : { confirmations: g.confirmations }),
      ...(g.rpcTimeout === undefined ? {} : { rpcTimeoutSeconds: g.rpcTimeout }),
    };
    const ctx = await openKeeper({
      network: g.network,
      rpcUrl: g.rpcUrl,
      addresses: g.addresses,
      deploymentId: g.deploymentId,
      config,
      retryAttempts: g.rpcAttempts,
      out,
    });
    const result = await job.run(ctx, options);
    out.result({ command: job.name, network: g.network, ...result }, () => job.render(result));
    code = exitCodeOf(result);
  } catch (error) {
    const failure = toKeeperError(error, job.name);
    out.failure(failure);
    if (process.env.KEEPER_DEBUG === "1") console.error(failure.cause);
    code = failure.exitCode;
  }
  process.exitCode = code;
};

/** The program, with every command registered. */
export function keeperProgram(): Command {
  const program = new Command()
    .name("keeper")
    .description("Reactor protocol keeper: rolls cycles over and reports the system's state.")
    // Set before the commands are added, so that every subcommand inherits them: a usage error
    // anywhere throws (exit 2) instead of commander's own process.exit(1).
    .exitOverride()
    .showSuggestionAfterError(true)
    .option("-n, --network <name>", "Hardhat network (hardhat.config.ts)", "localhost")
    .option("--rpc-url <url>", "override the network's RPC URL (never printed)")
    .option(
      "--addresses <file>",
      "address book written by the deploy (default: the Ignition deployment)",
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
    .option(
      "--rpc-timeout <seconds>",
      "seconds one JSON-RPC request may take before it is retried (default: per network)",
      positiveInt,
    )
    .option(
      "--rpc-attempts <n>",
      "attempts per JSON-RPC request on transient failures (default: per network)",
      positiveInt,
    )
    .addHelpText(
      "after",
      `
Exit codes: 0 done (or nothing due), 1 a simulation or transaction reverted, 2 bad usage /
missing deployment or secret / failed preflight, 3 the node kept failing after every retry.
Secrets (RPC URLs, keys) come from .env or Hardhat's keystore and are never printed.`,
    );
  for (const command of COMMANDS) command.register(program, runJob);
  return program;
}

/** Parses `argv` and runs the command; never returns (exits with the command's code). */
export async function runKeeperCli(argv: readonly string[]): Promise<never> {
  await keeperProgram()
    .parseAsync([...argv])
    .catch((error: unknown) => {
      // Commander printed the help or the usage error already (once).
      if (isCommanderError(error)) return exit(error.exitCode === 0 ? EXIT.ok : EXIT.usage);
      const failure = error instanceof KeeperError ? error : toKeeperError(error, "keeper");
      process.stderr.write(`${failure.message}\n`);
      return exit(failure.exitCode);
    });
  return exit(Number(process.exitCode ?? EXIT.ok));
}
