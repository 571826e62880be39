// npm run deploy -- --network <name> [options]
//
// Deploys the whole system through the Ignition modules in deploy/ with the network's
// parameters (deploy/parameters/<network>.json), filling in the first cycle's start from the
// chain, then makes it ready to roll: on a local chain it seeds the venue pools, and on every
// network it tracks each pair the protocol prices in the TWAP oracle. On HTTP networks Ignition
// journals the deployment in deploy/deployments/<id>/, next to the address book
// (addresses.json) the keeper and the app read.
//
// Exit codes (as the keeper's): 0 deployed, 1 a transaction or module failed, 2 bad usage,
// failed preflight, a journal that does not match the chain, or a missing secret; 3 the node
// did not answer.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import Table from "cli-table3";
import { Command, InvalidArgumentError } from "commander";
import hre, { network } from "hardhat";
import pc from "picocolors";
import { isCommanderError } from "./keeper/cli/command.js";
import { EXIT, KeeperError, missingSecret, toKeeperError } from "./keeper/chain/errors.js";
import { fmtFeedPrice } from "./lib/format.js";
import { listPairs, pairingsOf, untrackedPairs } from "./lib/listing.js";
import { profileFor, type NetworkProfile } from "./lib/networks.js";
import { PreflightError, checkCode, preflightDeploy } from "./lib/preflight.js";
import { placeMainnetReplica } from "./lib/replica.js";
import {
  deploymentParameters,
  deploySystem,
  ignitionDeploymentDir,
  writeAddressBook,
  type Connection,
  type System,
} from "./lib/system.js";
import { seedMarket } from "./demo/market.js";

/** Hardhat's local chains: the only ones whose journal --reset may delete. */
const LOCAL_CHAIN_ID = 31_337;
/** Seconds one JSON-RPC request may take before it fails the deploy (exit 3). */
const DEFAULT_RPC_TIMEOUT_SECONDS = 60;

interface Options {
  network: string;
  rpcUrl?: string;
  deploymentId?: string;
  cycleSeconds?: bigint;
  firstStart?: bigint;
  addressesOut?: string;
  reset: boolean;
  rpcTimeout: number;
}

const positiveBigInt = (value: string) => {
  if (!/^\d+$/.test(value) || BigInt(value) === 0n)
    throw new InvalidArgumentError("expected a positive integer");
  return BigInt(value);
};
const positiveInt = (value: string) => Number(positiveBigInt(value));

const interactive = process.stdout.isTTY === true;
/** One line of progress (condensed: a phase per line, also in a log file). */
const step = (text: string) => console.log(pc.dim(`• ${text}`));
const usage = (message: string) => new KeeperError(message, EXIT.usage);

/**
 * Checks that the journal of an earlier deployment (if any) describes this chain: every address
 * it recorded holds code. A restarted local node loses them, and Ignition would otherwise fail
 * deep in its reconciliation.
 */
async function checkJournal(connection: Connection, dir: string, network: string) {
  let recorded: Record<string, string>;
  try {
    recorded = JSON.parse(
      await readFile(path.join(dir, "deployed_addresses.json"), "utf8"),
    ) as Record<string, string>;
  } catch {
    return; // no journal yet: a fresh deployment
  }
  const chainId = Number((await connection.ethers.provider.getNetwork()).chainId);
  try {
    await checkCode(
      connection.ethers.provider,
      chainId,
      Object.entries(recorded).map(([label, address]) => ({ label, address })),
      "",
    );
  } catch (error) {
    if (!(error instanceof PreflightError)) throw error;
    throw usage(
      `the journal ${dir} does not match the chain (${error.message.replace(/^preflight: /, "").replace(/: $/, "")}): the node was restarted or is another chain; deploy afresh with \`npm run deploy -- --network ${network} --reset\``,
    );
  }
}

/** Turns Ignition's multi-line failures into one line with the fix. */
function ignitionFailure(error: unknown, dir: string, network: string): KeeperError | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (!/reconciliation errors/.test(message)) return undefined;
  const first = message.split("\n").find((l) => l.trim().startsWith("*")) ?? "";
  return usage(
    `the journal ${dir} was made with other modules or parameters (${first.trim().replace(/^\* /, "")}): deploy afresh with \`npm run deploy -- --network ${network} --reset\`, or pass the journal's --first-start and --cycle-seconds`,
  );
}

/** Seeds the venue pools on a local chain (once) and tracks every priced pair. */
async function readyToRoll(system: System, profile: NetworkProfile): Promise<string[]> {
  const listings = pairingsOf(system);
  if (profile.dex === "local" && (await untrackedPairs(system)).length > 0) {
    const dex = system.dex;
    const [first] = listings;
    const seeded =
      dex === undefined || first === undefined
        ? true
        : BigInt(
            await dex.uniswap.factory.getPair(
              await system.assets[first.token].getAddress(),
              await system.assets[first.base].getAddress(),
            ),
          ) !== 0n;
    if (!seeded) {
      step("seeding the venue pools at the reference prices (Uniswap V2, SushiSwap, Balancer V2)");
      const [, maker] = await system.connection.ethers.getSigners();
      const market = await seedMarket(system, maker ?? system.signer);
      await listPairs(system, market.listings);
    }
  }
  // Tracks what can be tracked (a funded Uniswap V2 pair); the rest is reported.
  await listPairs(system, listings);
  return untrackedPairs(system);
}

async function deploy(opts: Options): Promise<void> {
  let profile: NetworkProfile;
  try {
    profile = profileFor(opts.network);
  } catch (error) {
    throw usage((error as Error).message);
  }
  const isHttp = hre.config.networks[opts.network]?.type === "http";
  let connection: Connection;
  try {
    connection = await network.create({
      network: opts.network,
      override: {
        ...(opts.rpcUrl === undefined ? {} : { url: opts.rpcUrl }),
        ...(isHttp ? { timeout: opts.rpcTimeout * 1000 } : {}),
      },
    });
  } catch (error) {
    throw (
      missingSecret(error) ??
      usage(`cannot open network "${opts.network}": ${(error as Error).message.split("\n")[0]}`)
    );
  }
  const provider = connection.ethers.provider;
  const chainId = Number((await provider.getNetwork()).chainId);
  console.log(
    pc.dim(`Deploying to ${opts.network} (chain ${chainId}) with ${profile.parametersFile}`),
  );
  if (opts.network === "mainnetReplica") {
    step("placing mainnet's WETH, USDC, Uniswap V2, SushiSwap and Balancer V2 at their addresses");
    await placeMainnetReplica(connection);
  }
  const parameters = await deploymentParameters(connection, profile, opts);
  try {
    await preflightDeploy(provider, profile, parameters);
  } catch (error) {
    if (error instanceof PreflightError) throw usage(error.message);
    throw error;
  }
  step("preflight: chain id, code at every configured address, token decimals");

  const dir = ignitionDeploymentDir(chainId, opts.deploymentId);
  if (opts.reset) {
    if (chainId !== LOCAL_CHAIN_ID) {
      throw usage(
        `--reset deletes the journal ${dir}; on chain ${chainId} it is the record of a public deployment: restore or remove it by hand`,
      );
    }
    await rm(dir, { recursive: true, force: true });
    step(`--reset: removed the journal ${dir}`);
  } else if (isHttp) {
    await checkJournal(connection, dir, opts.network);
  }

  step(`Ignition: deploying the modules${isHttp ? ` (journal ${dir})` : ""}`);
  let system: System;
  try {
    system = await deploySystem(connection, {
      profile,
      deploymentId: opts.deploymentId,
      cycleSeconds: opts.cycleSeconds,
      firstStart: opts.firstStart,
      displayUi: interactive,
    });
  } catch (error) {
    throw ignitionFailure(error, dir, opts.network) ?? error;
  }
  const untracked = await readyToRoll(system, profile);
  step(
    untracked.length === 0
      ? "every priced pair is tracked by the TWAP oracle"
      : `not tracked (no funded Uniswap V2 pair yet): ${untracked.join(", ")}`,
  );

  const book = path.join(dir, "addresses.json");
  await writeAddressBook(book, system.addresses);
  if (opts.addressesOut !== undefined) await writeAddressBook(opts.addressesOut, system.addresses);

  const table = new Table({
    head: ["contract", "address", "first price"].map((h) => pc.cyan(h)),
    style: { head: [], border: [], compact: !interactive },
  });
  const a = system.addresses;
  for (const [name, address] of Object.entries({
    ProtocolRoles: a.protocolRoles,
    TimelockController: a.timelock,
    Toke: a.toke,
    Treasury: a.treasury,
    CycleManager: a.cycleManager,
    WethGateway: a.wethGateway,
  })) {
    table.push([name, address, ""]);
  }
  for (const [symbol, reactor] of Object.entries(a.reactors)) {
    const price = parameters[`ReactorWiring_${symbol}`]?.price;
    const decimals = Number(await system.assets[symbol].decimals());
    table.push([
      `Reactor ${symbol} (t${symbol})`,
      reactor,
      typeof price === "bigint" ? `1 ${symbol} = ${fmtFeedPrice(price, decimals)}` : "",
    ]);
  }
  console.log(table.toString());
  console.log(
    pc.green(
      `Deployed on chain ${a.chainId}; address book ${book}. Next: npm run keeper -- status --network ${opts.network}`,
    ),
  );
}

const program = new Command()
  .name("deploy")
  .description("Deploy the Reactor protocol (and, on a local chain, the DEX world first).")
  .exitOverride()
  .option("-n, --network <name>", "Hardhat network (hardhat.config.ts)", "localhost")
  .option("--rpc-url <url>", "override the network's RPC URL (never printed)")
  .option("--deployment-id <id>", "Ignition deployment id (default: chain-<chainId>)")
  .option(
    "--cycle-seconds <s>",
    "cycle length in seconds (default: the parameter file's)",
    positiveBigInt,
  )
  .option(
    "--first-start <unix>",
    "when cycle 0 starts (default: the latest block's time)",
    positiveBigInt,
  )
  .option("--addresses-out <file>", "also write the address book (JSON) to this file")
  .option("--reset", "local chains: delete the journal first and deploy afresh", false)
  .option(
    "--rpc-timeout <seconds>",
    "seconds one JSON-RPC request may take",
    positiveInt,
    DEFAULT_RPC_TIMEOUT_SECONDS,
  );

let code: number = EXIT.ok;
try {
  program.parse();
  await deploy(program.opts<Options>());
} catch (error) {
  if (isCommanderError(error)) {
    code = error.exitCode === 0 ? EXIT.ok : EXIT.usage; // commander printed it
  } else {
    const failure = toKeeperError(error, "deploy");
    console.error(pc.red(`✗ ${failure.message.split("\n")[0]}`));
    code = failure.exitCode;
  }
}
process.stdout.write("", () => process.exit(code));
