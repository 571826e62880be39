// The demo's story: LPs deposit and redeem, LDs stake, vote, delegate and claim, traders swap on
// the real venues, a whale moves a price, and the keeper pokes the oracle and rolls each cycle
// over. After every rollover the same `status` collection the keeper CLI prints is taken, with
// the block it was read at, so every figure in the report can be checked on-chain.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { encodeBytes32String } from "ethers";
import { extraSigners } from "../gas/measure.js";
import { keeperContext, type KeeperContext } from "../keeper/chain/context.js";
import { pokeOracle } from "../keeper/steps/market.js";
import { MemoryOutput } from "../keeper/chain/output.js";
import { runRollover, type SentStep } from "../keeper/jobs/rollover.js";
import { collectStatus } from "../keeper/steps/status.js";
import type { StatusReport } from "../keeper/steps/status-types.js";
import { listPairs } from "../lib/listing.js";
import { VENUE_IDS, type VenueName } from "../lib/protocol-config.js";
import type { System } from "../lib/system.js";
import {
  arbitrage,
  fund,
  randomTrade,
  SEED_PRICES_USD,
  seedMarket,
  units,
  type Pool,
} from "./market.js";
import { Random } from "./random.js";

export interface SimulationOptions {
  /** Cycles to play (each ends with a rollover). */
  readonly cycles: number;
  /** Seed of the story's randomness. */
  readonly seed: number;
  /** Swaps per cycle. */
  readonly swapsPerCycle: number;
  /** Called after each cycle (progress output). */
  readonly onCycle?: (cycle: CycleRecord) => void | Promise<void>;
  /** The protocol-owned Reactor of the singularity story (default PROTOCOL_OWNED). */
  readonly protocolOwned?: ProtocolOwned;
}

/**
 * The singularity story: a CoRE winner's project pays its token into the Treasury, governance
 * deploys it as protocol-controlled liquidity (Treasury.provideLiquidity) into the project's
 * Reactor before the first rollover, and outside LPs deposit elsewhere (a covered Reactor's LP
 * side earns no emissions), so the Treasury owns that Reactor's whole asset side.
 */
export interface ProtocolOwned {
  readonly symbol: string;
  /** What the Treasury provides, in USD at the seed price. */
  readonly usd: number;
  /** Governance sets K (consecutive covered cycles) to this first; undefined keeps the deployed K. */
  readonly singularityCycles?: number;
}

export const PROTOCOL_OWNED: ProtocolOwned = { symbol: "ALCX", usd: 100_000 };
/** The Treasury source label of a project's CoRE funding. */
export const CORE_FUNDING = "CORE_FUNDING";

/** What users did in a cycle, per Reactor symbol (asset units; TOKE for LD actions). */
export interface CycleFlows {
  deposits: Record<string, bigint>;
  depositCount: number;
  requests: Record<string, bigint>;
  requestCount: number;
  redemptions: Record<string, bigint>;
  redemptionCount: number;
  stakes: Record<string, bigint>;
  unstakeRequests: Record<string, bigint>;
  votes: number;
  claimedToke: bigint;
  claims: number;
  swaps: number;
  swapVolumeUsd: number;
  swapsByVenue: Record<string, number>;
  /** Notable market or governance events of the cycle, in words. */
  events: string[];
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

/** Signers by role: 0 deploys, governs, keeps and makes markets; then LPs, traders, LDs, a whale. */
const LP_COUNT = 8;
const TRADER_COUNT = 4;
const LD_COUNT = 5;
/** LP behaviour per cycle. */
const DEPOSIT_CHANCE = 0.6;
const REQUEST_CHANCE = 0.25;
const DEPOSIT_USD: readonly [number, number] = [1_000, 50_000];
const REQUEST_SHARE: readonly [number, number] = [0.2, 0.6];
/** Half the WETH deposits come as ether through the gateway. */
const GATEWAY_SHARE = 0.5;
/** LD behaviour: TOKE each LD starts with, stakes in USD of TOKE, chances per cycle. */
const LD_TOKE = 200_000;
const STAKE_USD: readonly [number, number] = [15_000, 60_000];
const STAKE_MORE_CHANCE = 0.4;
const UNSTAKE_CHANCE = 0.15;
const UNSTAKE_SHARE = 0.3;
/** Claims happen every this many cycles (LPs and LDs alike). */
const CLAIM_EVERY = 2;
/** Reactors LDs stake on (not TOKE's: the pooled option takes no stake). */
const STAKEABLE = ["WETH", "USDC", "ALCX", "FXS"] as const;
/** Token Reactors (with venues to vote for). */
const VOTED = ["ALCX", "FXS"] as const;
/** Vote splits over (Uniswap, SushiSwap, Balancer) the LDs pick from. */
const VOTE_SPLITS: readonly (readonly [number, number, number])[] = [
  [6_000, 3_000, 1_000],
  [5_000, 2_500, 2_500],
  [4_000, 4_000, 2_000],
];
/** The market re-prices a token (cycle index from the start, factor) and the LDs shift votes. */
const SHOCK = { cycle: 3, token: "ALCX", factor: 1.3 } as const;
const SHIFT = {
  cycle: 4,
  reactor: "ALCX",
  away: "sushiswap" as VenueName,
  to: "balancer" as VenueName,
};

function emptyFlows(): CycleFlows {
  return {
    deposits: {},
    depositCount: 0,
    requests: {},
    requestCount: 0,
    redemptions: {},
    redemptionCount: 0,
    stakes: {},
    unstakeRequests: {},
    votes: 0,
    claimedToke: 0n,
    claims: 0,
    swaps: 0,
    swapVolumeUsd: 0,
    swapsByVenue: {},
    events: [],
  };
}

const add = (book: Record<string, bigint>, key: string, amount: bigint) => {
  book[key] = (book[key] ?? 0n) + amount;
};

const send = async (tx: Promise<{ wait(): Promise<unknown> }>) => {
  await (await tx).wait();
};

/** One LP's moves in one cycle: claim what matured, maybe request, maybe deposit. */
async function actAsLp(
  system: System,
  lp: HardhatEthersSigner,
  rng: Random,
  flows: CycleFlows,
  protocolOwned: string,
): Promise<void> {
  const symbols = Object.keys(system.reactors);
  for (const symbol of symbols) {
    const reactor = system.reactors[symbol].connect(lp);
    const claimable = await reactor.claimableRedeemRequest(0, lp.address);
    if (claimable > 0n) {
      const before = await system.assets[symbol].balanceOf(lp.address);
      await send(reactor.redeem(claimable, lp.address, lp.address));
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
    const shares = (balance * BigInt(Math.floor(rng.between(...REQUEST_SHARE) * 1e6))) / 1_000_000n;
    if (shares > 0n) {
      await send(system.reactors[symbol].connect(lp).requestRedeem(shares, lp.address, lp.address));
      add(flows.requests, symbol, shares);
      ++flows.requestCount;
    }
  }
  if (rng.chance(DEPOSIT_CHANCE)) {
    const symbol = rng.pick(symbols.filter((x) => x !== protocolOwned));
    const decimals = Number(await system.assets[symbol].decimals());
    const amount = units(rng.between(...DEPOSIT_USD) / SEED_PRICES_USD[symbol], decimals);
    if (symbol === "WETH" && rng.chance(GATEWAY_SHARE)) {
      await send(system.gateway.connect(lp).depositETH(lp.address, { value: amount }));
    } else {
      await fund(system, symbol, lp, amount);
      const reactor = system.reactors[symbol].connect(lp);
      await send(system.assets[symbol].connect(lp).approve(reactor, amount));
      await send(reactor.deposit(amount, lp.address));
    }
    add(flows.deposits, symbol, amount);
    ++flows.depositCount;
  }
}

/** A vote split over the three venues, as the staking contract takes it (zero shares left out). */
function voteArgs(split: readonly [number, number, number]) {
  const venues: VenueName[] = ["uniswap", "sushiswap", "balancer"];
  const kept = venues.map((v, i) => [v, split[i]] as const).filter(([, s]) => s > 0);
  return { ids: kept.map(([v]) => VENUE_IDS[v]), shares: kept.map(([, s]) => s) };
}

/** One LD's moves: withdraw settled unstakes, maybe stake more or ask to unstake, vote. */
async function actAsLd(
  system: System,
  ld: HardhatEthersSigner,
  rng: Random,
  flows: CycleFlows,
  first: boolean,
): Promise<void> {
  const staking = system.staking.connect(ld);
  for (const symbol of STAKEABLE) {
    const exit = await system.staking.exitOf(system.reactors[symbol], ld.address);
    if (
      exit.units > 0n &&
      exit.cycle < (await system.staking.ledgerCycle(system.reactors[symbol]))
    ) {
      await send(staking.withdraw(system.reactors[symbol], ld.address));
    }
  }
  const targets = first
    ? [rng.pick(STAKEABLE), rng.pick(VOTED)]
    : rng.chance(STAKE_MORE_CHANCE)
      ? [rng.pick(STAKEABLE)]
      : [];
  for (const symbol of targets) {
    const amount = units(rng.between(...STAKE_USD) / SEED_PRICES_USD.TOKE, 18);
    await send(system.toke.connect(ld).approve(system.staking, amount));
    await send(staking.stake(system.reactors[symbol], amount, ld.address));
    add(flows.stakes, symbol, amount);
  }
  if (!first && rng.chance(UNSTAKE_CHANCE)) {
    const symbol = rng.pick(STAKEABLE);
    const { total } = await system.staking.stakeOf(system.reactors[symbol], ld.address);
    const exit = await system.staking.exitOf(system.reactors[symbol], ld.address);
    const amount = (total * BigInt(UNSTAKE_SHARE * 100)) / 100n;
    if (amount > 0n && exit.units === 0n) {
      await send(staking.requestUnstake(system.reactors[symbol], amount));
      add(flows.unstakeRequests, symbol, amount);
    }
  }
  if (first) {
    for (const symbol of VOTED) {
      const { ids, shares } = voteArgs(rng.pick(VOTE_SPLITS));
      await send(staking.vote(system.reactors[symbol], ids, shares));
      ++flows.votes;
    }
  }
}

/** LPs and LDs claim their TOKE rewards (one call each, LP and LD Reactors apart). */
async function claimAll(
  system: System,
  accounts: readonly HardhatEthersSigner[],
  flows: CycleFlows,
) {
  for (const account of accounts) {
    const lpReactors: string[] = [];
    const ldReactors: string[] = [];
    for (const [symbol, reactor] of Object.entries(system.reactors)) {
      if ((await reactor.balanceOf(account.address)) > 0n)
        lpReactors.push(await reactor.getAddress());
      if (
        symbol !== "TOKE" &&
        (await system.staking.stakeOf(reactor, account.address)).total > 0n
      ) {
        ldReactors.push(await reactor.getAddress());
      }
    }
    if ((await system.emissions.claimable(account.address, lpReactors, ldReactors)) === 0n)
      continue;
    const before = await system.toke.balanceOf(account.address);
    await send(system.emissions.connect(account).claim(lpReactors, ldReactors, account.address));
    flows.claimedToke += (await system.toke.balanceOf(account.address)) - before;
    ++flows.claims;
  }
}

/** The Treasury's liquidity in `owned.symbol`'s Reactor, by governance (see ProtocolOwned). */
async function provideProtocolLiquidity(
  system: System,
  owned: ProtocolOwned,
  project: HardhatEthersSigner,
  flows: CycleFlows,
): Promise<void> {
  const { emissions, treasury, signer } = system;
  if (owned.singularityCycles !== undefined) {
    const { cutBps } = await emissions.coverageCurve();
    await send(emissions.connect(signer).setCoverageCurve(cutBps, owned.singularityCycles));
    flows.events.push(`governance set the singularity's K to ${owned.singularityCycles} cycles`);
  }
  const token = system.assets[owned.symbol];
  const amount = units(owned.usd / SEED_PRICES_USD[owned.symbol], Number(await token.decimals()));
  await fund(system, owned.symbol, project, amount);
  await send(token.connect(project).approve(treasury, amount));
  await send(treasury.connect(project).deposit(token, amount, encodeBytes32String(CORE_FUNDING)));
  // A fresh Reactor mints 1:1: the shares must be at least the assets.
  await send(
    treasury.connect(signer).provideLiquidity(system.reactors[owned.symbol], amount, amount),
  );
  add(flows.deposits, owned.symbol, amount);
  ++flows.depositCount;
  flows.events.push(
    `the ${owned.symbol} project funded the Treasury with its token (CoRE), and governance deployed it as protocol-controlled liquidity into the ${owned.symbol} Reactor (Treasury.provideLiquidity); LPs deposit elsewhere`,
  );
}

/** The keeper, in-process: pokes the oracle ahead of the cycle's end, then rolls over. */
async function keeperCycle(ctx: KeeperContext): Promise<readonly SentStep[]> {
  const { manager, connection } = ctx.system;
  const end = await manager.cycleEnd();
  const time = connection.networkHelpers.time;
  const pokeAt = end - BigInt(ctx.config.oracleLeadSeconds);
  if (BigInt(await time.latest()) < pokeAt) await time.increaseTo(pokeAt);
  await pokeOracle(ctx);
  await time.increaseTo(end);
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
  const lds = signers.slice(1 + LP_COUNT + TRADER_COUNT, 1 + LP_COUNT + TRADER_COUNT + LD_COUNT);
  const arbitrageur = signers[signers.length - 1];
  // The project is an account of its own: Hardhat's spare ones are the app's user's.
  const [project] = await extraSigners(system.connection, 1, "alcx-project");
  const owned = options.protocolOwned ?? PROTOCOL_OWNED;
  // The market's reference prices (USD): arbitrage keeps every pool at them.
  const reference: Record<string, number> = { ...SEED_PRICES_USD };
  const market = await seedMarket(system, maker);
  await listPairs(system, market.listings);
  for (const ld of lds) await fund(system, "TOKE", ld, units(LD_TOKE, 18));
  const ctx = keeperContext(system, new MemoryOutput());
  const records: CycleRecord[] = [];

  for (let i = 0; i < options.cycles; ++i) {
    const { cycle, cycleStart } = await system.manager.state();
    const flows = emptyFlows();
    if (i === 0) await provideProtocolLiquidity(system, owned, project, flows);
    for (const lp of lps) await actAsLp(system, lp, rng, flows, owned.symbol);
    for (const ld of lds) await actAsLd(system, ld, rng, flows, i === 0);
    if (i === 0) {
      // One LD lets another vote for its stake on ALCX.
      await send(system.staking.connect(lds[1]).delegate(system.reactors.ALCX, lds[0].address));
      flows.events.push("LD 2 delegated its ALCX votes to LD 1");
    }
    if (i === SHOCK.cycle) {
      reference[SHOCK.token] *= SHOCK.factor;
      flows.events.push(
        `the market re-priced ${SHOCK.token} ${Math.round((SHOCK.factor - 1) * 100)}% up: arbitrage moved every ${SHOCK.token} pool there (impermanent loss on the positions)`,
      );
    }
    if (i === SHIFT.cycle) {
      for (const ld of lds) {
        if (
          (await system.staking.votingPower(system.reactors[SHIFT.reactor], ld.address)).next === 0n
        )
          continue;
        const { ids, shares } = voteArgs([5_000, 0, 5_000]);
        await send(system.staking.connect(ld).vote(system.reactors[SHIFT.reactor], ids, shares));
        ++flows.votes;
      }
      flows.events.push(`LDs moved their ${SHIFT.reactor} votes from ${SHIFT.away} to ${SHIFT.to}`);
    }
    if (i > 0 && i % CLAIM_EVERY === 0) await claimAll(system, [...lps, ...lds], flows);
    for (let s = 0; s < options.swapsPerCycle; ++s) {
      const trade = await randomTrade(rng, market.pools, rng.pick(traders));
      const decimals = Number(await system.assets[trade.symbolIn].decimals());
      ++flows.swaps;
      flows.swapVolumeUsd +=
        (Number(trade.amountIn) / 10 ** decimals) * SEED_PRICES_USD[trade.symbolIn];
      flows.swapsByVenue[trade.venue] = (flows.swapsByVenue[trade.venue] ?? 0) + 1;
    }
    // Arbitrage realigns the venues after the noise traders (and after a re-pricing).
    flows.swaps += await arbitrage(system, market.pools, reference, arbitrageur);
    const rollover = await keeperCycle(ctx);
    const status = await collectStatus(ctx);
    const record: CycleRecord = { cycle, cycleStart, flows, rollover, status };
    records.push(record);
    await options.onCycle?.(record);
  }
  return { system, records, pools: market.pools };
}
