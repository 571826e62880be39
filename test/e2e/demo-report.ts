import { expect } from "chai";
import { encodeBytes32String, formatUnits } from "ethers";
import { network } from "hardhat";
import { renderChartSvg, svgToPng } from "../../scripts/demo/chart.js";
import { renderMarkdown, tvlUsd } from "../../scripts/demo/report.js";
import {
  runSimulation,
  type CycleRecord,
  type SimulationResult,
} from "../../scripts/demo/simulation.js";
import { fmtAmount, fmtRate, fmtUsd } from "../../scripts/lib/format.js";
import { v2PairAt } from "../../scripts/lib/v2.js";
import { deploySystem, type System } from "../../scripts/lib/system.js";

// The demo's report against the chain: every per-cycle figure is re-read at the block the report
// says it was taken at, flows are recomputed from the Reactors' events, and the Markdown tables
// print those same numbers.
const CYCLES = 3;
const E2E_TIMEOUT_MS = 180_000;
const RATE_ONE = 10n ** 18n;

describe("e2e: the demo's report agrees with on-chain state", function () {
  this.timeout(E2E_TIMEOUT_MS);
  let system: System;
  let result: SimulationResult;
  let markdown: string;

  before(async () => {
    system = await deploySystem(await network.create());
    result = await runSimulation(system, { cycles: CYCLES, seed: 11, swapsPerCycle: 8 });
    markdown = renderMarkdown(result.records, {
      network: "default",
      seed: 11,
      seconds: 1,
      chart: "chart.png",
    });
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
