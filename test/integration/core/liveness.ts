import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  Contract,
  encodeBytes32String,
  type ContractTransactionReceipt,
  type InterfaceAbi,
} from "ethers";
import { network } from "hardhat";
import { npmArtifacts } from "../../../scripts/lib/artifacts.js";
import { swapBalancer } from "../../../scripts/lib/balancer.js";
import { swapV2 } from "../../../scripts/lib/v2.js";
import { E18 } from "../../helpers/dex-fixture.js";
import {
  deposit,
  ORACLE_POKE_LEAD,
  pokeOracle,
  protocolFixture,
  setVotes,
  VENUES,
  type Pair,
  type Protocol,
} from "../../helpers/protocol-fixture.js";
import type { Reactor } from "../../../typechain-types/index.js";
import type { TestERC20 } from "../../helpers/test-contracts.js";

/**
 * Issue 11: a rollover always completes. For each trigger that used to halt it (a skewed venue,
 * a paused Balancer pool, a loss past the Treasury's holdings, Balancer rounding on a sole
 * holder's exit, a fee-on-transfer asset), against the real venues: the rollover completes, the
 * other Reactors' exits are paid that cycle, and the short Reactor's exits are paid in full
 * within the next cycle.
 */
const conn = await network.create();
const { ethers, networkHelpers } = conn;
const fixture = () => protocolFixture(ethers, networkHelpers);
/** Recall buffer governance sets in these tests: 5% of each Reactor's assets stay idle. */
const BUFFER_BPS = 500n;

/** Runs the rollover closing the current cycle, calling `beforeProcess` right before the
 *  permissionless `processReactors` (after the keeper's oracle poke). Returns its receipt. */
async function rolloverWith(p: Protocol, beforeProcess: () => Promise<void> = async () => {}) {
  const end = await p.manager.cycleEnd();
  const now = BigInt(await networkHelpers.time.latest());
  if (now < end - ORACLE_POKE_LEAD) await networkHelpers.time.increaseTo(end - ORACLE_POKE_LEAD);
  await pokeOracle(p);
  await networkHelpers.time.increaseTo(end);
  await (await p.manager.startRollover()).wait();
  await beforeProcess();
  const receipt = await (await p.manager.processReactors(64)).wait();
  await expect(p.manager.completeRollover()).to.emit(p.manager, "RolloverCompleted");
  return receipt!;
}

/** Redeems `who`'s whole claimable request; returns the assets received. */
async function claim(reactor: Reactor, who: HardhatEthersSigner): Promise<bigint> {
  const shares = await reactor.claimableRedeemRequest(0n, who.address);
  expect(shares, "claimable").to.be.greaterThan(0n);
  const asset = await ethers.getContractAt("TestERC20", await reactor.asset());
  const before: bigint = await asset.balanceOf(who.address);
  await (await reactor.connect(who).redeem(shares, who.address, who.address)).wait();
  const after: bigint = await asset.balanceOf(who.address);
  return after - before;
}

/** Claims `who`'s request of `shares` and checks it pays what the Reactor fixed for it at its
 *  maturity (ERC-7540 `maxWithdraw`): the value at the rate of that settlement, which marks the
 *  positions' unrealised loss; with no price move, a few wei of rounding at most. */
async function claimAtRate(reactor: Reactor, who: HardhatEthersSigner, shares: bigint) {
  const owed = await reactor.maxWithdraw(who.address);
  expect(owed)
    .to.be.greaterThan(shares - shares / 10n ** 9n)
    .and.at.most(shares);
  expect(await claim(reactor, who)).to.equal(owed);
}

/** The request of `who` is claimable in full now, or after one more rollover: returns which. */
async function paidWithinNextCycle(p: Protocol, reactor: Reactor, who: HardhatEthersSigner) {
  // The whole request, by the ERC-7540 views: what is still pending plus what is claimable.
  const shares =
    (await reactor.pendingRedeemRequest(0n, who.address)) +
    (await reactor.claimableRedeemRequest(0n, who.address));
  if ((await reactor.claimableRedeemRequest(0n, who.address)) === shares) return 0;
  await rolloverWith(p);
  expect(await reactor.claimableRedeemRequest(0n, who.address), "claimable next cycle").to.equal(
    shares,
  );
  return 1;
}

/**
 * tWETH 300 WETH (alice), tTKA 100,000 TKA (bob) and tTKB 20,000 TKB (carol), TKA and TKB voted
 * onto the three venues equally and deployed; then bob asks for `bobShares` tTKA (by default
 * 60,000: more than tTKA's idle assets, so the rollover must withdraw from venues) and carol for
 * 5,000 tTKB.
 */
async function deployedWithExits(bobShares = 60_000n * E18) {
  const p = await networkHelpers.loadFixture(fixture);
  const [alice, bob, carol] = p.users;
  await (await p.allocator.setRecallBuffer(BUFFER_BPS)).wait();
  await deposit(p, p.tWeth, alice, 300n * E18);
  await deposit(p, p.pairs.TKA.reactor, bob, 100_000n * E18);
  await deposit(p, p.pairs.TKB.reactor, carol, 20_000n * E18);
  for (const name of ["TKA", "TKB"] as const)
    await setVotes(p, p.pairs[name].reactor, { uniswap: 1n, sushiswap: 1n, balancer: 1n });
  await rolloverWith(p);
  const tka = p.pairs.TKA.reactor;
  await (await tka.connect(bob).requestRedeem(bobShares, bob.address, bob.address)).wait();
  const tkb = p.pairs.TKB.reactor;
  await (await tkb.connect(carol).requestRedeem(5_000n * E18, carol.address, carol.address)).wait();
  return { p, alice, bob, carol, tka, tkb };
}

function venueSkips(p: Protocol, receipt: ContractTransactionReceipt) {
  return receipt.logs
    .filter((l) => l.address.toLowerCase() === p.allocator.target.toString().toLowerCase())
    .map((l) => p.allocator.interface.parseLog(l))
    .filter((e) => e?.name === "VenueSkipped");
}

describe("liveness: a rollover always completes (issue 11, real venues)", function () {
  it("(a) a 3% skew of one venue just before processReactors: the cover moves on to the next venue", async function () {
    const { p, bob, carol, tka, tkb } = await deployedWithExits();
    expect(await tka.idleAssets()).to.be.lessThan(60_000n * E18);
    const pair: Pair = p.pairs.TKA;
    const receipt = await rolloverWith(p, async () => {
      // The attacker sells 3% of the Uniswap pool's TKA reserve into it, in the same block
      // range as the rollover: that pool's withdrawal falls below its TWAP minimum.
      const [r0, r1] = await pair.uniswapPair.getReserves();
      const tokenReserve = BigInt(pair.tokenAddress) < BigInt(pair.baseAddress) ? r0 : r1;
      await swapV2(
        p.world.uniswap,
        pair.uniswapPair,
        pair.token,
        (tokenReserve * 3n) / 100n,
        p.trader,
      );
    });
    const skipped = venueSkips(p, receipt).map((e) => e!.args.venue);
    expect(skipped).to.include(VENUES.uniswap);
    // Paid in this very rollover, from the other venues.
    expect(await paidWithinNextCycle(p, tka, bob)).to.equal(0);
    await claimAtRate(tka, bob, 60_000n * E18);
    await claimAtRate(tkb, carol, 5_000n * E18);
  });

  it("(b) a paused Balancer pool: its moves are skipped, the exits come from the other venues", async function () {
    const { p, bob, carol, tka, tkb } = await deployedWithExits();
    // Balancer's own pause, through its Authorizer (the deployer is its admin here).
    const pool = new Contract(
      await p.pairs.TKA.balancerPool.pool.getAddress(),
      npmArtifacts.balancerWeightedPool().abi as InterfaceAbi,
      p.governance,
    );
    const authorizer = new Contract(
      await p.world.balancer.authorizer.getAddress(),
      npmArtifacts.balancerAuthorizer().abi as InterfaceAbi,
      p.governance,
    );
    const actionId = await pool.getFunction("getActionId")(
      pool.interface.getFunction("pause")!.selector,
    );
    await (await authorizer.getFunction("grantRole")(actionId, p.governance.address)).wait();
    await (await pool.getFunction("pause")()).wait();
    expect((await pool.getFunction("getPausedState")())[0]).to.equal(true);
    const receipt = await rolloverWith(p);
    expect(venueSkips(p, receipt).map((e) => e!.args.venue)).to.include(VENUES.balancer);
    expect(await paidWithinNextCycle(p, tka, bob)).to.equal(0);
    await claimAtRate(tka, bob, 60_000n * E18);
    await claimAtRate(tkb, carol, 5_000n * E18);
  });

  it("(c) a loss past the Treasury's holdings: slashed stake is sold for the asset or the rest written down; exits paid", async function () {
    const { p, alice, bob, carol, tka, tkb } = await deployedWithExits();
    const pair = p.pairs.TKA;
    await (
      await p.tWeth.connect(alice).requestRedeem(10n * E18, alice.address, alice.address)
    ).wait();
    // TKA's price rises 50% on every venue (sqrt(1.5) - 1 = 22.47% more base in each pool).
    for (const venue of ["uniswap", "sushiswap", "balancer"] as const) {
      if (venue === "balancer") {
        const [tokens, balances] = await p.world.balancer.vault.getPoolTokens(
          pair.balancerPool.poolId,
        );
        const base = balances[tokens.findIndex((t) => BigInt(t) === BigInt(pair.baseAddress))];
        await swapBalancer(
          p.world.balancer,
          pair.balancerPool,
          pair.baseAddress,
          pair.tokenAddress,
          (base * 2247n) / 10_000n,
          p.trader,
        );
      } else {
        const [v, lp] =
          venue === "uniswap"
            ? [p.world.uniswap, pair.uniswapPair]
            : [p.world.sushiswap, pair.sushiPair];
        const [r0, r1] = await lp.getReserves();
        const base = BigInt(pair.tokenAddress) < BigInt(pair.baseAddress) ? r1 : r0;
        await swapV2(v, lp, pair.base, (base * 2247n) / 10_000n, p.trader);
      }
    }
    const treasuryTka = await p.treasury.holdings(pair.tokenAddress);
    const receipt = await rolloverWith(p);
    const events = receipt.logs
      .filter((l) => l.address.toLowerCase() === p.allocator.target.toString().toLowerCase())
      .map((l) => p.allocator.interface.parseLog(l)!)
      .filter((e) => e !== null);
    const slashedOrSkipped = events.some(
      (e) => e.name === "LossCoveredBySlash" || e.name === "SlashSkipped",
    );
    expect(slashedOrSkipped, "the loss reached step 2").to.equal(true);
    // Whatever was not covered by an asset that arrived is written down: the allocator holds
    // nothing and every matured exit is covered by idle assets.
    expect(await pair.token.balanceOf(p.allocator)).to.equal(0n);
    expect(await tka.idleAssets()).to.be.greaterThanOrEqual(await tka.reservedAssets());
    expect(treasuryTka).to.be.lessThan(1_000n * E18);
    // Bob bears the loss at the marked / written-down rate, like every holder, and is paid.
    const when = await paidWithinNextCycle(p, tka, bob);
    const rate = await tka.rate();
    const paid = await claim(tka, bob);
    expect(paid).to.equal((60_000n * E18 * rate) / E18);
    expect(when).to.be.lessThanOrEqual(1);
    await claimAtRate(p.tWeth, alice, 10n * E18);
    await claimAtRate(tkb, carol, 5_000n * E18);
  });

  it("(d) Balancer rounding on a sole holder's full exit: a few wei written down, the exit paid", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    const [alice, , carol] = p.users;
    await (await p.allocator.setRecallBuffer(BUFFER_BPS)).wait();
    await deposit(p, p.tWeth, alice, 300n * E18);
    const tkb = p.pairs.TKB.reactor;
    await deposit(p, tkb, carol, 20_000n * E18);
    await setVotes(p, tkb, { balancer: 1n });
    await rolloverWith(p);
    expect(await tkb.deployedAssets()).to.be.greaterThan(0n);
    const shares = await tkb.balanceOf(carol.address);
    await (await tkb.connect(carol).requestRedeem(shares, carol.address, carol.address)).wait();
    await (
      await p.tWeth.connect(alice).requestRedeem(10n * E18, alice.address, alice.address)
    ).wait();
    await rolloverWith(p);
    // Everything came back from Balancer; what its rounding kept is written down (a few wei).
    expect(await tkb.deployedAssets()).to.equal(0n);
    expect(await paidWithinNextCycle(p, tkb, carol)).to.equal(0);
    const paid = await claim(tkb, carol);
    expect(paid).to.be.closeTo(20_000n * E18, 10n ** 9n);
    expect(paid).to.be.lessThanOrEqual(20_000n * E18);
    expect(await tkb.totalSupply()).to.equal(0n);
    await claimAtRate(p.tWeth, alice, 10n * E18);
  });

  it("(e) a fee-on-transfer asset: its deposits are refused, so it can never fall short; the others settle and pay", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    const [alice, bob] = p.users;
    const fee = (await ethers.deployContract("TestFeeToken")) as unknown as TestERC20;
    const reactor = (await ethers.deployContract("Reactor", [
      fee,
      p.manager,
      p.roles,
      p.treasury,
    ])) as unknown as Reactor;
    await (await p.manager.addReactor(reactor)).wait();
    await (await fee.mint(bob.address, 1_000n * E18)).wait();
    await (await fee.connect(bob).approve(reactor, 1_000n * E18)).wait();
    // TestFeeToken keeps 1% of every transfer: the Reactor sees 990 arrive for 1,000 asked.
    await expect(reactor.connect(bob).deposit(1_000n * E18, bob.address))
      .to.be.revertedWithCustomError(reactor, "ReactorTransferMismatch")
      .withArgs(1_000n * E18, 990n * E18);
    expect(await reactor.totalSupply()).to.equal(0n);
    await deposit(p, p.tWeth, alice, 10n * E18);
    await rolloverWith(p);
    await (
      await p.tWeth.connect(alice).requestRedeem(10n * E18, alice.address, alice.address)
    ).wait();
    const cycle = (await p.manager.state()).cycle;
    await rolloverWith(p);
    expect((await p.manager.state()).cycle).to.equal(cycle + 1n);
    await claimAtRate(p.tWeth, alice, 10n * E18);
  });

  it("8 days without an oracle poke: no price, no moves; exits paid from the buffer; the observation survives", async function () {
    // Bob asks for 10,000 tTKA: less than tTKA's idle assets (the undeployed part and buffer).
    const { p, bob, carol, tka, tkb } = await deployedWithExits(10_000n * E18);
    const pair = p.pairs.TKA;
    expect(await tka.idleAssets()).to.be.greaterThan(10_000n * E18);
    // Nobody pokes the oracle for the whole cycle and a day more (its window is 2 days).
    await networkHelpers.time.increaseTo((await p.manager.cycleEnd()) + 24n * 3600n);
    await (await p.manager.startRollover()).wait();
    const receipt = (await (await p.manager.processReactors(64)).wait())!;
    await expect(p.manager.completeRollover()).to.emit(p.manager, "RolloverCompleted");
    const events = receipt.logs.flatMap((l) => {
      for (const c of [p.allocator, p.oracle]) {
        if (l.address.toLowerCase() !== c.target.toString().toLowerCase()) continue;
        const e = c.interface.parseLog(l);
        if (e !== null) return [e];
      }
      return [];
    });
    expect(events.some((e) => e.name === "PriceUnavailable")).to.equal(true);
    expect(
      events.some((e) => e.name === "LiquidityDeployed" || e.name === "LiquidityWithdrawn"),
    ).to.equal(false);
    // The step's own observation was kept, though no price could be read.
    const recorded = events
      .filter((e) => e.name === "ObservationRecorded")
      .map((e) => e.args.token);
    expect(recorded).to.include(pair.tokenAddress);
    // Exits that the idle assets cover are paid this cycle, in every Reactor.
    expect(await paidWithinNextCycle(p, tkb, carol)).to.equal(0);
    await claimAtRate(tkb, carol, 5_000n * E18);
    expect(await paidWithinNextCycle(p, tka, bob)).to.equal(0);
    await claimAtRate(tka, bob, 10_000n * E18);
    // The keeper pokes again: prices and moves are back at the next rollover.
    const next = await rolloverWith(p);
    const unpriced = next.logs
      .filter((l) => l.address.toLowerCase() === p.allocator.target.toString().toLowerCase())
      .map((l) => p.allocator.interface.parseLog(l))
      .filter((e) => e?.name === "PriceUnavailable");
    expect(unpriced.length).to.equal(0);
  });
});

describe("the liveness entry points refuse outsiders and bad input", function () {
  it("recall buffer, slash venue, coverBySlash and swapExactIn: roles, bounds, self-only", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    const [outsider] = p.users;
    const a = p.allocator;
    await expect(a.connect(outsider).setRecallBuffer(100))
      .to.be.revertedWithCustomError(a, "RoleGatedUnauthorized")
      .withArgs(outsider.address, await p.roles.GOVERNANCE_ROLE());
    const max = await a.MAX_RECALL_BUFFER_BPS();
    await expect(a.setRecallBuffer(max + 1n))
      .to.be.revertedWithCustomError(a, "LiquidityAllocatorBadParameter")
      .withArgs(max + 1n, max);
    await expect(a.setRecallBuffer(max)).to.emit(a, "RecallBufferSet").withArgs(max);
    expect(await a.recallBufferBps()).to.equal(max);

    await expect(a.connect(outsider).setSlashVenue(VENUES.sushiswap)).to.be.revertedWithCustomError(
      a,
      "RoleGatedUnauthorized",
    );
    // An unregistered venue, and a venue whose adapter cannot swap (Balancer), are refused.
    await expect(a.setSlashVenue(encodeBytes32String("NOWHERE"))).to.be.revertedWithCustomError(
      a,
      "LiquidityAllocatorZeroAddress",
    );
    await expect(a.setSlashVenue(VENUES.balancer)).to.be.revert(ethers);
    expect(await a.slashVenue()).to.equal(VENUES.uniswap);

    // Waterfall step 2 runs only as the allocator's own call.
    await expect(a.connect(outsider).coverBySlash(p.tWeth, 1n, 0n, 2n ** 40n))
      .to.be.revertedWithCustomError(a, "LiquidityAllocatorOnlySelf")
      .withArgs(outsider.address);

    // The swap moves only the allocator's funds, along a bounded path.
    const swapper = p.adapters.uniswap;
    const path = [await p.toke.getAddress(), await p.world.weth.getAddress()];
    await expect(swapper.connect(outsider).swapExactIn(path, 1n, 0n, 2n ** 40n))
      .to.be.revertedWithCustomError(swapper, "VenueAdapterUnauthorized")
      .withArgs(outsider.address);
  });
});
