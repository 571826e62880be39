// Reverts in plain sentences: the revert data is decoded with the contracts' own ABIs
// (Interface.parseError), then worded with the amounts in the token the action is about.
import { isHexString, type ErrorDescription, type Result } from "ethers";
import { ERRORS } from "./abis";
import { duration, fmt, type Unit } from "./format";

/** What an action is about, so that amounts in its errors read as tokens. */
export interface ErrorContext {
  /** The unit of share amounts (a tAsset). */
  readonly shares?: Unit;
  /** The unit of asset amounts (the asset, or TOKE for staking). */
  readonly assets?: Unit;
}

/** Finds revert data in an error from ethers, a wallet or a JSON-RPC node (nested anywhere). */
export function revertData(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const walk = (value: unknown, depth: number): string | undefined => {
    if (value === null || typeof value !== "object" || depth > 6 || seen.has(value)) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    const data = record.data;
    if (typeof data === "string" && isHexString(data) && data.length >= 10) return data;
    for (const key of ["data", "error", "info", "cause", "revert"]) {
      const found = walk(record[key], depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(error, 0);
}

const SENTENCES: Record<string, (a: Result, c: ErrorContext) => string> = {
  ReactorExceedsClaimable: (a, c) =>
    `You asked to redeem ${amt(a[1], c.shares)} but ${amt(a[2], c.shares, false)} ${be(a[2])} claimable.`,
  ReactorRequestExceedsBalance: (a, c) =>
    `You asked to redeem ${amt(a[1], c.shares)} but hold ${amt(a[2], c.shares)}.`,
  ReactorClaimablePending: (a, c) =>
    `You have ${amt(a[1], c.shares)} claimable: claim them before a new request.`,
  ReactorZeroShares: () => "That amount is too small: it comes to zero shares.",
  ReactorPaused: () => "Deposits into this Reactor are paused by the guardian.",
  ReactorControllerNotOwner: () => "Requests must be made by the owner of the shares.",
  ReactorNotOperator: (a) => `${a[0]} is not an operator of ${a[1]}.`,
  ReactorAsyncRedeem: () =>
    "Redemptions are asynchronous: request first, claim after the rollover.",
  ERC20InsufficientBalance: (a, c) =>
    `You have ${amt(a[1], c.assets)} but ${amt(a[2], c.assets)} are needed.`,
  ERC20InsufficientAllowance: (a, c) =>
    `The allowance is ${amt(a[1], c.assets)} but ${amt(a[2], c.assets)} are needed: approve first.`,
  ERC4626ExceededMaxRedeem: (a, c) =>
    `You asked to redeem ${amt(a[1], c.shares)} but at most ${amt(a[2], c.shares)} can be redeemed.`,
  ERC4626ExceededMaxWithdraw: (a, c) =>
    `You asked to withdraw ${amt(a[1], c.assets)} but at most ${amt(a[2], c.assets)} can be withdrawn.`,
  ERC4626ExceededMaxDeposit: (a, c) =>
    `You asked to deposit ${amt(a[1], c.assets)} but at most ${amt(a[2], c.assets)} can be deposited.`,
  ERC2612ExpiredSignature: () => "The permit signature expired: sign again.",
  CycleManagerCycleNotEnded: (a) =>
    `The cycle is not over: the rollover is due in ${duration(BigInt(a[0]) - BigInt(a[1]))}.`,
  CycleManagerRolloverInProgress: (a) => `The rollover of cycle ${a[0]} is already in progress.`,
  CycleManagerNoRollover: () => "No rollover is in progress.",
  CycleManagerReactorsPending: (a) =>
    `${BigInt(a[1]) - BigInt(a[0])} Reactors still have to be settled before completing.`,
  LDStakingZero: () => "Enter an amount above zero.",
  LDStakingNotListed: () => "This Reactor is not open for staking.",
  LDStakingPaused: () => "Staking on this Reactor is paused by the guardian.",
  LDStakingRetired: () => "This Reactor was retired: staking is closed.",
  LDStakingExceedsStake: (a, c) =>
    `You asked to unstake ${amt(a[1], c.assets)} but ${amt(a[2], c.assets, false)} ${be(a[2])} staked.`,
  LDStakingExitPending: (a) =>
    `An unstake request (cycle ${a[1]}) is still open: withdraw it once it matures.`,
  LDStakingNothingToWithdraw: (a) =>
    `Nothing to withdraw yet: the unstake request matures after cycle ${a[1]}.`,
  VenueRegistryOverVote: (a) => `The vote adds up to ${bps(a[0])}: at most 100% is allowed.`,
  VenueRegistryVenueNotAllowed: () => "One of the venues is not allowed for this Reactor.",
  VenueRegistryBadShare: (a) => `A venue's share of ${bps(a[1])} is not allowed.`,
  LDVoteRelayExpiredSignature: () => "The signature expired: sign again.",
  LDVoteRelayInvalidSignature: () => "The signature does not match the voter.",
  DeGenesisWindowClosed: () => "The DeGenesis window is not open.",
  DeGenesisNotWhitelisted: () => "This wallet is not on the DeGenesis whitelist.",
  DeGenesisWalletCapExceeded: (a) =>
    `That would commit $${usd(a[1])}, above the wallet cap of $${usd(a[2])}.`,
  DeGenesisZeroCommit: () => "Enter an amount above zero.",
  DeGenesisNothingToClaim: () => "Nothing to claim from DeGenesis.",
  DeGenesisNotFinalized: () => "DeGenesis is not finalized yet.",
  GenesisPoolPrivate: () => "This Genesis pool is private to DeGenesis participants for now.",
  GenesisPoolLocked: () => "This Genesis pool is still locked.",
  StakingPoolInsufficientStake: (a) =>
    `You asked to withdraw ${amt(a[1])} but ${amt(a[2], undefined, false)} ${be(a[2])} staked.`,
  StakingPoolZeroAmount: () => "Enter an amount above zero.",
  TreasuryInsufficientHoldings: () => "The Treasury does not hold enough of that asset.",
};

const TOKE_UNIT: Unit = { symbol: "tokens", decimals: 18 };
const amt = (value: unknown, unit: Unit = TOKE_UNIT, withSymbol = true) =>
  withSymbol
    ? fmt(BigInt(value as bigint), unit)
    : fmt(BigInt(value as bigint), unit).split(" ")[0];
const be = (value: unknown) => (BigInt(value as bigint) === 10n ** 18n ? "is" : "are");
const bps = (value: unknown) => `${Number(value) / 100}%`;
const usd = (value: unknown) =>
  (Number(BigInt(value as bigint) / 10n ** 16n) / 100).toLocaleString("en-US");

/** The decoded custom error of `error`, if its revert data matches one the contracts declare. */
export function decodeError(error: unknown): ErrorDescription | undefined {
  const data = revertData(error);
  if (data === undefined) return undefined;
  try {
    return ERRORS.parseError(data) ?? undefined;
  } catch {
    return undefined;
  }
}

/** `error` as one plain sentence. */
export function explain(error: unknown, context: ErrorContext = {}): string {
  const decoded = decodeError(error);
  if (decoded !== undefined) {
    const sentence = SENTENCES[decoded.name];
    if (sentence !== undefined) return sentence(decoded.args, context);
    if (decoded.name === "Error") return `The contract refused: ${String(decoded.args[0])}.`;
    return `The contract refused: ${words(decoded.name)}.`;
  }
  const record = (error ?? {}) as { code?: unknown; shortMessage?: unknown; message?: unknown };
  if (record.code === 4001 || record.code === "ACTION_REJECTED")
    return "You rejected the request in the wallet.";
  const message =
    typeof record.shortMessage === "string" ? record.shortMessage : String(record.message ?? error);
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}

/** "ReactorZeroShares" -> "reactor zero shares" */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}
