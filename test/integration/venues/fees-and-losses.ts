import { expect } from "chai";
import type { EventLog, Log } from "ethers";
import { network } from "hardhat";
import { swapBalancer } from "../../../scripts/lib/balancer.js";
import type { Erc20 } from "../../../scripts/lib/dex-types.js";
import { addV2Liquidity, swapV2 } from "../../../scripts/lib/v2.js";
import { E18 } from "../../helpers/dex-fixture.js";
import {
  deposit,
  E6,
  protocolFixture,
  rollover,
  setVotes,
  VENUE_NAMES,
  VENUES,
  type Pair,
  type Protocol,
  type VenueName,
} from "../../helpers/protocol-fixture.js";
import { sqrt } from "../../helpers/venue-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = () => protocolFixture(ethers, networkHelpers);
const Q112 = 2n ** 112n;

/** Reserves (token, base) and LP supply of `pair`'s pool on `venue`, and the adapter's LP. */
async function poolState(p: Protocol, pair: Pair, venue: VenueName) {
  const tokenFirst = BigInt(pair.tokenAddress) < BigInt(pair.baseAddress);
  if (venue === "balancer") {
    const [, b] = await p.world.balancer.vault.getPoolTokens(pair.balancerPool.poolId);
    const supply = await pair.balancerPool.pool.getActualSupply();
    const held = await pair.balancerPool.pool.balanceOf(p.adapters.balancer);
    return { token: tokenFirst ? b[0] : b[1], base: tokenFirst ? b[1] : b[0], supply, held };
  }
  const lp = venue === "uniswap" ? pair.uniswapPair : pair.sushiPair;
  const [r0, r1] = await lp.getReserves();
  return {
    token: tokenFirst ? r0 : r1,
    base: tokenFirst ? r1 : r0,
    supply: await lp.totalSupply(),
    held: await lp.balanceOf(p.adapters[venue]),
  };
}

/** A trader's round trip on `venue`: `amount` of token in, then everything received back. */
async function roundTrip(p: Protocol, pair: Pair, venue: VenueName, amount: bigint) {
  if (venue === "balancer") {
    const out = await swapBalancer(
      p.world.balancer,
      pair.balancerPool,
      pair.tokenAddress,
      pair.baseAddress,
      amount,
      p.trader,
    );
    await swapBalancer(
      p.world.balancer,
      pair.balancerPool,
      pair.baseAddress,
      pair.tokenAddress,
      out.amountOut,
      p.trader,
    );
    return;
  }
  const [v, lp] =
    venue === "uniswap" ? [p.world.uniswap, pair.uniswapPair] : [p.world.sushiswap, pair.sushiPair];
  const out = await swapV2(v, lp, pair.token as never, amount, p.trader);
  await swapV2(v, lp, pair.base, out.amountOut, p.trader);
}

function logsOf(p: Protocol, logs: readonly (Log | EventLog)[], name: string) {
  return logs
    .filter((l) => l.address.toLowerCase() === p.allocator.target.toString().toLowerCase())
    .map((l) => ({ index: l.index, event: p.allocator.interface.parseLog(l) }))
    .filter((e) => e.event?.name === name);
}

describe("venue fees and the loss waterfall (real DEX bytecode)", function () {
  it("realises trading fees to the Treasury within 0.1% of each venue's own invariant growth", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    const [alice, bob] = p.users;
    const pair = p.pairs.TKC;
    await deposit(p, p.tUsdc, alice, 300_000n * E6);
    await deposit(p, pair.reactor, bob, 100_000n * E18);
    await setVotes(p, pair.reactor, { uniswap: 1n, sushiswap: 1n, balancer: 1n });
    await rollover(p);

    const before = {} as Record<VenueName, Awaited<ReturnType<typeof poolState>>>;
    for (const venue of VENUE_NAMES) before[venue] = await poolState(p, pair, venue);
    // A week of trading: round trips, so that the price ends where it started (fees aside).
    for (let i = 0; i < 5; ++i)
      for (const venue of VENUE_NAMES) await roundTrip(p, pair, venue, 20_000n * E18);
    const traded = {} as Record<VenueName, Awaited<ReturnType<typeof poolState>>>;
    for (const venue of VENUE_NAMES) traded[venue] = await poolState(p, pair, venue);

    const receipts = await rollover(p);
    const logs = receipts.flatMap((r) => r!.logs);
    const realised = logsOf(p, logs, "FeesRealised");
    expect(realised.length).to.equal(3);
    for (const venue of VENUE_NAMES) {
      const after = traded[venue];
      const fees = realised.find((e) => e.event!.args.venue === VENUES[venue])!.event!.args;
      // Venue math: the position's share of the growth of the pool's value at the pool's price,
      // 2 * sqrt(k * price), between the deployment and the rollover (price in base per token).
      const priceX112 = (after.base * Q112) / after.token;
      const value = (k: bigint) => 2n * sqrt((k * priceX112) / Q112);
      const expected =
        (before[venue].held *
          (value(after.token * after.base) - value(before[venue].token * before[venue].base))) /
        before[venue].supply;
      const paid = (fees.tokenAmount * priceX112) / Q112 + fees.baseAmount;
      expect(paid, venue).to.be.closeTo(expected, expected / 1_000n);
      expect(paid, venue).to.be.greaterThan(0n);
    }
    const source = await p.allocator.FEES_SOURCE();
    const fromEvents = realised.reduce((s, e) => s + e.event!.args.baseAmount, 0n);
    expect(await p.treasury.inflows(pair.baseAddress, source)).to.equal(fromEvents);
  });

  it("covers impermanent loss in order: Treasury holdings, then LD slash, then write-down", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    const [alice, bob, carol] = p.users;
    const pair = p.pairs.TKA;
    await deposit(p, p.tWeth, alice, 300n * E18);
    await deposit(p, pair.reactor, bob, 100_000n * E18);
    await setVotes(p, pair.reactor, { uniswap: 1n, sushiswap: 1n, balancer: 1n });
    await rollover(p);
    const deployedToken = await pair.reactor.deployedAssets();
    const deployedBase = await p.tWeth.deployedAssets();

    // Backstops: the Treasury holds 100 TKA; carol stakes 1,000 TOKE on tTKA beside the LD's
    // 1,000: 2,000 TOKE (20 WETH) in all.
    const treasuryTka = 100n * E18;
    await (await pair.token.connect(carol).approve(p.treasury, treasuryTka)).wait();
    await (
      await p.treasury
        .connect(carol)
        .deposit(pair.tokenAddress, treasuryTka, ethers.encodeBytes32String("DONATION"))
    ).wait();
    await (await p.toke.connect(carol).approve(p.staking, 1_000n * E18)).wait();
    await (await p.staking.connect(carol).stake(pair.reactor, 1_000n * E18, carol.address)).wait();
    const stake = 2_000n * E18;
    // The slash step sells the TOKE on Uniswap (TOKE -> WETH -> TKA) within the slippage
    // allowance: governance allows 5% and the TOKE/WETH pool is deepened to 450,000 / 4,500.
    await (await p.allocator.setBounds(500, 100)).wait();
    await addV2Liquidity(
      p.world.uniswap,
      p.toke as unknown as Erc20,
      400_000n * E18,
      p.world.weth,
      4_000n * E18,
      p.users[3],
    );
    const stakingToke = await p.toke.balanceOf(p.staking);

    // TKA's price rises 50% on every venue: buy TKA with WETH until base reserves are x sqrt(1.5).
    for (const venue of VENUE_NAMES) {
      const s = await poolState(p, pair, venue);
      const amountIn = (s.base * 2247n) / 10_000n; // sqrt(1.5) - 1 = 0.2247
      if (venue === "balancer")
        await swapBalancer(
          p.world.balancer,
          pair.balancerPool,
          pair.baseAddress,
          pair.tokenAddress,
          amountIn,
          p.trader,
        );
      else {
        const [v, lp] =
          venue === "uniswap"
            ? [p.world.uniswap, pair.uniswapPair]
            : [p.world.sushiswap, pair.sushiPair];
        await swapV2(v, lp, pair.base, amountIn, p.trader);
      }
    }
    // The LDs pull TKA out of every venue.
    await setVotes(p, pair.reactor, {});
    const rateBefore = await pair.reactor.rate();
    const supply = await pair.reactor.totalSupply();
    const receipts = await rollover(p);
    const logs = receipts.flatMap((r) => r!.logs);

    const withdrawn = logsOf(p, logs, "LiquidityWithdrawn");
    expect(withdrawn.length).to.equal(3);
    const tokenBack = withdrawn.reduce((s, e) => s + e.event!.args.tokenAmount, 0n);
    const baseBack = withdrawn.reduce((s, e) => s + e.event!.args.baseAmount, 0n);
    // A 50/50 pool after a x1.5 price move returns x sqrt(1/1.5) = 0.816 of the token (less the
    // buyers' fees kept in the pool) and x sqrt(1.5) = 1.225 of the base.
    expect(tokenBack).to.be.closeTo((deployedToken * 8165n) / 10_000n, deployedToken / 100n);
    expect(baseBack).to.be.closeTo((deployedBase * 12247n) / 10_000n, deployedBase / 100n);
    const shortfall = deployedToken - tokenBack;

    const byTreasury = logsOf(p, logs, "LossCoveredByTreasury");
    const bySlash = logsOf(p, logs, "LossCoveredBySlash");
    const writtenDown = logsOf(p, logs, "LossWrittenDown");
    const surplus = logsOf(p, logs, "SurplusSent");
    // Step 1 took all of the Treasury's TKA; step 2 all of the stake (the staking ledger keeps a
    // rate of at least 1 wei per unit: a few wei stay); step 3 the rest.
    // A sale grossed up by the allowance can pay more than a venue's shortfall: the excess goes
    // to the Treasury (LD_SLASH) and covers the next venue's shortfall at step 1.
    const slashExcess = await p.treasury.inflows(
      pair.tokenAddress,
      await p.allocator.SLASH_SOURCE(),
    );
    const fromTreasury = byTreasury.reduce((s, e) => s + e.event!.args.amount, 0n);
    expect(fromTreasury).to.be.greaterThanOrEqual(treasuryTka);
    expect(fromTreasury).to.be.lessThanOrEqual(treasuryTka + slashExcess);
    const slashedToke = bySlash.reduce((s, e) => s + e.event!.args.toke, 0n);
    // Each venue's sale moves the TOKE pools away from their TWAPs, so a later sale can fall
    // below its TWAP minimum: it is skipped (its slash undone) and that part written down.
    expect(slashedToke).to.be.greaterThan(0n);
    expect(slashedToke).to.be.lessThanOrEqual(stake);
    if (slashedToke < stake - 10n ** 6n)
      expect(logsOf(p, logs, "SlashSkipped").length).to.be.greaterThan(0);
    const slashCovered = bySlash.reduce((s, e) => s + e.event!.args.amount, 0n);
    const lost = writtenDown.reduce((s, e) => s + e.event!.args.amount, 0n);
    expect(fromTreasury + slashCovered + lost).to.equal(shortfall);
    // In that order, within the first venue's settlement.
    expect(byTreasury[0].index).to.be.lessThan(bySlash[0].index);
    expect(bySlash[0].index).to.be.lessThan(writtenDown[0].index);
    // 1 TOKE at 0.01 WETH, at TKA's new price of ~0.003 WETH: ~3.333 TKA at the TWAPs; the
    // sales pay at least that less the 5% allowance (two pools' fees and impact).
    const atTwap = (slashedToke * 3_333n) / 1_000n;
    const sold = slashCovered + slashExcess;
    expect(sold).to.be.lessThanOrEqual(atTwap + 100n * E18);
    expect(sold).to.be.greaterThanOrEqual((atTwap * 95n) / 100n - 100n * E18);
    // The TOKE left the stake and was sold: the Treasury holds none of it and owes nothing.
    expect(stakingToke - (await p.toke.balanceOf(p.staking))).to.equal(slashedToke);
    expect(await p.treasury.inflows(p.toke, await p.allocator.SLASH_SOURCE())).to.equal(0n);
    // The base side came back with more WETH than it put in: the Treasury keeps that surplus.
    const baseSurplus = surplus
      .filter((e) => e.event!.args.asset === pair.baseAddress)
      .reduce((s, e) => s + e.event!.args.amount, 0n);
    expect(baseSurplus).to.equal(baseBack - deployedBase);
    // Only the written-down part lowers tTKA's rate, for every holder alike.
    const rateAfter = await pair.reactor.rate();
    // Each write-down rounds its cut up (holders bear all of it): at most 1 wei per write-down.
    const cut = (lost * 10n ** 18n + supply - 1n) / supply;
    expect(rateBefore - rateAfter).to.be.greaterThanOrEqual(cut);
    expect(rateBefore - rateAfter).to.be.lessThanOrEqual(cut + BigInt(writtenDown.length));
    // Everything came back, in the asset: nothing is booked as deployed any more.
    expect(await pair.reactor.deployedAssets()).to.equal(0n);
  });
});
