// The demo's story: LPs deposit and redeem, traders swap on the real venues, the keeper rolls
// the cycles over; after every rollover the same `status` collection the keeper CLI prints is
// taken, with the block it was read at, so every figure in the report can be checked on-chain.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { keeperContext, type KeeperContext } from "../keeper/context.js";
import { MemoryOutput } from "../keeper/output.js";
import { runRollover, type SentStep } from "../keeper/rollover/job.js";
import { collectStatus, type StatusReport } from "../keeper/status/collect.js";
import type { System } from "../lib/system.js";
import { fund, SEED_PRICES_USD, seedMarket, units, type Pool } from "./market.js";
import { Random } from "./random.js";

export interface SimulationOptions {
  /** Cycles to play (each ends with a rollover). */
  readonly cycles: number;
  /** Seed of the story's randomness. */
  readonly seed: number;
  /** Swaps per cycle. */
  readonly swapsPerCycle: number;
  /** Called after each cycle (progress output). */
  readonly onCycle?: (cycle: CycleRecord) => void;
}

/** What users did in a cycle, per Reactor symbol (asset units) and for the venues (USD). */
export interface CycleFlows {
  deposits: Record<string, bigint>;
  depositCount: number;
  requests: Record<string, bigint>;
  requestCount: number;
  redemptions: Record<string, bigint>;
  redemptionCount: number;
  swaps: number;
  swapVolumeUsd: number;
  swapsByVenue: Record<string, number>;
}

export interface CycleRecord {
  /** The cycle that was played and then closed by the rollover, and when it started. */
  readonly cycle: bigint;
  readonly cycleStart: bigint;
  readonly flows: CycleFlows;
  /** The keeper's transactions for the rollover that closed it. */
  readonly rollover: readonly SentStep[];
  /** `status` right after the rollover (its clock holds the block it was read at). */
  readonly status: StatusReport;
}

export interface SimulationResult {
  readonly system: System;
  readonly records: readonly CycleRecord[];
  readonly pools: readonly Pool[];
}

/** Signers by role: 0 deploys and makes markets, then LPs, then traders. */
const LP_COUNT = 8;
const TRADER_COUNT = 4;
/** LP behaviour per cycle. */
const DEPOSIT_CHANCE = 0.6;
const REQUEST_CHANCE = 0.25;
const DEPOSIT_USD: readonly [number, number] = [1_000, 50_000];
const REQUEST_SHARE: readonly [number, number] = [0.2, 0.6];
/** Half the WETH deposits come as ether through the gateway. */
const GATEWAY_SHARE = 0.5;

function emptyFlows(): CycleFlows {
  return {
    deposits: {},
    depositCount: 0,
    requests: {},
    requestCount: 0,
    redemptions: {},
    redemptionCount: 0,
    swaps: 0,
    swapVolumeUsd: 0,
    swapsByVenue: {},
  };
}

const add = (book: Record<string, bigint>, key: string, amount: bigint) => {
  book[key] = (book[key] ?? 0n) + amount;
};

/** One LP's moves in one cycle: claim what matured, maybe request, maybe deposit. */
async function actAsLp(
  system: System,
  lp: HardhatEthersSigner,
  rng: Random,
  flows: CycleFlows,
): Promise<void> {
  const symbols = Object.keys(system.reactors);
  for (const symbol of symbols) {
    const reactor = system.reactors[symbol].connect(lp);
    const claimable = await reactor.claimableRedeemRequest(0, lp.address);
    if (claimable > 0n) {
      const before = await system.assets[symbol].balanceOf(lp.address);
      await (await reactor.redeem(claimable, lp.address, lp.address)).wait();
      add(flows.redemptions, symbol, (await system.assets[symbol].balanceOf(lp.address)) - before);
      ++flows.redemptionCount;
    }
  }
  const held = [];
  for (const symbol of symbols) {
    const reactor = system.reactors[symbol];
    const [balance, pending] = await Promise.all([
      reactor.balanceOf(lp.address),
      reactor.pendingRedeemRequest(0, lp.address),
    ]);
    if (balance > 0n && pending === 0n) held.push({ symbol, balance });
  }
  if (held.length > 0 && rng.chance(REQUEST_CHANCE)) {
    const { symbol, balance } = rng.pick(held);
    const share = rng.between(...REQUEST_SHARE);
    const shares = (balance * BigInt(Math.floor(share * 1e6))) / 1_000_000n;
    if (shares > 0n) {
      await (
        await system.reactors[symbol].connect(lp).requestRedeem(shares, lp.address, lp.address)
      ).wait();
      add(flows.requests, symbol, shares);
      ++flows.requestCount;
    }
  }
  if (rng.chance(DEPOSIT_CHANCE)) {
    const symbol = rng.pick(symbols);
    const decimals = Number(await system.assets[symbol].decimals());
    const amount = units(rng.between(...DEPOSIT_USD) / SEED_PRICES_USD[symbol], decimals);
    if (symbol === "WETH" && rng.chance(GATEWAY_SHARE)) {
      await (await system.gateway.connect(lp).depositETH(lp.address, { value: amount })).wait();
    } else {
      await fund(system, symbol, lp, amount);
      const reactor = system.reactors[symbol].connect(lp);
      await (await system.assets[symbol].connect(lp).approve(reactor, amount)).wait();
      await (await reactor.deposit(amount, lp.address)).wait();
    }
    add(flows.deposits, symbol, amount);
    ++flows.depositCount;
  }
}

/** The keeper, in-process: waits for the cycle's end and runs the same job as the CLI. */
async function rollOver(ctx: KeeperContext): Promise<readonly SentStep[]> {
  const { manager, connection } = ctx.system;
  await connection.networkHelpers.time.increaseTo(await manager.cycleEnd());
  const outcome = await runRollover(ctx);
  if (outcome.status !== "completed") throw new Error(`rollover ended ${outcome.status}`);
  return outcome.sent;
}

/** Plays `options.cycles` cycles on `system` (deployed on a local chain by deploySystem). */
export async function runSimulation(
  system: System,
  options: SimulationOptions,
): Promise<SimulationResult> {
  const rng = new Random(options.seed);
  const signers = await system.connection.ethers.getSigners();
  const maker = signers[0];
  const lps = signers.slice(1, 1 + LP_COUNT);
  const traders = signers.slice(1 + LP_COUNT, 1 + LP_COUNT + TRADER_COUNT);
  const pools = await seedMarket(system, maker);
  const ctx = keeperContext(system, new MemoryOutput());
  const records: CycleRecord[] = [];

  for (let i = 0; i < options.cycles; ++i) {
    const { cycle, cycleStart } = await system.manager.state();
    const flows = emptyFlows();
    for (const lp of lps) await actAsLp(system, lp, rng, flows);
    for (let s = 0; s < options.swapsPerCycle; ++s) {
      const pool = rng.pick(pools);
      const { usd } = await pool.swap(rng, rng.pick(traders));
      ++flows.swaps;
      flows.swapVolumeUsd += usd;
      flows.swapsByVenue[pool.venue] = (flows.swapsByVenue[pool.venue] ?? 0) + 1;
    }
    const rollover = await rollOver(ctx);
    const status = await collectStatus(ctx);
    const record: CycleRecord = { cycle, cycleStart, flows, rollover, status };
    records.push(record);
    options.onCycle?.(record);
  }
  return { system, records, pools };
}
