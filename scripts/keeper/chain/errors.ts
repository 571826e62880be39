// What a keeper failure looks like to its operator: a clear message and an exit code.
import { Interface, type ErrorDescription } from "ethers";
import {
  BalancerV2WeightedAdapter__factory,
  CycleManager__factory,
  EmissionController__factory,
  LDStaking__factory,
  LiquidityAllocator__factory,
  PriceFeed__factory,
  ProtocolRoles__factory,
  Reactor__factory,
  Treasury__factory,
  TwapOracle__factory,
  UniswapV2StyleAdapter__factory,
  VenueRegistry__factory,
} from "../../../typechain-types/index.js";
import { isRevert, isTransient } from "./retry.js";

/** Process exit codes (documented in `npm run keeper -- --help`). */
export const EXIT = {
  ok: 0,
  /** A transaction or simulation reverted, or the chain is in a state the keeper cannot fix. */
  failed: 1,
  /** Bad command line, unknown network, missing deployment or secret. */
  usage: 2,
  /** The node kept failing after every retry. */
  unavailable: 3,
} as const;

export class KeeperError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "KeeperError";
  }
}

/**
 * Custom errors of every contract a keeper call can reach, so a revert bubbling up from a
 * Reactor, the emission controller or a venue adapter decodes by name. New parts add theirs.
 */
const REVERT_SOURCES = [
  CycleManager__factory.abi,
  Reactor__factory.abi,
  Treasury__factory.abi,
  ProtocolRoles__factory.abi,
  EmissionController__factory.abi,
  LDStaking__factory.abi,
  VenueRegistry__factory.abi,
  PriceFeed__factory.abi,
  TwapOracle__factory.abi,
  LiquidityAllocator__factory.abi,
  UniswapV2StyleAdapter__factory.abi,
  BalancerV2WeightedAdapter__factory.abi,
];
const errorInterfaces = REVERT_SOURCES.map((abi) => new Interface(abi));

/** Registers more ABIs whose custom errors the keeper should name (venue adapters, ...). */
export function registerRevertSource(abi: ConstructorParameters<typeof Interface>[0]): void {
  errorInterfaces.push(new Interface(abi));
}

function revertData(error: unknown): string | undefined {
  const queue: unknown[] = [error];
  for (let i = 0; queue.length > 0 && i < 16; ++i) {
    const e = queue.shift() as {
      data?: unknown;
      cause?: unknown;
      error?: unknown;
      info?: { error?: unknown };
    };
    if (typeof e !== "object" || e === null) continue;
    if (typeof e.data === "string" && e.data.startsWith("0x") && e.data.length >= 10) return e.data;
    queue.push(e.cause, e.error, e.info?.error);
  }
  return undefined;
}

/** The decoded custom error in a revert, if any ABI we know declares it. */
export function decodeRevert(error: unknown): ErrorDescription | undefined {
  const data = revertData(error);
  if (data === undefined) return undefined;
  for (const iface of errorInterfaces) {
    try {
      const parsed = iface.parseError(data);
      if (parsed !== null) return parsed;
    } catch {
      // not this interface's error
    }
  }
  return undefined;
}

/**
 * Removes URLs from a message: node errors quote the RPC URL, which for hosted nodes carries
 * an API key. Nothing the keeper prints may contain one.
 */
export function redact(message: string): string {
  return message.replace(/\b(?:https?|wss?):\/\/[^\s"'<>)]+/gi, "<rpc url>");
}

/** `Name(arg, arg)` of a decoded revert, or the error's own short message (URLs redacted). */
export function describeRevert(error: unknown): string {
  const decoded = decodeRevert(error);
  if (decoded !== undefined) {
    return `${decoded.name}(${decoded.args.map((a: unknown) => String(a)).join(", ")})`;
  }
  const e = error as { shortMessage?: unknown; message?: unknown };
  if (typeof e.shortMessage === "string") return redact(e.shortMessage);
  return redact(typeof e.message === "string" ? e.message.split("\n")[0] : String(error));
}

/**
 * A configuration variable Hardhat could not resolve, anywhere in an error's chain: from the
 * environment (HHE7 `Configuration Variable "NAME" not found`) or from the keystore plugin
 * (HHE50002 `Key "NAME" not found in the development keystore`).
 */
const MISSING_VARIABLE =
  /(?:Configuration Variable|Key) "([A-Za-z0-9_]+)" not found(?: in the (?:development )?keystore)?/;

/**
 * A missing secret (an RPC URL or key from .env or the keystore) as a usage error naming it and
 * saying how to set it; undefined when `error` is something else.
 */
export function missingSecret(error: unknown): KeeperError | undefined {
  const queue: unknown[] = [error];
  for (let i = 0; queue.length > 0 && i < 16; ++i) {
    const e = queue.shift() as { message?: unknown; cause?: unknown } | null | undefined;
    if (typeof e !== "object" || e === null) continue;
    const match = typeof e.message === "string" ? MISSING_VARIABLE.exec(e.message) : null;
    if (match !== null) {
      return new KeeperError(
        `missing secret ${match[1]}: set it in .env or with \`npx hardhat keystore set ${match[1]}\``,
        EXIT.usage,
        { cause: error },
      );
    }
    queue.push(e.cause);
  }
  return undefined;
}

/** Turns anything thrown into a KeeperError with the right exit code and a one-line reason. */
export function toKeeperError(error: unknown, doing: string): KeeperError {
  if (error instanceof KeeperError) return error;
  const secret = missingSecret(error);
  if (secret !== undefined) return secret;
  if (isRevert(error)) {
    return new KeeperError(`${doing} reverted: ${describeRevert(error)}`, EXIT.failed, {
      cause: error,
    });
  }
  if (isTransient(error)) {
    return new KeeperError(
      `${doing}: the node kept failing (${describeRevert(error)})`,
      EXIT.unavailable,
      {
        cause: error,
      },
    );
  }
  const message = redact(error instanceof Error ? error.message.split("\n")[0] : String(error));
  return new KeeperError(`${doing} failed: ${message}`, EXIT.failed, { cause: error });
}
