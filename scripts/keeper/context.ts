// What every keeper job gets: typed handles on the deployed system, the network's keeper config
// and an output. Transient node failures are retried below the jobs, on every read the process
// makes (a Hardhat network hook); sends are never repeated blindly (see rollover/job.ts).
import hre, { network } from "hardhat";
import type { KeeperConfig } from "../lib/networks.js";
import { profileFor } from "../lib/networks.js";
import { attachSystem, loadAddresses, type System } from "../lib/system.js";
import { EXIT, KeeperError, describeRevert, redact, toKeeperError } from "./errors.js";
import type { Output } from "./output.js";
// Registers the parts' rollover steps and status columns.
import "./parts.js";
import {
  NON_IDEMPOTENT_METHODS,
  isTransientRpcError,
  withRetry,
  type RetryPolicy,
} from "./retry.js";

export interface KeeperContext {
  readonly system: System;
  readonly config: KeeperConfig;
  readonly out: Output;
  /** Runs a chain read under a label: failures name what was being done. */
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
    rpc: async (label, fn) => {
      try {
        return await fn();
      } catch (error) {
        throw toKeeperError(error, label);
      }
    },
  };
}

class TransientRpcAnswer extends Error {
  constructor(
    readonly answer: unknown,
    message: string,
    readonly code: unknown,
  ) {
    super(message);
  }
}

/**
 * Retries every idempotent JSON-RPC request of this process that fails transiently (refused,
 * timed out, 429/5xx, an overloaded node's error answer), with exponential back-off.
 */
export function installReadRetries(policy: RetryPolicy, out: Output): void {
  hre.hooks.registerHandlers("network", {
    onRequest: async (context, connection, request, next) => {
      if (NON_IDEMPOTENT_METHODS.has(request.method)) return next(context, connection, request);
      try {
        return await withRetry(
          async () => {
            const answer = await next(context, connection, request);
            if ("error" in answer && isTransientRpcError(answer.error)) {
              throw new TransientRpcAnswer(answer, String(answer.error.message), answer.error.code);
            }
            return answer;
          },
          policy,
          (attempt, delayMs, error) =>
            out.event(
              "retry",
              { method: request.method, attempt, delayMs, reason: describeRevert(error) },
              `  ${request.method}: ${describeRevert(error)}; retry ${attempt} of ${policy.attempts - 1} in ${delayMs} ms`,
            ),
        );
      } catch (error) {
        // The node's own (error) answer, once retries are exhausted.
        if (error instanceof TransientRpcAnswer)
          return error.answer as Awaited<ReturnType<typeof next>>;
        throw error;
      }
    },
  });
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
  let profile;
  try {
    profile = profileFor(options.network);
  } catch (error) {
    throw new KeeperError((error as Error).message, EXIT.usage);
  }
  const config: KeeperConfig = { ...profile.keeper, ...options.config };
  installReadRetries(config.retry, options.out);
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
      `cannot open network "${options.network}": ${redact((error as Error).message.split("\n")[0])}`,
      EXIT.usage,
      { cause: error },
    );
  }
  let chainId: number;
  try {
    chainId = Number((await connection.ethers.provider.getNetwork()).chainId);
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
  const code = await connection.ethers.provider
    .getCode(addresses.cycleManager)
    .catch((error: unknown) => {
      throw toKeeperError(error, "reading the deployment");
    });
  if (code === "0x") {
    throw new KeeperError(
      `no contract at the deployment's CycleManager (${addresses.cycleManager}) on chain ${chainId}: was the node restarted since the deployment?`,
      EXIT.usage,
    );
  }
  const system = await attachSystem(connection, addresses, {
    profile: { ...profile, keeper: config },
  }).catch((error: unknown) => {
    throw toKeeperError(error, "reading the deployment");
  });
  return keeperContext(system, options.out, config);
}
