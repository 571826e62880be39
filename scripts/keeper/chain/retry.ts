// Retries of transient RPC failures, with exponential back-off. A revert is never transient.

/** How hard to retry (KeeperConfig.retry). */
export interface RetryPolicy {
  /** Total attempts, the first included. */
  readonly attempts: number;
  /** Back-off before the second attempt, ms; doubles each time. */
  readonly baseDelayMs: number;
  /** Longest back-off, ms. */
  readonly maxDelayMs: number;
}

/** Ethers error codes of a node that did not answer properly (never a revert). */
const TRANSIENT_ETHERS_CODES = new Set(["NETWORK_ERROR", "TIMEOUT", "SERVER_ERROR"]);
/** Hardhat's HTTP provider: HHE703 connection refused, HHE704 timeout, HHE702 bad JSON body. */
const TRANSIENT_HARDHAT_ERRORS = /\bHHE70[234]\b/;
/** Socket and HTTP failures, as Node, undici and node operators word them. */
const TRANSIENT_MESSAGES =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EAI_AGAIN|socket hang up|fetch failed|other side closed|Response status code (429|5\d\d)|Too Many Requests|Service Unavailable|Bad Gateway|Gateway Time-?out|rate limit|header not found|Cannot connect to the network|timed out/i;
/** JSON-RPC error codes nodes use for overload: limit exceeded, resource unavailable. */
const TRANSIENT_RPC_CODES = new Set([-32005, -32002, 429]);

interface ErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly error?: unknown;
  readonly info?: { readonly error?: unknown };
}

/** The error and everything it wraps (cause, error, info.error), outermost first. */
function chain(error: unknown): ErrorLike[] {
  const seen: ErrorLike[] = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && seen.length < 16) {
    const e = queue.shift();
    if (typeof e !== "object" || e === null || seen.includes(e as ErrorLike)) continue;
    const like = e as ErrorLike;
    seen.push(like);
    queue.push(like.cause, like.error, like.info?.error);
  }
  return seen;
}

/** Whether `error` is a revert (the chain said no): retrying cannot help. */
export function isRevert(error: unknown): boolean {
  return chain(error).some(
    (e) =>
      e.code === "CALL_EXCEPTION" ||
      (typeof e.message === "string" &&
        /reverted|revert(ed)? with|execution reverted/i.test(e.message)),
  );
}

/** Whether `error` looks like a node or network hiccup worth retrying. */
export function isTransient(error: unknown): boolean {
  if (isRevert(error)) return false;
  return chain(error).some((e) => {
    if (typeof e.code === "string" && TRANSIENT_ETHERS_CODES.has(e.code)) return true;
    if (typeof e.code === "number" && TRANSIENT_RPC_CODES.has(e.code)) return true;
    if (typeof e.message !== "string") return false;
    return TRANSIENT_HARDHAT_ERRORS.test(e.message) || TRANSIENT_MESSAGES.test(e.message);
  });
}

/**
 * JSON-RPC methods that must never be repeated blindly: the node may have acted on a call whose
 * answer was lost. The rollover loop handles them by reading the chain again instead.
 */
export const NON_IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  "eth_sendTransaction",
  "eth_sendRawTransaction",
]);

/** Whether a JSON-RPC error answer (not a thrown error) is an overloaded node's. */
export function isTransientRpcError(error: {
  readonly code?: unknown;
  readonly message?: unknown;
}): boolean {
  return isTransient({ code: error.code, message: error.message });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The back-off before attempt `attempt + 1` (attempt counts from 1). */
export function backoffMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

/**
 * Runs `fn`, retrying transient failures up to `policy.attempts` times in all. Anything else,
 * and the last transient failure, is thrown as it came.
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  onRetry: (attempt: number, delayMs: number, error: unknown) => void = () => {},
): Promise<T> {
  for (let attempt = 1; ; ++attempt) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= policy.attempts || !isTransient(error)) throw error;
      const delay = backoffMs(policy, attempt);
      onRetry(attempt, delay, error);
      await sleep(delay);
    }
  }
}
