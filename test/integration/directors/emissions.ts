import { expect } from "chai";
import { network } from "hardhat";
import {
  approveToke,
  deployDirectors,
  depositTo,
  E18,
  rolloverWithPrices,
} from "../../helpers/directors.js";
import {
  payout,
  RewardModel,
  snapshot,
  value,
  type Payout,
  type ReactorValues,
} from "../../helpers/emissionModel.js";

const USDC = (n: bigint) => n * 10n ** 6n;

describe("emissions over six cycles: several LPs and LDs against the documented formula", () => {
  it("pays every party what the formula says, to the wei, and conserves the budget", async () => {
    const conn = await network.create();
    const d = await deployDirectors(conn);
    const { controller, staking, tWeth, tUsdc, tToke, users, params } = d;
    const [alice, bob, carol, dave, erin, frank, grace] = users;
    const WETH = await tWeth.getAddress();
    const USDCR = await tUsdc.getAddress();
    const TOKER = await tToke.getAddress();
    const stakingAddress = await staking.getAddress();
    for (const u of [carol, dave, frank]) await approveToke(d, u, stakingAddress);

    const F = params.floorBps;
    const E = params.emissionPerCycle;
    const wethValue = (units: bigint) => value(units, params.wethPrice);
    const usdcValue = (units: bigint) => value(units, params.usdcPrice);

    // Hand-written history: the values each Reactor had in each cycle (active balances only).
    const valuesIn = (
      wethUnits: bigint,
      wethStake: bigint,
      usdcUnits: bigint,
      usdcStake: bigint,
    ): Map<string, ReactorValues> =>
      new Map([
        ["weth", { a: wethValue(wethUnits), t: wethStake }],
        ["usdc", { a: usdcValue(usdcUnits), t: usdcStake }],
      ]);

    // --- cycle 0: everything is pending.
    await depositTo(d, tWeth, alice, 10n * E18);
    await depositTo(d, tUsdc, bob, USDC(2_000n));
    await staking.connect(carol).stake(WETH, 500n * E18, carol.address);
    await staking.connect(dave).stake(USDCR, 200n * E18, dave.address);
    await depositTo(d, tToke, erin, 300n * E18);
    await rolloverWithPrices(conn, d);
    // Round 0 draws E and pays nothing (no weights yet): all of it is carried.
    let budget = E;
    expect((await controller.round()).budget).to.equal(budget);
    expect((await controller.round()).paid).to.equal(0n);
    // The snapshot for cycle 1 comes from cycle 0's active values: all zero.

    // --- cycle 1: all active. Round 1 still has zero weights.
    await rolloverWithPrices(conn, d);
    budget = budget + E;
    expect((await controller.round()).budget).to.equal(budget);
    expect((await controller.round()).paid).to.equal(0n);
    const s2 = snapshot(valuesIn(10n * E18, 500n * E18, USDC(2_000n), 200n * E18), 300n * E18, F);

    // --- cycle 2: a late staker, and a tAsset transfer.
    await staking.connect(frank).stake(WETH, 500n * E18, frank.address);
    await tWeth.connect(alice).transfer(grace.address, 4n * E18);
    await rolloverWithPrices(conn, d);
    budget = budget + E;
    // The stake that earns in each paid cycle (requests included), for the LD rate cap.
    const earning = (weth: bigint, usdc: bigint) =>
      new Map([
        ["weth", weth * E18],
        ["usdc", usdc * E18],
      ]);
    const carried = (p: Payout) => [...p.capped.values()].reduce((x, y) => x + y, 0n);
    const p2 = payout(budget, s2, { stakeInCycle: earning(500n, 200n) });
    expect((await controller.round()).budget).to.equal(budget);
    expect((await controller.round()).paid).to.equal(p2.paid);
    // Alice's 4 transferred units left cycle 2's active supply; Frank's stake is still pending.
    const s3 = snapshot(valuesIn(6n * E18, 500n * E18, USDC(2_000n), 200n * E18), 300n * E18, F);

    // --- cycle 3: Carol asks to unstake 200 (it still earns cycle 3), Bob asks to redeem half.
    await staking.connect(carol).requestUnstake(WETH, 200n * E18);
    await tUsdc.connect(bob).requestRedeem(USDC(1_000n), bob.address, bob.address);
    await rolloverWithPrices(conn, d);
    budget = budget - p2.paid + carried(p2) + E;
    const p3 = payout(budget, s3, { stakeInCycle: earning(1_000n, 200n) });
    expect((await controller.round()).budget).to.equal(budget);
    expect((await controller.round()).paid).to.equal(p3.paid);
    // Carol's requested 200 still counts in cycle 3; Bob's requested tUSDC too (not claimed yet).
    const s4 = snapshot(valuesIn(10n * E18, 1_000n * E18, USDC(2_000n), 200n * E18), 300n * E18, F);

    // --- cycle 4: Bob redeems, Carol withdraws.
    await tUsdc.connect(bob).redeem(USDC(1_000n), bob.address, bob.address);
    await staking.connect(carol).withdraw(WETH, carol.address);
    await rolloverWithPrices(conn, d);
    budget = budget - p3.paid + carried(p3) + E;
    const p4 = payout(budget, s4, { stakeInCycle: earning(800n, 200n) });
    expect((await controller.round()).paid).to.equal(p4.paid);
    const s5 = snapshot(valuesIn(10n * E18, 800n * E18, USDC(1_000n), 200n * E18), 300n * E18, F);

    // --- cycle 5: quiet.
    await rolloverWithPrices(conn, d);
    budget = budget - p4.paid + carried(p4) + E;
    const p5 = payout(budget, s5, { stakeInCycle: earning(800n, 200n) });
    expect((await controller.round()).paid).to.equal(p5.paid);

    // Conservation: drawn = booked + undistributed, where booked = what the rounds paid.
    const drawn = 6n * E;
    const booked = [p2, p3, p4, p5].reduce((sum, p) => sum + p.paid - carried(p), 0n);
    expect(await controller.totalDrawn()).to.equal(drawn);
    expect(await controller.undistributed()).to.equal(drawn - booked);
    expect(drawn - booked).to.equal(budget - p5.paid + carried(p5));

    // Per-party rewards from the accumulators, fed with the payouts of the formula.
    const rounds: Payout[] = [p2, p3, p4, p5];
    const wethLp = new RewardModel();
    const usdcLp = new RewardModel();
    const poolLp = new RewardModel();
    const wethLd = new RewardModel();
    const usdcLd = new RewardModel();
    const wethLpActive = [6n * E18, 10n * E18, 10n * E18, 10n * E18];
    const usdcLpActive = [USDC(2_000n), USDC(2_000n), USDC(1_000n), USDC(1_000n)];
    const wethLdActive = [500n * E18, 800n * E18, 800n * E18, 800n * E18];
    let accWethLpAfter2 = 0n;
    let accUsdcLpAfter2 = 0n;
    let accUsdcLpAfter3 = 0n;
    let accWethLdAfter2 = 0n;
    let carolExitReward = 0n;
    rounds.forEach((p, i) => {
      wethLp.settle(p.lp.get("weth")!, wethLpActive[i]);
      usdcLp.settle(p.lp.get("usdc")!, usdcLpActive[i]);
      poolLp.settle(p.pool, 300n * E18);
      usdcLd.settle(p.ld.get("usdc")!, 200n * E18);
      let ld = p.ld.get("weth")!;
      if (i === 1) {
        // Cycle 3: 200 requested of 1,000 staked take their share through the exit pool.
        carolExitReward = (ld * 200n) / 1_000n;
        ld -= carolExitReward;
      }
      wethLd.settle(ld, wethLdActive[i]);
      if (i === 0) {
        accUsdcLpAfter2 = usdcLp.acc;
        accWethLpAfter2 = wethLp.acc;
        accWethLdAfter2 = wethLd.acc;
      }
      if (i === 1) accUsdcLpAfter3 = usdcLp.acc;
    });
    const expected = new Map<string, bigint>([
      ["alice", wethLp.earned(6n * E18)],
      ["grace", wethLp.earned(4n * E18, accWethLpAfter2)],
      // Bob's and Carol's first segments end at their touch (redeem after round 3, request
      // before round 3): floor(units x acc at the touch), then the rest with their new units.
      [
        "bob",
        // ERC-7540 escrow: his 2,000 are checkpointed at the request (after round 2); the 1,000
        // escrowed earn on their own until they mature (round 3), the 1,000 kept from then on.
        (USDC(2_000n) * accUsdcLpAfter2) / E18 +
          (USDC(1_000n) * (accUsdcLpAfter3 - accUsdcLpAfter2)) / E18 +
          usdcLp.earned(USDC(1_000n), accUsdcLpAfter2),
      ],
      ["erin", poolLp.earned(300n * E18)],
      ["dave", usdcLd.earned(200n * E18)],
      [
        "carol",
        (500n * E18 * accWethLdAfter2) / E18 +
          wethLd.earned(300n * E18, accWethLdAfter2) +
          carolExitReward,
      ],
      ["frank", wethLd.earned(500n * E18, accWethLdAfter2)],
    ]);
    const all = [WETH, USDCR, TOKER];
    const parties = { alice, grace, bob, erin, dave, carol, frank };
    let claimed = 0n;
    for (const [name, signer] of Object.entries(parties)) {
      const want = expected.get(name)!;
      expect(await controller.claimable(signer.address, all, all), `${name} claimable`).to.equal(
        want,
      );
      const before = await d.toke.balanceOf(signer.address);
      await controller.connect(signer).claim(all, all, signer.address);
      expect((await d.toke.balanceOf(signer.address)) - before, `${name} claimed`).to.equal(want);
      claimed += want;
      expect(await controller.claimable(signer.address, all, all)).to.equal(0n);
    }
    // Everything booked was claimed but for accumulator dust: a settle over A active units (of
    // 1e18 per token) books floor(R x 1e18 / A) per unit, losing less than A / 1e18 + 1 wei, and
    // each party's floor loses less than 1 wei per segment.
    let dustBound = 0n;
    for (const actives of [wethLpActive, usdcLpActive, wethLdActive])
      for (const a of actives) dustBound += a / E18 + 1n;
    dustBound += 4n * ((300n * E18) / E18 + 1n) * 2n + 7n * 3n;
    expect(claimed).to.be.lte(booked);
    expect(booked - claimed).to.be.lte(dustBound);
    // The controller holds exactly the reserve, the undistributed TOKE and the dust.
    expect(await d.toke.balanceOf(await controller.getAddress())).to.equal(
      (await controller.reserve()) + (await controller.undistributed()) + (booked - claimed),
    );
  });

  it("a rollover split into chunks books exactly what one call books", async () => {
    const run = async (chunk: number) => {
      const conn = await network.create();
      const d = await deployDirectors(conn);
      const [alice, bob, carol] = d.users;
      const WETH = await d.tWeth.getAddress();
      const USDCR = await d.tUsdc.getAddress();
      await approveToke(d, carol, await d.staking.getAddress());
      await depositTo(d, d.tWeth, alice, 3n * E18);
      await depositTo(d, d.tUsdc, bob, USDC(700n));
      await depositTo(d, d.tToke, alice, 50n * E18);
      await d.staking.connect(carol).stake(WETH, 120n * E18, carol.address);
      await d.staking.connect(carol).stake(USDCR, 80n * E18, carol.address);
      const amounts: bigint[] = [];
      for (let i = 0; i < 4; ++i) {
        await conn.networkHelpers.time.increaseTo(await d.manager.cycleEnd());
        for (const asset of [d.weth, d.usdc]) {
          const a = await asset.getAddress();
          await d.feed.connect(d.keeper).postPrice(a, (await d.feed.priceData(a)).price);
        }
        await d.manager.startRollover();
        for (let done = 0; done < 3; done += chunk) await d.manager.processReactors(chunk);
        await d.manager.completeRollover();
        amounts.push((await d.controller.round()).paid);
      }
      const all = [WETH, USDCR, await d.tToke.getAddress()];
      for (const who of [alice, bob, carol])
        amounts.push(await d.controller.claimable(who.address, all, all));
      amounts.push(await d.controller.undistributed());
      return amounts;
    };
    const whole = await run(3);
    expect(whole.slice(0, 4).some((paid) => paid > 0n)).to.equal(true);
    expect(await run(1)).to.deep.equal(whole);
  });
});
