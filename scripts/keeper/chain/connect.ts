// Opening the keeper on a network: the connection (with a timeout on every JSON-RPC request and
// retries of the idempotent ones), the deployment's address book, the preflight checks and the
// typed system. Everything that goes wrong here is bad usage (exit 2) or an unavailable node
// (exit 3), with one line that says which.
import hre, { network } from "hardhat";
import type { KeeperConfig } from "../../lib/networks.js";
import { profileFor } from "../../lib/networks.js";
import { PreflightError, preflightKeeper } from "../../lib/preflight.js";
import { attachSystem, loadAddresses } from "../../lib/system.js";
import { keeperContext, type KeeperContext } from "./context.js";
import {
  EXIT,
  KeeperError,
  describeRevert,
  missingSecret,
  redact,
  toKeeperError,
} from "./errors.js";
import type { Output } from "./output.js";
import {
  NON_IDEMPOTENT_METHODS,
  isTransientRpcError,
  withRetry,
  type RetryPolicy,
} from "./retry.js";

class TransientRpcAnswer extends Error {
  constructor(
    readonly answer: unknown,
    message: string,
    readonly code: unknown,
  ) {
    super(message);
  }
}

let retriesInstalled = false;

/**
 * Retries every idempotent JSON-RPC request of this process that fails transiently (refused,
 * timed out, 429/5xx, an overloaded node's error answer), with exponential back-off. Installed
 * once per process.
 */
export function installReadRetries(policy: RetryPolicy, out: Output): void {
  if (retriesInstalled) return;
  retriesInstalled = true;
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
  /** An address book written by the deploy; default: the Ignition deployment folder. */
  readonly addresses?: string;
  /** Ignition deployment id (default chain-<chainId>). */
  readonly deploymentId?: string;
  /** Overrides of the network's keeper config. */
  readonly config?: Partial<KeeperConfig>;
  /** Overrides the retry policy's attempts per request. */
  readonly retryAttempts?: number;
  readonly out: Output;
}

const usage = (message: string, cause?: unknown) => new KeeperError(message, EXIT.usage, { cause });

/** Connects to `network`, finds the deployment, checks it (preflight) and attaches to it. */
export async function openKeeper(options: OpenKeeperOptions): Promise<KeeperContext> {
  let profile;
  try {
    profile = profileFor(options.network);
  } catch (error) {
    throw usage((error as Error).message, error);
  }
  const merged: KeeperConfig = { ...profile.keeper, ...options.config };
  const config: KeeperConfig =
    options.retryAttempts === undefined
      ? merged
      : { ...merged, retry: { ...merged.retry, attempts: options.retryAttempts } };
  installReadRetries(config.retry, options.out);
  let connection;
  try {
    const timeout = config.rpcTimeoutSeconds * 1000;
    const isHttp = hre.config.networks[options.network]?.type === "http";
    const override = {
      ...(options.rpcUrl === undefined ? {} : { url: options.rpcUrl }),
      ...(isHttp ? { timeout } : {}),
    };
    connection = await network.create({ network: options.network, override });
  } catch (error) {
    // Hardhat names the missing network or config variable, never its value.
    throw (
      missingSecret(error) ??
      usage(
        `cannot open network "${options.network}": ${redact((error as Error).message.split("\n")[0])}`,
        error,
      )
    );
  }
  const provider = connection.ethers.provider;
  let chainId: number;
  try {
    chainId = Number((await provider.getNetwork()).chainId);
  } catch (error) {
    throw toKeeperError(error, `connecting to ${options.network}`);
  }
  const addresses = await loadAddresses({
    chainId,
    network: options.network,
    addressBook: options.addresses,
    deploymentId: options.deploymentId,
  }).catch((error: unknown) => {
    throw usage((error as Error).message, error);
  });
  try {
    await preflightKeeper(
      provider,
      profile,
      addresses,
      options.addresses ?? `the deployment of chain ${chainId}`,
    );
  } catch (error) {
    if (error instanceof PreflightError) throw usage(error.message, error);
    throw toKeeperError(error, "preflight");
  }
  const system = await attachSystem(connection, addresses, {
    profile: { ...profile, keeper: config },
  }).catch((error: unknown) => {
    throw missingSecret(error) ?? toKeeperError(error, "reading the deployment");
  });
  return keeperContext(system, options.out, config);
}
