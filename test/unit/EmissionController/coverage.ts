import { expect } from "chai";
import { network } from "hardhat";
import {
  BPS,
  deployDirectors,
  depositTo,
  E18,
  rolloverWithPrices,
  type Directors,
} from "../../helpers/directors.js";
import {
  coverageCut,
  payout,
  snapshot,
  value,
  type ReactorValues,
} from "../../helpers/emissionModel.js";
import type { Connection } from "../../helpers/core.js";

const USDC = (n: bigint) => n * 10n ** 6n;

async function rollTimes(conn: Connection, d: Directors, n: number) {
  for (let i = 0; i < n; ++i) await rolloverWithPrices(conn, d);
}

describe("EmissionController: coverage by the Treasury, the singularity, coverage-linked LP emissions", () => {
  it("records the Treasury's share of a Reactor, cuts its LP side along the curve and returns the cut to the reserve", async () => {
    const conn = await network.create();
    const d = await deployDirectors(conn);
    const [alice, bob, carol] = d.users;
    const WETH = await d.tWeth.getAddress();
    const USDCR = await d.tUsdc.getAddress();
    const T = await d.treasury.getAddress();
    await d.toke.connect(carol).approve(await d.staking.getAddress(), d.ethers.MaxUint256);
    await depositTo(d, d.tWeth, alice, 10n * E18);
    await depositTo(d, d.tUsdc, bob, USDC(2_000n));
    await d.staking.connect(carol).stake(WETH, 500n * E18, carol.address);
    await rolloverWithPrices(conn, d);
    // Cycle 1: Alice hands 6 of her 10 tWETH to the Treasury (active for it from cycle 2).
    await d.tWeth.connect(alice).transfer(T, 6n * E18);
    await rollTimes(conn, d, 2);
    // The rollover closing cycle 2 recorded cycle 2's coverage: 6 / 10 on tWETH, none on tUSDC.
    const s = await d.controller.snapshotOf(WETH);
    expect(s.coverageBps).to.equal(6_000n);
    expect(s.coveredCycles).to.equal(0n);
    expect((await d.controller.snapshotOf(USDCR)).coverageBps).to.equal(0n);
    // Overall, valued in TOKE: 600 of tWETH's 1,000 TOKE and none of tUSDC's 1,000.
    const a = value(10n * E18, d.params.wethPrice);
    const aUsdc = value(USDC(2_000n), d.params.usdcPrice);
    expect(await d.controller.overallCoverage()).to.equal(
      (((a * 6_000n) / BPS) * BPS) / (a + aUsdc),
    );

    // Cycle 3 is paid with these weights: tWETH's LP side keeps 1 - 100% x 60% of its share.
    const reserveBefore = await d.controller.reserve();
    const aliceBefore = await d.tWeth.earnedRewards(alice.address);
    const from = await d.ethers.provider.getBlockNumber();
    await rolloverWithPrices(conn, d);
    const round = await d.controller.round();
    const values: Map<string, ReactorValues> = new Map([
      ["weth", { a, t: 500n * E18 }],
      ["usdc", { a: aUsdc, t: 0n }],
    ]);
    const p = payout(round.budget, snapshot(values, 0n, d.params.floorBps), {
      coverageBps: new Map([["weth", 6_000n]]),
    });
    const full = p.lp.get("weth")! + p.cut.get("weth")!;
    expect(p.cut.get("weth")).to.equal(coverageCut(full, 6_000n, BPS));
    console.log(
      `      tWETH LP side ${full / E18} TOKE at 60% coverage: ${p.lp.get("weth")! / E18} paid, ${p.cut.get("weth")! / E18} back to the reserve`,
    );
    const cuts = await d.controller.queryFilter(
      d.controller.filters.CoverageCutReturned(),
      from + 1,
    );
    expect(cuts.map((e) => [e.args.reactor, e.args.amount])).to.deep.equal([
      [WETH, p.cut.get("weth")],
    ]);
    expect(await d.controller.reserve()).to.equal(
      reserveBefore - d.params.emissionPerCycle + p.cut.get("weth")!,
    );
    expect((await d.controller.round()).paid).to.equal(p.paid);
    // What the Treasury and Alice (4 of 10 active) earn of cycle 3 is the cut LP side, pro rata.
    const lpPaid = p.lp.get("weth")!;
    const aliceEarned = (await d.tWeth.earnedRewards(alice.address)) - aliceBefore;
    expect(aliceEarned).to.be.lte((lpPaid * 4n) / 10n);
    expect((lpPaid * 4n) / 10n - aliceEarned).to.be.lte(11n);
    // Conservation with the cut returned: drawn (net) = booked + undistributed.
    expect(await d.controller.totalDrawn()).to.equal(
      4n * d.params.emissionPerCycle - p.cut.get("weth")!,
    );
  });

  it("singularity: true once every Reactor is fully covered for K cycles in a row, false again when an LP joins", async () => {
    const conn = await network.create();
    const d = await deployDirectors(conn);
    const [alice, bob] = d.users;
    const T = await d.treasury.getAddress();
    const WETH = await d.tWeth.getAddress();
    await expect(d.controller.setCoverageCurve(10_000n, 2n))
      .to.emit(d.controller, "CoverageCurveSet")
      .withArgs(10_000n, 2n);
    await depositTo(d, d.tWeth, alice, 10n * E18);
    await depositTo(d, d.tUsdc, bob, USDC(2_000n));
    await rolloverWithPrices(conn, d);
    // Cycle 1: the Treasury takes over every tAsset (active for it from cycle 2).
    await d.tWeth.connect(alice).transfer(T, 10n * E18);
    await d.tUsdc.connect(bob).transfer(T, USDC(2_000n));
    await rollTimes(conn, d, 2);
    // Cycle 2 was fully covered: one cycle of the two asked.
    expect((await d.controller.snapshotOf(WETH)).coveredCycles).to.equal(1n);
    expect(await d.controller.singularity()).to.equal(false);
    expect(await d.controller.overallCoverage()).to.equal(BPS);
    await rolloverWithPrices(conn, d);
    // Cycles 2 and 3 were fully covered, on both Reactors (the TOKE Reactor does not count).
    const sums = await d.controller.sumsFor((await d.manager.state()).cycle);
    expect([sums.reactors, sums.covered]).to.deep.equal([2n, 2n]);
    expect(await d.controller.singularity()).to.equal(true);
    // At full coverage the LP side emits nothing: all of it went back to the reserve.
    expect(await d.tWeth.earnedRewards(T)).to.equal(0n);
    // Cycle 4: an outside LP deposits 1 USDC; it is active in cycle 5, so the rollover closing
    // cycle 5 records tUSDC below 100% and the singularity ends with cycle 6's sums.
    await depositTo(d, d.tUsdc, bob, USDC(1n));
    await rollTimes(conn, d, 2);
    expect(await d.controller.singularity()).to.equal(false);
    expect((await d.controller.sumsFor((await d.manager.state()).cycle)).covered).to.equal(1n);
  });

  it("bounds the curve and the rate cap", async () => {
    const conn = await network.create();
    const d = await deployDirectors(conn);
    expect(await d.controller.rateCapBps()).to.equal(30_000n);
    expect(await d.controller.coverageCurve()).to.deep.equal([10_000n, 4n]);
    for (const [cut, k, bad, min, max] of [
      [10_001n, 4n, 10_001n, 0n, 10_000n],
      [0n, 0n, 0n, 1n, 52n],
      [0n, 53n, 53n, 1n, 52n],
    ]) {
      await expect(d.controller.setCoverageCurve(cut, k))
        .to.be.revertedWithCustomError(d.controller, "EmissionControllerBadParameter")
        .withArgs(bad, min, max);
    }
    for (const bad of [9_999n, 100_001n]) {
      await expect(d.controller.setRateCap(bad))
        .to.be.revertedWithCustomError(d.controller, "EmissionControllerBadParameter")
        .withArgs(bad, 10_000n, 100_000n);
    }
    await expect(d.controller.setRateCap(10_000n))
      .to.emit(d.controller, "RateCapSet")
      .withArgs(10_000n);
  });
});
