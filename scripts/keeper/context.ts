// What every keeper job gets: typed handles on the deployed system, the network's keeper
// config, an output, and an RPC wrapper that retries transient failures.
import { network } from "hardhat";
import type { KeeperConfig } from "../lib/networks.js";
import { PROFILES, profileFor } from "../lib/networks.js";
import { attachSystem, loadAddresses, type System } from "../lib/system.js";
import { EXIT, KeeperError, toKeeperError } from "./errors.js";
import type { Output } from "./output.js";
import { withRetry } from "./retry.js";

export interface KeeperContext {
  readonly system: System;
  readonly config: KeeperConfig;
  readonly out: Output;
  /** Runs an RPC read (or any idempotent call), retrying transient failures. */
  rpc<T>(label: string, fn: () => Promise<T>): Promise<T>;
}

/** A context over a system already attached in this process (the demo, tests, benchmarks). */
export function keeperContext(
  system: System,
  out: Output,
  config: KeeperConfig = system.profile.keeper,
): KeeperContext {
  return {
    system,
    config,
    out,
    rpc: (label, fn) =>
      withRetry(fn, config.retry, (attempt, delayMs, error) =>
        out.event(
          "retry",
          { label, attempt, delayMs, reason: String((error as Error).message ?? error).split("\n")[0] },
          `  retrying ${label} in ${delayMs} ms (attempt ${attempt} of ${config.retry.attempts} failed)`,
        ),
      ),
  };
}

export interface OpenKeeperOptions {
  /** Hardhat network name (hardhat.config.ts). */
  readonly network: string;
  /** Overrides the network's RPC URL (a `hardhat node` on another port). Never printed. */
  readonly rpcUrl?: string;
  /** An address book written by deploySystem; default: the Ignition deployment folder. */
  readonly addresses?: string;
  /** Ignition deployment id (default chain-<chainId>). */
  readonly deploymentId?: string;
  /** Overrides of the network's keeper config. */
  readonly config?: Partial<KeeperConfig>;
  readonly out: Output;
}

/** Connects to `network`, finds the deployment and attaches to it. */
export async function openKeeper(options: OpenKeeperOptions): Promise<KeeperContext> {
  const profile = PROFILES[options.network] ?? profileFor("localhost");
  const config: KeeperConfig = { ...profile.keeper, ...options.config };
  let connection;
  try {
    connection = await network.create(
      options.rpcUrl === undefined
        ? options.network
        : { network: options.network, override: { url: options.rpcUrl } },
    );
  } catch (error) {
    // Hardhat names the missing network or config variable, never its value.
    throw new KeeperError(
      `cannot open network "${options.network}": ${(error as Error).message.split("\n")[0]}`,
      EXIT.usage,
      { cause: error },
    );
  }
  const bare = keeperContext(undefined as never, options.out, config);
  let chainId: number;
  try {
    chainId = await bare.rpc("eth_chainId", async () =>
      Number((await connection.ethers.provider.getNetwork()).chainId),
    );
  } catch (error) {
    throw toKeeperError(error, `connecting to ${options.network}`);
  }
  const addresses = await loadAddresses({
    chainId,
    network: options.network,
    addressBook: options.addresses,
    deploymentId: options.deploymentId,
  }).catch((error: unknown) => {
    throw new KeeperError((error as Error).message, EXIT.usage, { cause: error });
  });
  const code = await bare.rpc("eth_getCode", () =>
    connection.ethers.provider.getCode(addresses.cycleManager),
  );
  if (code === "0x") {
    throw new KeeperError(
      `no contract at the deployment's CycleManager (${addresses.cycleManager}) on chain ${chainId}: was the node restarted since the deployment?`,
      EXIT.usage,
    );
  }
  const system = await bare
    .rpc("attach", () => attachSystem(connection, addresses, { profile: { ...profile, keeper: config } }))
    .catch((error: unknown) => {
      throw toKeeperError(error, "reading the deployment");
    });
  return keeperContext(system, options.out, config);
}
