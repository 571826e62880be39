// npm run deploy -- --network <name> [options]
//
// Deploys the whole system through the Ignition modules in deploy/ with the network's
// parameters (deploy/parameters/<network>.json), filling in the first cycle's start from the
// chain. On HTTP networks Ignition journals the deployment in deploy/deployments/<id>/ (kept in
// the repository for public networks), which is where the keeper finds the addresses.
import Table from "cli-table3";
import { Command, InvalidArgumentError } from "commander";
import { network } from "hardhat";
import pc from "picocolors";
import { profileFor } from "./lib/networks.js";
import { deploySystem } from "./lib/system.js";

const positiveBigInt = (value: string) => {
  if (!/^\d+$/.test(value) || BigInt(value) === 0n)
    throw new InvalidArgumentError("expected a positive integer");
  return BigInt(value);
};

const program = new Command()
  .name("deploy")
  .description("Deploy the Reactor protocol (and, on a local chain, the DEX world first).")
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
  .parse();

const opts = program.opts<{
  network: string;
  rpcUrl?: string;
  deploymentId?: string;
  cycleSeconds?: bigint;
  firstStart?: bigint;
  addressesOut?: string;
}>();

try {
  const profile = profileFor(opts.network);
  const connection = await network.create(
    opts.rpcUrl === undefined
      ? opts.network
      : { network: opts.network, override: { url: opts.rpcUrl } },
  );
  console.log(pc.dim(`Deploying to ${opts.network} with ${profile.parametersFile}...`));
  const system = await deploySystem(connection, {
    profile,
    deploymentId: opts.deploymentId,
    cycleSeconds: opts.cycleSeconds,
    firstStart: opts.firstStart,
    addressBook: opts.addressesOut,
    displayUi: true,
  });
  const table = new Table({
    head: ["contract", "address"].map((h) => pc.cyan(h)),
    style: { head: [], border: [] },
  });
  const a = system.addresses;
  for (const [name, address] of Object.entries({
    ProtocolRoles: a.protocolRoles,
    TimelockController: a.timelock,
    Toke: a.toke,
    Treasury: a.treasury,
    CycleManager: a.cycleManager,
    WethGateway: a.wethGateway,
    ...Object.fromEntries(Object.entries(a.reactors).map(([s, r]) => [`Reactor ${s} (t${s})`, r])),
  })) {
    table.push([name, address]);
  }
  console.log(table.toString());
  console.log(
    pc.green(
      `Deployed on chain ${a.chainId}. Next: npm run keeper -- status --network ${opts.network}`,
    ),
  );
  process.exit(0);
} catch (error) {
  console.error(pc.red(`✗ deploy failed: ${(error as Error).message.split("\n")[0]}`));
  process.exit(1);
}
