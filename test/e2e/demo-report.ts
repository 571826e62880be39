import { stripVTControlCharacters } from "node:util";
import { expect } from "chai";
import { encodeBytes32String, formatUnits } from "ethers";
import { network } from "hardhat";
import { renderChartSvg, svgToPng } from "../../scripts/demo/chart.js";
import { renderDaoMarkdown, runDaoFinale, type DaoOutcome } from "../../scripts/demo/dao.js";
import { renderMarkdown, tvlUsd } from "../../scripts/demo/report.js";
import {
  runSimulation,
  type CycleRecord,
  type SimulationResult,
} from "../../scripts/demo/simulation.js";
import { renderStatus } from "../../scripts/keeper/jobs/status.js";
import { fmtAmount, fmtRate, fmtUsd } from "../../scripts/lib/format.js";
import { v2PairAt } from "../../scripts/lib/v2.js";
import { deploySystem, type System } from "../../scripts/lib/system.js";

// The demo's report against the chain: every per-cycle figure is re-read at the block the report
// says it was taken at, flows are recomputed from the Reactors' events, and the Markdown tables
// print those same numbers.
const CYCLES = 3;
const E2E_TIMEOUT_MS = 180_000;
const RATE_ONE = 10n ** 18n;
/** The singularity story in 3 cycles: governance sets K = 2; ALCX is the protocol-owned Reactor. */
const K = 2;
const OWNED = { symbol: "ALCX", usd: 100_000, singularityCycles: K };
const BPS = 10_000n;
/** The fee proposal distributes half the Treasury's WETH (scripts/demo/dao.ts). */
const FEE_SHARE_BPS = 5_000n;

describe("e2e: the demo's report agrees with on-chain state", function () {
  this.timeout(E2E_TIMEOUT_MS);
  let system: System;
  let result: SimulationResult;
  let markdown: string;
  let dao: DaoOutcome;
  let wethBeforeDao: bigint;
  let daoMarkdown: string;

  before(async () => {
    system = await deploySystem(await network.create());
    result = await runSimulation(system, {
      cycles: CYCLES,
      seed: 11,
      swapsPerCycle: 8,
      protocolOwned: OWNED,
    });
    markdown = renderMarkdown(result.records, {
      network: "default",
      seed: 11,
      seconds: 1,
      chart: "chart.png",
    });
    wethBeforeDao = await system.treasury.holdings(system.assets.WETH);
    dao = await runDaoFinale(system);
    daoMarkdown = renderDaoMarkdown(dao);
  });

  const at = (record: CycleRecord) => ({ blockTag: record.status.clock.blockNumber });

  it("plays every cycle and rolls each one over", async () => {
    expect(result.records.map((r) => r.cycle)).to.deep.equal([0n, 1n, 2n]);
    const state = await system.manager.state();
    expect([state.cycle, state.inProgress]).to.deep.equal([BigInt(CYCLES), false]);
  });

  it("Reactor figures equal the chain at the report's block", async () => {
    for (const record of result.records) {
      for (const row of record.status.reactors) {
        const reactor = system.reactors[row.symbol];
        const tag = at(record);
        expect(row.totalSupply, `${row.symbol} supply`).to.equal(await reactor.totalSupply(tag));
        expect(row.activeSupply).to.equal(await reactor.activeSupply(tag));
        expect(row.rate).to.equal(await reactor.rate(tag));
        expect(row.idle).to.equal(await reactor.idleAssets(tag));
        expect(row.deployed).to.equal(await reactor.deployedAssets(tag));
        expect(row.pendingRedeemShares).to.equal(await reactor.pendingRedeemShares(tag));
        expect(row.uncoveredAssets).to.equal(await reactor.uncoveredAssets(tag));
        expect(row.reservedAssets).to.equal(await reactor.reservedAssets(tag));
        // Idle assets are the Reactor's token balance (nobody donated in the demo).
        expect(row.idle).to.equal(
          await system.assets[row.symbol].balanceOf(await reactor.getAddress(), tag),
        );
      }
      const state = await system.manager.state(at(record));
      expect(state.cycle).to.equal(record.cycle + 1n);
      for (const h of record.status.treasury.holdings) {
        expect(h.amount).to.equal(
          await system.assets[h.symbol].balanceOf(system.addresses.treasury, at(record)),
        );
      }
    }
  });

  it("flows equal the Reactors' Deposit, RedeemRequest and Withdraw events of the cycle", async () => {
    let from = 0;
    for (const record of result.records) {
      const to = record.status.clock.blockNumber;
      for (const [symbol, reactor] of Object.entries(system.reactors)) {
        const sum = async (
          event: "Deposit" | "RedeemRequest" | "Withdraw",
          field: "assets" | "shares",
        ) => {
          const logs = await reactor.queryFilter(reactor.filters[event](), from, to);
          return logs.reduce(
            (s, log) => s + (log.args as unknown as Record<string, bigint>)[field],
            0n,
          );
        };
        expect(await sum("Deposit", "assets"), `${symbol} deposits`).to.equal(
          record.flows.deposits[symbol] ?? 0n,
        );
        expect(await sum("RedeemRequest", "shares"), `${symbol} requests`).to.equal(
          record.flows.requests[symbol] ?? 0n,
        );
        expect(await sum("Withdraw", "assets"), `${symbol} redemptions`).to.equal(
          record.flows.redemptions[symbol] ?? 0n,
        );
      }
      from = to + 1;
    }
  });

  it("the keeper's rollover transactions are on-chain with the gas reported", async () => {
    const provider = system.connection.ethers.provider;
    for (const record of result.records) {
      // The keeper refreshes the four asset prices, then runs the rollover in three chunks.
      expect(record.rollover.map((s) => s.kind)).to.deep.equal([
        ...Array(4).fill("prepare"),
        "start",
        "process",
        "process",
        "process",
        "complete",
      ]);
      for (const step of record.rollover) {
        const receipt = await provider.getTransactionReceipt(step.hash);
        expect(receipt?.status).to.equal(1);
        expect(receipt?.gasUsed).to.equal(step.gasUsed);
        const target =
          step.kind === "prepare" ? system.addresses.priceFeed : system.addresses.cycleManager;
        expect(receipt?.to).to.equal(target);
      }
    }
  });

  it("emissions, APRs, LD stake, fees and losses equal the contracts' records", async () => {
    const { emissions, allocator, staking } = system;
    for (const record of result.records) {
      const blocks = record.rollover.map((s) => s.blockNumber);
      const [from, to] = [Math.min(...blocks), Math.max(...blocks)];
      const perYear = (365 * 24 * 3600) / Number(record.status.clock.duration);
      let [booked, carried] = [0n, 0n];
      for (const row of record.status.reactors) {
        const settled = await emissions.queryFilter(
          emissions.filters.ReactorSettled(row.address, record.cycle),
          from,
          to,
        );
        expect(settled.length, `${row.symbol} settled once`).to.equal(1);
        const { lpReward, ldReward, assetValue, stakeValue } = settled[0].args;
        expect(row.lastCycle?.lpEmissions).to.equal(lpReward);
        expect(row.lastCycle?.ldEmissions).to.equal(ldReward);
        // Carried forward: the LD side's inside the settlement (before ReactorSettled), the LP
        // side's after it; APRs count what was paid.
        let [lpCarried, ldCarried] = [0n, 0n];
        for (const e of await emissions.queryFilter(
          emissions.filters.RewardCarried(row.address, record.cycle),
          from,
          to,
        )) {
          if (e.transactionHash === settled[0].transactionHash && e.index < settled[0].index)
            ldCarried += e.args.amount;
          else lpCarried += e.args.amount;
        }
        expect([row.lastCycle?.lpCarried, row.lastCycle?.ldCarried]).to.deep.equal([
          lpCarried,
          ldCarried,
        ]);
        booked += lpReward + ldReward;
        carried += lpCarried + ldCarried;
        const lpPaid = lpReward - lpCarried;
        const lpApr = assetValue === 0n ? null : (Number(lpPaid) / Number(assetValue)) * perYear;
        expect(row.lastCycle?.lpApr ?? null).to.equal(lpApr);
        // An APR that is not positive says why.
        expect(row.lastCycle?.lpAprWhy === undefined, `${row.symbol} LP why`).to.equal(lpPaid > 0n);
        if (row.ldStake !== null && stakeValue > 0n) {
          expect(row.assetToTokeRatio).to.equal(Number(assetValue) / Number(stakeValue));
          expect(row.lastCycle?.ldApr).to.equal(
            (Number(ldReward - ldCarried) / Number(stakeValue)) * perYear,
          );
        }
        if (row.ldStake !== null) {
          expect(row.lastCycle?.ldAprWhy === undefined).to.equal(ldReward - ldCarried > 0n);
        }
        if (row.symbol === "TOKE") {
          expect(row.ldStake).to.equal(null); // the pooled option takes no stake
        } else {
          expect(row.ldStake).to.equal((await staking.totalStake(row.address, at(record))).total);
        }
        const fees = await allocator.queryFilter(
          allocator.filters.FeesRealised(row.address),
          from,
          to,
        );
        const own = fees.reduce((s, e) => s + e.args.tokenAmount, 0n);
        // A base Reactor's fees are the base side of its token Reactors' positions.
        let base = 0n;
        for (const other of record.status.reactors) {
          const pairing = await allocator.pairingOf(other.address);
          if (pairing.baseReactor !== row.address) continue;
          const events = await allocator.queryFilter(
            allocator.filters.FeesRealised(other.address),
            from,
            to,
          );
          base += events.reduce((s, e) => s + e.args.baseAmount, 0n);
        }
        expect(row.lastCycle?.fees, `${row.symbol} fees`).to.equal(own + base);
        const slashed = await allocator.queryFilter(
          allocator.filters.LossCoveredBySlash(row.address),
          from,
          to,
        );
        expect(row.losses?.coveredBySlash).to.equal(
          slashed.reduce((s, e) => s + e.args.amount, 0n),
        );
      }
      // The round: paid + carried forward = what was booked, within the cycle's budget.
      const [opened] = await emissions.queryFilter(
        emissions.filters.RoundOpened(record.cycle),
        from,
        to,
      );
      const round = record.status.emissions!;
      expect(round.budget).to.equal(opened.args.budget);
      expect(round.budget).to.equal(opened.args.drawn + opened.args.carriedIn);
      expect([round.paid, round.carried]).to.deep.equal([booked - carried, carried]);
      expect(round.paid + round.carried <= round.budget).to.equal(true);
    }
  });

  it("every Treasury balance is accounted for by source, as the Treasury records it", async () => {
    const { treasury } = system;
    for (const record of result.records) {
      for (const h of record.status.treasury.holdings) {
        expect(
          h.sources.reduce((s, x) => s + x.amount, 0n),
          `${h.symbol} sources`,
        ).to.equal(h.amount);
        for (const source of h.sources.filter((x) => x.amount > 0n)) {
          expect(source.amount).to.equal(
            await treasury.inflows(h.asset, encodeBytes32String(source.source), at(record)),
          );
        }
      }
    }
  });

  it("small figures keep their precision: fees and values never print as a bare 0", () => {
    expect(fmtAmount(12_345n, 18, 4)).to.equal("0.0000000000000123");
    expect(fmtAmount(1_500n, 6, 2)).to.equal("0.0015");
    expect(fmtAmount(0n, 6, 2)).to.equal("0");
    expect(fmtUsd(0.004_21)).to.equal("$0.0042");
    expect(fmtUsd(12.345)).to.equal("$12.35");
    expect(fmtUsd(1_234.5)).to.equal("$1,235");
    for (const record of result.records) {
      const section = markdown.split(`## Cycle ${record.cycle} `)[1].split("## Cycle")[0];
      for (const row of record.status.reactors.filter((r) => (r.lastCycle?.fees ?? 0n) > 0n)) {
        const fees = section.split("### Fees")[1];
        const line = fees.split("\n").find((l) => l.startsWith(`| ${row.symbol} |`))!;
        const printed = line.split("|")[2].trim();
        expect(printed).to.equal(fmtAmount(row.lastCycle!.fees!, row.decimals, 4));
        expect(printed).to.not.equal("0");
      }
    }
  });

  it("prices come from the pools: USDC $1, WETH from the WETH/USDC reserves", async () => {
    const record = result.records.at(-1)!;
    const world = system.dex!;
    const [weth, usdc] = [system.assets.WETH, system.assets.USDC];
    const pair = v2PairAt(await world.uniswap.factory.getPair(weth, usdc), system.signer);
    const [r0, r1] = await pair.getReserves(at(record));
    const wethIs0 = (await pair.token0()) === (await weth.getAddress());
    const [rw, ru] = wethIs0 ? [r0, r1] : [r1, r0];
    const expected = Number(formatUnits(ru, 6)) / Number(formatUnits(rw, 18));
    const byRow = Object.fromEntries(record.status.reactors.map((r) => [r.symbol, r.priceUsd]));
    expect(byRow.USDC).to.equal(1);
    // Same reserves, same division: equal up to float rounding.
    expect(Math.abs((byRow.WETH ?? 0) - expected) <= expected * 1e-12).to.equal(true);
  });

  it("the Markdown prints the chain's numbers", async () => {
    for (const record of result.records) {
      const section = markdown.split(`## Cycle ${record.cycle} `)[1].split("## Cycle")[0];
      const table = section.split("### Reactors after the rollover")[1];
      for (const row of record.status.reactors) {
        const reactor = system.reactors[row.symbol];
        const supply = await reactor.totalSupply(at(record));
        const rate = await reactor.rate(at(record));
        const line = table.split("\n").find((l) => l.startsWith(`| ${row.symbol} |`));
        const cells = line!.split("|").map((c) => c.trim());
        expect(cells[2], `${row.symbol} supply`).to.equal(fmtAmount(supply, row.decimals));
        expect(cells[3]).to.equal(fmtRate(rate));
        expect(cells[4]).to.equal(fmtAmount(await reactor.idleAssets(at(record)), row.decimals));
        expect(cells[6]).to.equal(
          fmtAmount(await reactor.pendingRedeemShares(at(record)), row.decimals),
        );
        // Value = assets (supply x rate) x price.
        const value =
          row.priceUsd === null
            ? null
            : row.priceUsd * Number(formatUnits((supply * rate) / RATE_ONE, row.decimals));
        expect(cells[8]).to.equal(fmtUsd(value));
      }
      const summary = markdown
        .split("## Summary")[1]
        .split("\n")
        .find((l) => l.startsWith(`| ${record.cycle} |`));
      expect(summary!.split("|")[2].trim()).to.equal(fmtUsd(tvlUsd(record)));
    }
  });

  /**
   * Coverage the rollover closing each record's cycle recorded, recomputed from the Reactor's
   * views at the rollover's start (before any settlement moved the books): the Treasury's active
   * tAssets over the active supply, in basis points, capped at 100%.
   */
  async function expectedCoverage(record: CycleRecord, symbol: string): Promise<bigint> {
    const start = record.rollover.find((s) => s.kind === "start")!;
    const tag = { blockTag: start.blockNumber };
    const reactor = system.reactors[symbol];
    const [mine, all] = await Promise.all([
      reactor.activeBalanceOf(system.addresses.treasury, tag),
      reactor.activeSupply(tag),
    ]);
    if (all === 0n) return 0n;
    return mine >= all ? BPS : (mine * BPS) / all;
  }

  it("coverage per Reactor, its streak and the singularity equal the chain (status and report)", async () => {
    const streaks = new Map<string, number>();
    const reachedAt = new Map<string, bigint>();
    for (const record of result.records) {
      const s = record.status.singularity!;
      expect(s.cycles).to.equal(K);
      expect(BigInt(s.overallBps)).to.equal(await system.emissions.overallCoverage(at(record)));
      expect(s.reached).to.equal(await system.emissions.singularity(at(record)));
      const reached: string[] = [];
      for (const row of record.status.reactors) {
        if (row.symbol === "TOKE") {
          expect(row.coverage).to.equal(null); // the pooled option is not an asset side
          continue;
        }
        const bps = await expectedCoverage(record, row.symbol);
        const streak = bps === BPS ? (streaks.get(row.symbol) ?? 0) + 1 : 0;
        streaks.set(row.symbol, streak);
        if (streak >= K) {
          reached.push(row.symbol);
          if (!reachedAt.has(row.symbol)) reachedAt.set(row.symbol, record.cycle);
        }
        expect(row.coverage?.cycle).to.equal(record.cycle);
        expect(BigInt(row.coverage!.bps), `${row.symbol} coverage`).to.equal(bps);
        expect(row.coverage?.streak, `${row.symbol} streak`).to.equal(streak);
        expect(row.coverage?.treasuryShares).to.equal(
          await system.reactors[row.symbol].activeBalanceOf(system.addresses.treasury, at(record)),
        );
        // keeper `status` prints the same figures in its coverage column.
        const line = stripVTControlCharacters(renderStatus(record.status))
          .split("\n")
          .find((l) => l.includes(`│ ${row.symbol}`))!;
        expect(line).to.include(`${(Number(bps) / 100).toFixed(2)}% (${streak}/${K})`);
      }
      expect(s.reactorsReached).to.deep.equal(reached);
      const statusText = stripVTControlCharacters(renderStatus(record.status));
      expect(statusText).to.include(
        `Coverage: overall coverage ${(s.overallBps / 100).toFixed(2)}%; singularity ${s.reached ? "reached" : "not reached"} (every Reactor covered ${K} cycles in a row, K = ${K})`,
      );
    }
    // The Treasury is the only LP of ALCX from cycle 1 on (its deposit of cycle 0 activates then):
    // covered in cycles 1 and 2, so K = 2 is reached at cycle 2; the other Reactors have LPs.
    expect([...reachedAt]).to.deep.equal([[OWNED.symbol, 2n]]);
    expect(markdown).to.include(
      `- Singularity: ${OWNED.symbol}: singularity reached at cycle 2 (the Treasury held all its active tAssets for ${K} cycles in a row, K = ${K})`,
    );
    expect(await system.emissions.singularity()).to.equal(false);
    expect(markdown).to.include(
      "- Singularity: every Reactor (the protocol-wide singularity() view): not reached",
    );
    const [provided] = await system.treasury.liquidityOf(system.reactors[OWNED.symbol]);
    // 100,000 USD at the seed price of $20 per ALCX.
    expect(provided).to.equal(5_000n * 10n ** 18n);
  });

  it("the DAO finale hands over and distributes half the Treasury's WETH, pro rata to stake", async () => {
    expect(dao.deployerHasRoles).to.equal(false);
    const amount = (wethBeforeDao * FEE_SHARE_BPS) / BPS;
    expect(amount > 0n, "the Treasury collected WETH in 3 cycles").to.equal(true);
    expect(dao.distributedWeth).to.equal(amount);
    expect(daoMarkdown).to.include(`: ${fmtAmount(amount, 18, 6)} WETH from the Treasury`);
    const staked = dao.claims.reduce((s, c) => s + c.stakedToke, 0n);
    const claimed = dao.claims.reduce((s, c) => s + c.claimedWeth, 0n);
    // The stream pays out everything but rounding dust (at most a wei per staker and step).
    expect(claimed <= amount && amount - claimed < 1_000_000n).to.equal(true);
    for (const c of dao.claims) {
      const fair = (amount * c.stakedToke) / staked;
      const diff = fair > c.claimedWeth ? fair - c.claimedWeth : c.claimedWeth - fair;
      expect(diff < 1_000_000n, `${c.account} claim`).to.equal(true);
    }
    expect(daoMarkdown).to.include(`(${K} cycles)`); // ALCX's streak >= K after the hand-over
    expect(daoMarkdown).to.include(`${OWNED.symbol} (`);
  });

  it("renders the chart as SVG and PNG", async () => {
    const svg = await renderChartSvg(
      result.records.map((r) => ({
        cycle: Number(r.cycle),
        treasury: 0,
        tvl: tvlUsd(r),
        aprLp: 0,
        aprLd: null,
      })),
    );
    expect(svg.startsWith("<svg")).to.equal(true);
    expect(svg).to.include("Treasury value");
    const png = svgToPng(svg);
    expect([...png.subarray(0, 4)]).to.deep.equal([0x89, 0x50, 0x4e, 0x47]);
  });
});
