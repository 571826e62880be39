// The parts' columns of `status`, in one list: the directors part (LD stake, votes, emissions
// and APRs), the venues part (positions per venue, fees, losses and their cover) and the coverage
// part (the Treasury's share of each Reactor's asset side, and the singularity).
import type { Clock } from "../chain/clock.js";
import type { KeeperContext } from "../chain/context.js";
import { venueName } from "../../lib/protocol-config.js";
import { YEAR_SECONDS, type ReactorFacet, type ReactorStatus } from "./status-types.js";

const BPS = 10_000n;

const isSet = (address: string) => BigInt(address) !== 0n;

/** Blocks of the rollover that closed cycle `closed` (within the lookback), if found. */
async function rolloverBlocks(ctx: KeeperContext, closed: bigint, clock: Clock) {
  const m = ctx.system.manager;
  const from = Math.max(0, clock.blockNumber - ctx.config.logLookbackBlocks);
  const [started] = await m.queryFilter(m.filters.RolloverStarted(closed), from, clock.blockNumber);
  const [completed] = await m.queryFilter(
    m.filters.RolloverCompleted(closed),
    from,
    clock.blockNumber,
  );
  if (started === undefined || completed === undefined) return undefined;
  return { from: started.blockNumber, to: completed.blockNumber };
}

/** The cycle the last completed rollover closed. */
const lastClosed = (clock: Clock) => clock.cycle - 1n;

export const REACTOR_FACETS: readonly ReactorFacet[] = [
  {
    provides: "directors: LD stake, asset-to-TOKE ratio, emissions and APR per side",
    present: () => true,
    async apply(ctx, rows, _prices, clock, report) {
      const { staking, emissions } = ctx.system;
      const round = { paid: 0n, carried: 0n };
      const perYear = Number(YEAR_SECONDS) / Number(clock.duration);
      const closed = lastClosed(clock);
      const from = Math.max(0, clock.blockNumber - ctx.config.logLookbackBlocks);
      for (const row of rows) {
        if (await staking.isListed(row.address)) {
          row.ldStake = (await staking.totalStake(row.address)).total;
          const [ids, weights] = await staking.venueWeights(row.address);
          const sum = weights.reduce((s, w) => s + w, 0n);
          if (ids.length > 0) {
            row.votes = ids.map((id, i) => ({
              venue: venueName(id),
              bps: sum === 0n ? 0 : Number((weights[i] * BPS) / sum),
            }));
          }
        }
        if (closed < 0n) continue;
        const [settled] = (
          await emissions.queryFilter(
            emissions.filters.ReactorSettled(row.address, closed),
            from,
            clock.blockNumber,
          )
        ).slice(-1);
        if (settled === undefined) continue;
        const { lpReward, ldReward, assetValue, stakeValue } = settled.args;
        const apr = (reward: bigint, value: bigint) =>
          value === 0n ? null : (Number(reward) / Number(value)) * perYear;
        row.assetToTokeRatio = stakeValue === 0n ? null : Number(assetValue) / Number(stakeValue);
        // What was booked to a side with nobody to pay was carried forward: the LD side's in
        // the settlement itself (before ReactorSettled), the LP side's after it.
        let [lpCarried, ldCarried] = [0n, 0n];
        for (const e of await emissions.queryFilter(
          emissions.filters.RewardCarried(row.address, closed),
          from,
          clock.blockNumber,
        )) {
          const beforeSettled =
            e.transactionHash === settled.transactionHash && e.index < settled.index;
          if (beforeSettled) ldCarried += e.args.amount;
          else lpCarried += e.args.amount;
        }
        const [lpPaid, ldPaid] = [lpReward - lpCarried, ldReward - ldCarried];
        round.paid += lpPaid + ldPaid;
        round.carried += lpCarried + ldCarried;
        const priceMissing =
          closed > 0n &&
          (
            await emissions.queryFilter(
              emissions.filters.PriceMissing(row.address, closed - 1n),
              from,
              clock.blockNumber,
            )
          ).length > 0;
        const lpAprWhy =
          lpPaid > 0n
            ? undefined
            : lpReward > 0n
              ? "no active LPs: the LP reward was carried forward"
              : priceMissing
                ? "no fresh price when this cycle's weights were set: no emissions"
                : "no emission weight this cycle (weights come from the previous cycle's active assets and LD stake)";
        const ldAprWhy =
          row.ldStake === null || ldPaid > 0n
            ? undefined
            : ldReward > 0n
              ? "no active LD stake: the LD reward was carried forward"
              : "no LD stake weight this cycle";
        row.lastCycle = {
          cycle: closed,
          lpEmissions: lpReward,
          ldEmissions: ldReward,
          fees: row.lastCycle?.fees ?? null,
          lpApr: apr(lpPaid, assetValue),
          ldApr: row.ldStake === null ? null : apr(ldPaid, stakeValue),
          lpCarried,
          ldCarried,
          lpAprWhy,
          ldAprWhy,
        };
      }
      // Before the first rollover no round has closed yet (closed = -1).
      const [opened] =
        closed < 0n
          ? []
          : (
              await emissions.queryFilter(
                emissions.filters.RoundOpened(closed),
                from,
                clock.blockNumber,
              )
            ).slice(-1);
      if (opened !== undefined) {
        report.emissions = {
          cycle: closed,
          drawn: opened.args.drawn,
          carriedIn: opened.args.carriedIn,
          budget: opened.args.budget,
          paid: round.paid,
          carried: round.carried,
        };
      }
    },
  },
  {
    provides: "venues: deployed assets per venue, trading fees, losses and their cover",
    present: () => true,
    async apply(ctx, rows, _prices, clock) {
      const { allocator, manager } = ctx.system;
      if (!isSet(await manager.allocator())) return;
      const byAddress = new Map(rows.map((r) => [r.address.toLowerCase(), r] as const));
      const baseOf = new Map<string, ReactorStatus>();
      for (const row of rows) {
        const { baseReactor } = await allocator.pairingOf(row.address);
        const base = byAddress.get(baseReactor.toLowerCase());
        if (base !== undefined) baseOf.set(row.address.toLowerCase(), base);
      }
      // Token Reactors hold the positions; their base Reactor's side is the principal's base.
      const deployed = new Map<ReactorStatus, Map<string, bigint>>(rows.map((r) => [r, new Map()]));
      const add = (row: ReactorStatus | undefined, venue: string, amount: bigint) => {
        const book = row === undefined ? undefined : deployed.get(row);
        book?.set(venue, (book.get(venue) ?? 0n) + amount);
      };
      for (const row of rows) {
        for (const venue of await allocator.heldVenues(row.address)) {
          const p = await allocator.principalOf(row.address, venue);
          add(row, venueName(venue), p.token);
          add(baseOf.get(row.address.toLowerCase()), venueName(venue), p.base);
        }
      }
      for (const [row, book] of deployed)
        row.venues = [...book].map(([venue, amount]) => ({ venue, amount }));
      const closed = lastClosed(clock);
      if (closed < 0n) return;
      const blocks = await rolloverBlocks(ctx, closed, clock);
      if (blocks === undefined) return;
      const fees = new Map<string, bigint>();
      const credit = (row: ReactorStatus | undefined, amount: bigint) => {
        if (row !== undefined)
          fees.set(row.address.toLowerCase(), (fees.get(row.address.toLowerCase()) ?? 0n) + amount);
      };
      for (const e of await allocator.queryFilter(
        allocator.filters.FeesRealised(),
        blocks.from,
        blocks.to,
      )) {
        const key = e.args.reactor.toLowerCase();
        credit(byAddress.get(key), e.args.tokenAmount);
        credit(baseOf.get(key), e.args.baseAmount);
      }
      const losses = new Map<string, { t: bigint; s: bigint; k: bigint; w: bigint }>();
      const loss = (reactor: string) => {
        const key = reactor.toLowerCase();
        const entry = losses.get(key) ?? { t: 0n, s: 0n, k: 0n, w: 0n };
        losses.set(key, entry);
        return entry;
      };
      for (const e of await allocator.queryFilter(
        allocator.filters.LossCoveredByTreasury(),
        blocks.from,
        blocks.to,
      )) {
        loss(e.args.reactor).t += e.args.amount;
      }
      for (const e of await allocator.queryFilter(
        allocator.filters.LossCoveredBySlash(),
        blocks.from,
        blocks.to,
      )) {
        const l = loss(e.args.reactor);
        l.s += e.args.amount;
        l.k += e.args.toke;
      }
      for (const e of await allocator.queryFilter(
        allocator.filters.LossWrittenDown(),
        blocks.from,
        blocks.to,
      )) {
        loss(e.args.reactor).w += e.args.amount;
      }
      for (const row of rows) {
        const key = row.address.toLowerCase();
        if (row.lastCycle !== null) row.lastCycle = { ...row.lastCycle, fees: fees.get(key) ?? 0n };
        const l = losses.get(key);
        row.losses = {
          coveredByTreasury: l?.t ?? 0n,
          coveredBySlash: l?.s ?? 0n,
          slashedToke: l?.k ?? 0n,
          writtenDown: l?.w ?? 0n,
        };
      }
    },
  },
  {
    provides: "coverage: the Treasury's share of each Reactor's asset side, the singularity",
    present: () => true,
    async apply(ctx, rows, _prices, clock, report) {
      const { emissions } = ctx.system;
      const at = { blockTag: clock.blockNumber };
      const [pool, curve, overall, reached] = await Promise.all([
        emissions.poolReactor(at),
        emissions.coverageCurve(at),
        emissions.overallCoverage(at),
        emissions.singularity(at),
      ]);
      const k = Number(curve.singularityCycles);
      const reactorsReached: string[] = [];
      for (const row of rows) {
        if (row.address.toLowerCase() === pool.toLowerCase()) continue;
        const reactor = ctx.system.reactors[row.symbol];
        const [snapshot, treasuryShares] = await Promise.all([
          emissions.snapshotOf(row.address, at),
          reactor.activeBalanceOf(ctx.system.addresses.treasury, at),
        ]);
        // A snapshot is taken in the rollover that closes a cycle, tagged with the next one.
        if (snapshot.cycle === 0n) continue;
        row.coverage = {
          cycle: snapshot.cycle - 1n,
          bps: Number(snapshot.coverageBps),
          streak: Number(snapshot.coveredCycles),
          treasuryShares,
        };
        if (row.coverage.streak >= k) reactorsReached.push(row.symbol);
      }
      report.singularity = { cycles: k, overallBps: Number(overall), reached, reactorsReached };
    },
  },
];
