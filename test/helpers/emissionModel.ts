/**
 * The emission formula of docs/emissions.md, written independently of the contracts, in bigint
 * with the same floors, so that tests can predict every payout to the wei.
 */

export const BPS = 10_000n;
export const PRICE_SCALE = 10n ** 18n;
export const ACC_SCALE = 10n ** 18n;
export const RATE_SCALE = 10n ** 18n;
/** K at deployment: the LDs of a Reactor earn at most 3x the round's average LD rate. */
export const DEFAULT_RATE_CAP_BPS = 30_000n;

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Value of `amount` asset wei at `price` (TOKE wei per asset wei, 1e18-scaled), in TOKE wei. */
export function value(amount: bigint, price: bigint): bigint {
  return (amount * price) / PRICE_SCALE;
}

/** w = (F (a + t) + (1 - F) 2 min(a, t)), F in basis points, rounded down once. */
export function weight(a: bigint, t: bigint, floorBps: bigint): bigint {
  return (floorBps * (a + t) + (BPS - floorBps) * 2n * min(a, t)) / BPS;
}

/**
 * The two sides: each keeps the floor of its own size (LP F a, LD F t); the balance part
 * (1 - F) 2 min(a, t) goes to the thinner side (LP its t / (a + t)). LP rounded down, LD the rest.
 */
export function split(a: bigint, t: bigint, floorBps: bigint): { lp: bigint; ld: bigint } {
  const total = a + t;
  if (total === 0n) return { lp: 0n, ld: 0n };
  const w = weight(a, t, floorBps);
  const balancePart = (BPS - floorBps) * 2n * min(a, t);
  const lp = (floorBps * a * total + balancePart * t) / (BPS * total);
  return { lp, ld: w - lp };
}

export function share(budget: bigint, part: bigint, total: bigint): bigint {
  return total === 0n ? 0n : (budget * part) / total;
}

export function directPart(ld: bigint, stakeSum: bigint, pooled: bigint): bigint {
  return stakeSum + pooled === 0n ? ld : (ld * stakeSum) / (stakeSum + pooled);
}

export function pooledPart(ldTotal: bigint, stakeSum: bigint, pooled: bigint): bigint {
  return stakeSum + pooled === 0n ? 0n : (ldTotal * pooled) / (stakeSum + pooled);
}

/** A Reactor's values in one cycle, TOKE wei: assets (valued) and active LD stake (incl. requests). */
export interface ReactorValues {
  a: bigint;
  t: bigint;
}

/** Weights fixed for the next cycle from one cycle's values. */
export interface Snapshot {
  weights: Map<string, { lp: bigint; ld: bigint }>;
  values: Map<string, ReactorValues>;
  total: bigint;
  ldTotal: bigint;
  stakeSum: bigint;
  pooled: bigint;
}

/** The snapshot the rollover closing a cycle takes from that cycle's values. */
export function snapshot(
  values: Map<string, ReactorValues>,
  pooled: bigint,
  floorBps: bigint,
): Snapshot {
  const weights = new Map<string, { lp: bigint; ld: bigint }>();
  let total = 0n;
  let ldTotal = 0n;
  let stakeSum = 0n;
  for (const [name, { a, t }] of values) {
    const w = weight(a, t, floorBps);
    const s = split(a, t, floorBps);
    weights.set(name, s);
    total += w;
    ldTotal += s.ld;
    stakeSum += t;
  }
  return { weights, values, total, ldTotal, stakeSum, pooled };
}

/** The LD rate cap: K (bps) times the round's average LD rate ldTotal / (S + P), 1e18-scaled. */
export function maxLdRate(
  ldTotal: bigint,
  capBps: bigint,
  stakeSum: bigint,
  pooled: bigint,
): bigint {
  const total = stakeSum + pooled;
  return total === 0n ? 0n : (ldTotal * capBps * RATE_SCALE) / (BPS * total);
}

/** The LP reward cut for coverage, rounded up: lp x cut x coverage / BPS^2. */
export function coverageCut(lp: bigint, coverageBps: bigint, cutBps: bigint): bigint {
  return (lp * coverageBps * cutBps + BPS * BPS - 1n) / (BPS * BPS);
}

/** What one round pays: per Reactor its LP side and its direct LD side, and the pool's part. */
export interface Payout {
  lp: Map<string, bigint>;
  ld: Map<string, bigint>;
  pool: bigint;
  /** What the round takes out of its budget (booked, carried by the cap, or cut back to the reserve). */
  paid: bigint;
  /** LD reward beyond the rate cap, per Reactor (carried into the next round). */
  capped: Map<string, bigint>;
  /** LP reward cut for coverage, per Reactor (back to the reserve). */
  cut: Map<string, bigint>;
}

/** The stake that earns in the paid cycle (TOKE wei, requests included) and the cap's K. */
export interface PayOptions {
  stakeInCycle?: Map<string, bigint>;
  rateCapBps?: bigint;
  coverageBps?: Map<string, bigint>;
  coverageCutBps?: bigint;
}

export function payout(budget: bigint, s: Snapshot, options: PayOptions = {}): Payout {
  const capBps = options.rateCapBps ?? DEFAULT_RATE_CAP_BPS;
  const ldTotal = share(budget, s.ldTotal, s.total);
  const maxRate = maxLdRate(ldTotal, capBps, s.stakeSum, s.pooled);
  const lp = new Map<string, bigint>();
  const ld = new Map<string, bigint>();
  const capped = new Map<string, bigint>();
  const cut = new Map<string, bigint>();
  let paid = 0n;
  for (const [name, w] of s.weights) {
    const full = share(budget, w.lp, s.total);
    const c = coverageCut(
      full,
      options.coverageBps?.get(name) ?? 0n,
      options.coverageCutBps ?? BPS,
    );
    const d = directPart(share(budget, w.ld, s.total), s.stakeSum, s.pooled);
    const stake = options.stakeInCycle?.get(name) ?? s.values.get(name)!.t;
    const cap = (stake * maxRate) / RATE_SCALE;
    const booked = d < cap ? d : cap;
    lp.set(name, full - c);
    cut.set(name, c);
    ld.set(name, booked);
    capped.set(name, d - booked);
    paid += full + d;
  }
  const pool = pooledPart(ldTotal, s.stakeSum, s.pooled);
  return { lp, ld, pool, paid: paid + pool, capped, cut };
}

/** An accumulator ledger (CycleLedgerLib's arithmetic): reward per active unit, scaled 1e18. */
export class RewardModel {
  acc = 0n;
  /** Books `reward` over `active` units; returns what could not be booked. */
  settle(reward: bigint, active: bigint): bigint {
    if (active === 0n) return reward;
    this.acc += (reward * ACC_SCALE) / active;
    return 0n;
  }
  /** Earned by `units` held active from accumulator value `from` to now. */
  earned(units: bigint, from = 0n): bigint {
    return (units * (this.acc - from)) / ACC_SCALE;
  }
}
