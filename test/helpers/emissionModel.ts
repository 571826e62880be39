/**
 * The emission formula of docs/emissions.md, written independently of the contracts, in bigint
 * with the same floors, so that tests can predict every payout to the wei.
 */

export const BPS = 10_000n;
export const PRICE_SCALE = 10n ** 18n;
export const ACC_SCALE = 10n ** 18n;

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Value of `amount` asset wei at `price` (TOKE wei per asset wei, 1e18-scaled), in TOKE wei. */
export function value(amount: bigint, price: bigint): bigint {
  return (amount * price) / PRICE_SCALE;
}

/** w = (F (a + t) + (1 - F) 2 min(a, t)), F in basis points, rounded down once. */
export function weight(a: bigint, t: bigint, floorBps: bigint): bigint {
  return (floorBps * (a + t) + (BPS - floorBps) * 2n * min(a, t)) / BPS;
}

/** LP side w t / (a + t) (down), LD side the rest. */
export function split(w: bigint, a: bigint, t: bigint): { lp: bigint; ld: bigint } {
  if (a + t === 0n) return { lp: 0n, ld: 0n };
  const lp = (w * t) / (a + t);
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
  total: bigint;
  ldTotal: bigint;
  stakeSum: bigint;
  pooled: bigint;
}

/** The snapshot the rollover closing a cycle takes from that cycle's values. */
export function snapshot(values: Map<string, ReactorValues>, pooled: bigint, floorBps: bigint): Snapshot {
  const weights = new Map<string, { lp: bigint; ld: bigint }>();
  let total = 0n;
  let ldTotal = 0n;
  let stakeSum = 0n;
  for (const [name, { a, t }] of values) {
    const w = weight(a, t, floorBps);
    const s = split(w, a, t);
    weights.set(name, s);
    total += w;
    ldTotal += s.ld;
    stakeSum += t;
  }
  return { weights, total, ldTotal, stakeSum, pooled };
}

/** What one round pays: per Reactor its LP side and its direct LD side, and the pool's part. */
export interface Payout {
  lp: Map<string, bigint>;
  ld: Map<string, bigint>;
  pool: bigint;
  paid: bigint;
}

export function payout(budget: bigint, s: Snapshot): Payout {
  const lp = new Map<string, bigint>();
  const ld = new Map<string, bigint>();
  let paid = 0n;
  for (const [name, w] of s.weights) {
    const l = share(budget, w.lp, s.total);
    const d = directPart(share(budget, w.ld, s.total), s.stakeSum, s.pooled);
    lp.set(name, l);
    ld.set(name, d);
    paid += l + d;
  }
  const pool = pooledPart(share(budget, s.ldTotal, s.total), s.stakeSum, s.pooled);
  return { lp, ld, pool, paid: paid + pool };
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
