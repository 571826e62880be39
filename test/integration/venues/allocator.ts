import { expect } from "chai";
import { network } from "hardhat";
import { swapBalancer } from "../../../scripts/lib/balancer.js";
import { E18 } from "../../helpers/dex-fixture.js";
import {
  deposit,
  E6,
  MAX_SLIPPAGE_BPS,
  pokeOracle,
  protocolFixture,
  rollover,
  setVotes,
  VENUE_NAMES,
  VENUES,
  type Protocol,
  type TokenName,
  type VenueName,
} from "../../helpers/protocol-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = () => protocolFixture(ethers, networkHelpers);

/** Targets are met to within the allocator's smallest move (1%) plus deposit rounding. */
const TOLERANCE_BPS = 100n;
const BPS = 10_000n;

/** Deposits LP money in cycle 0 and votes 50/30/20 across Uniswap/Sushi/Balancer everywhere. */
async function funded(p: Protocol) {
  const [alice, bob] = p.users;
  await deposit(p, p.tWeth, alice, 300n * E18);
  await deposit(p, p.tUsdc, alice, 300_000n * E6);
  await deposit(p, p.pairs.TKA.reactor, bob, 100_000n * E18);
  await deposit(p, p.pairs.TKB.reactor, bob, 20_000n * E18);
  await deposit(p, p.pairs.TKC.reactor, bob, 100_000n * E18);
  for (const name of ["TKA", "TKB", "TKC"] as TokenName[]) {
    await setVotes(p, p.pairs[name].reactor, { uniswap: 5_000n, sushiswap: 3_000n, balancer: 2_000n });
  }
}

async function principal(p: Protocol, name: TokenName, venue: VenueName) {
  const [token, base] = await p.allocator.principalOf(p.pairs[name].reactor, VENUES[venue]);
  return { token, base };
}

function expectWithin(actual: bigint, expected: bigint, bps: bigint, what: string) {
  const slack = (expected * bps) / BPS + 1n;
  expect(actual, what).to.be.closeTo(expected, slack);
}

describe("LiquidityAllocator in the rollover (real Reactors, Treasury and DEX bytecode)", function () {
  it("deploys each token Reactor to the venues by the votes, capped by its share of the base", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    await funded(p);
    await rollover(p);
    // TKC: 100,000 TKC needs 200,000 USDC of tUSDC's 300,000 (its share is 100%): all deployed.
    // TKA: half of tWETH's 300 WETH buys 150 / 0.002 = 75,000 of the 100,000 TKA. TKB: 150 /
    // 0.01 = 15,000 of 20,000.
    const deployable: Record<TokenName, bigint> = { TKA: 75_000n * E18, TKB: 15_000n * E18, TKC: 100_000n * E18 };
    const weights: Record<VenueName, bigint> = { uniswap: 5_000n, sushiswap: 3_000n, balancer: 2_000n };
    for (const name of ["TKA", "TKB", "TKC"] as TokenName[]) {
      let total = 0n;
      for (const venue of VENUE_NAMES) {
        const { token } = await principal(p, name, venue);
        expectWithin(token, (deployable[name] * weights[venue]) / BPS, TOLERANCE_BPS, `${name} on ${venue}`);
        total += token;
      }
      expect(await p.pairs[name].reactor.deployedAssets()).to.equal(total);
    }
    // The base Reactors' books hold exactly the base deployed against them.
    let wethIn = 0n;
    for (const name of ["TKA", "TKB"] as TokenName[]) for (const v of VENUE_NAMES) wethIn += (await principal(p, name, v)).base;
    expect(await p.tWeth.deployedAssets()).to.equal(wethIn);
    expectWithin(wethIn, 300n * E18, TOLERANCE_BPS, "tWETH deployed");
    // The allocator holds nothing after the rollover.
    for (const asset of [p.world.weth, p.usdc, p.pairs.TKA.token, p.pairs.TKB.token, p.pairs.TKC.token, p.toke]) {
      expect(await asset.balanceOf(p.allocator)).to.equal(0n);
    }
  });

  it("moves liquidity to follow changed votes at the next rollover", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    await funded(p);
    await rollover(p);
    const reactor = p.pairs.TKC.reactor;
    await setVotes(p, reactor, { sushiswap: 1_000n, balancer: 3_000n });
    await rollover(p);
    expect((await principal(p, "TKC", "uniswap")).token).to.equal(0n);
    expect([...(await p.allocator.heldVenues(reactor))].sort()).to.deep.equal([VENUES.balancer, VENUES.sushiswap].sort());
    const deployed = await reactor.deployedAssets();
    expectWithin((await principal(p, "TKC", "sushiswap")).token, deployed / 4n, TOLERANCE_BPS, "sushi 25%");
    expectWithin((await principal(p, "TKC", "balancer")).token, (deployed * 3n) / 4n, TOLERANCE_BPS, "balancer 75%");
    expectWithin(deployed, 100_000n * E18, TOLERANCE_BPS, "all still deployed");
  });

  it("keeps matured redemptions covered: withdraws before the Reactor settles", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    await funded(p);
    await rollover(p);
    const [, bob] = p.users;
    const reactor = p.pairs.TKC.reactor.connect(bob);
    const shares = 40_000n * E18;
    await (await reactor.requestRedeem(shares, bob.address, bob.address)).wait();
    await rollover(p);
    const before = await p.pairs.TKC.token.balanceOf(bob.address);
    const owed = await reactor.convertToAssets(shares);
    await (await reactor.redeem(shares, bob.address, bob.address)).wait();
    const received = (await p.pairs.TKC.token.balanceOf(bob.address)) - before;
    expect(received).to.equal(owed);
    // The venues round each burn down: those wei were written down (no Treasury, no stake yet).
    expect(received).to.be.closeTo(shares, shares / 10n ** 12n);
    // What stays deployed is the rest, by the same votes.
    expectWithin(await reactor.deployedAssets(), 60_000n * E18, TOLERANCE_BPS, "remaining deployed");
  });

  it("skips a venue whose pool was pushed off the TWAP, and deploys the others", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    await funded(p);
    const end = await p.manager.cycleEnd();
    await networkHelpers.time.increaseTo(end - 3600n);
    await pokeOracle(p);
    await networkHelpers.time.increaseTo(end);
    // Just before the rollover, someone sells 5% of the TKC reserve into the Balancer pool.
    const pair = p.pairs.TKC;
    await swapBalancer(p.world.balancer, pair.balancerPool, pair.tokenAddress, pair.baseAddress, 12_500n * E18, p.trader);
    await (await p.manager.startRollover()).wait();
    const tx = p.manager.processReactors(64);
    await expect(tx).to.emit(p.allocator, "VenueSkipped");
    await (await p.manager.completeRollover()).wait();
    expect((await principal(p, "TKC", "balancer")).token).to.equal(0n);
    expectWithin((await principal(p, "TKC", "uniswap")).token, 50_000n * E18, TOLERANCE_BPS, "uniswap");
    expectWithin((await principal(p, "TKC", "sushiswap")).token, 30_000n * E18, TOLERANCE_BPS, "sushi");
  });

  describe("keeper bounds and access", function () {
    it("lets only the keeper pass bounds, before their deadline", async function () {
      const p = await networkHelpers.loadFixture(fixture);
      await funded(p);
      const end = await p.manager.cycleEnd();
      await networkHelpers.time.increaseTo(end - 3600n);
      await pokeOracle(p);
      await networkHelpers.time.increaseTo(end);
      await (await p.manager.startRollover()).wait();
      const deadline = end + 600n;
      await expect(p.manager.connect(p.users[0]).processReactorsWithBounds(64, 50, deadline))
        .to.be.revertedWithCustomError(p.manager, "RoleGatedUnauthorized")
        .withArgs(p.users[0].address, await p.roles.KEEPER_ROLE());
      await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
      await expect(p.manager.connect(p.keeper).processReactorsWithBounds(64, 50, deadline))
        .to.be.revertedWithCustomError(p.manager, "CycleManagerDeadlinePassed")
        .withArgs(deadline, deadline + 1n);
      // A tighter allowance than governance's works and deploys.
      await expect(p.manager.connect(p.keeper).processReactorsWithBounds(64, 50, deadline + 600n)).to.emit(p.allocator, "LiquidityDeployed");
    });

    it("cannot widen the slippage allowance: the step fails, the Reactors still settle", async function () {
      const p = await networkHelpers.loadFixture(fixture);
      await funded(p);
      const end = await p.manager.cycleEnd();
      await networkHelpers.time.increaseTo(end);
      await (await p.manager.startRollover()).wait();
      const wider = MAX_SLIPPAGE_BPS + 1n;
      const tx = p.manager.connect(p.keeper).processReactorsWithBounds(64, wider, end + 600n);
      await expect(tx).to.emit(p.manager, "AllocationFailed");
      await expect(tx).to.not.emit(p.allocator, "LiquidityDeployed");
      await (await p.manager.completeRollover()).wait();
      expect(await p.pairs.TKC.reactor.deployedAssets()).to.equal(0n);
    });

    it("takes rebalance calls from the manager only, and parameters from governance only", async function () {
      const p = await networkHelpers.loadFixture(fixture);
      const [mallory] = p.users;
      await expect(p.allocator.connect(mallory).rebalance(p.tWeth, 0, 0n))
        .to.be.revertedWithCustomError(p.allocator, "LiquidityAllocatorOnlyManager")
        .withArgs(mallory.address);
      const gov = await p.roles.GOVERNANCE_ROLE();
      const a = p.allocator.connect(mallory);
      for (const call of [
        () => a.registerVenue(VENUES.uniswap, p.adapters.uniswap),
        () => a.setPairing(p.pairs.TKA.reactor, p.tWeth, 1),
        () => a.setBounds(10, 10),
        () => a.setStakeDirectory(mallory.address),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(p.allocator, "RoleGatedUnauthorized").withArgs(mallory.address, gov);
      }
      await expect(p.allocator.setBounds(501, 0)).to.be.revertedWithCustomError(p.allocator, "LiquidityAllocatorBadParameter").withArgs(501, 500);
      await expect(p.allocator.registerVenue(VENUES.uniswap, p.adapters.sushiswap))
        .to.be.revertedWithCustomError(p.allocator, "LiquidityAllocatorVenueRegistered");
      const foreign = await ethers.deployContract("UniswapV2StyleAdapter", [mallory.address, p.world.uniswap.factory]);
      await expect(p.allocator.registerVenue(VENUES.uniswap.replace("55", "56"), foreign))
        .to.be.revertedWithCustomError(p.allocator, "LiquidityAllocatorForeignAdapter");
      // TKA's base share cannot push tWETH past 100%.
      await expect(p.allocator.setPairing(p.pairs.TKA.reactor, p.tWeth, 5_001))
        .to.be.revertedWithCustomError(p.allocator, "LiquidityAllocatorBaseOverCommitted")
        .withArgs(await p.tWeth.getAddress(), 10_001);
    });

    it("never deploys to a venue the votes name without a registered adapter", async function () {
      const p = await networkHelpers.loadFixture(fixture);
      await funded(p);
      const unknown = VENUES.uniswap.replace("55", "57");
      await (await p.venueRegistry.allowVenue(p.pairs.TKC.reactor, unknown)).wait();
      await (await p.staking.connect(p.ld).vote(p.pairs.TKC.reactor, [unknown, VENUES.sushiswap], [9_000n, 1_000n])).wait();
      await rollover(p);
      expect(await p.allocator.heldVenues(p.pairs.TKC.reactor)).to.deep.equal([VENUES.sushiswap]);
      expectWithin((await principal(p, "TKC", "sushiswap")).token, 100_000n * E18, TOLERANCE_BPS, "all to the only real venue");
    });
  });
});
