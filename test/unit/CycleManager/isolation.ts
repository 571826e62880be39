import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";
import { deployCore, rollover } from "../../helpers/core.js";

/** FlakyReactor's modes (test/solidity/mocks/FlakyReactor.sol). */
const WORKS = 0;
const REVERTS = 1;
const BURNS_ALL_GAS = 2;
const REWARD = 7n * 10n ** 18n;
const E6 = 10n ** 6n;

/**
 * Liveness of the rollover (issue 11): one Reactor whose settlement or emission hook reverts
 * never blocks the cursor, the other Reactors or `completeRollover`; it catches up next time.
 */
describe("CycleManager: per-Reactor isolation", () => {
  async function setup() {
    const conn = await network.create();
    const core = await deployCore(conn);
    const { ethers, manager } = core;
    const asset = await ethers.deployContract("TestERC20", ["Flaky", "FLK", 18]);
    const flaky = await ethers.deployContract("FlakyReactor", [manager, asset]);
    // Settlement order: tWeth, tUsdc, flaky.
    await manager.addReactor(flaky);
    const hook = await ethers.deployContract("FlakyEmissionHook", [REWARD]);
    await manager.setEmissionHook(hook);
    return { conn, ...core, flaky, hook };
  }

  it("a reverting settlement is recorded; the others settle and pay exits; the rollover completes", async () => {
    const { conn, manager, tUsdc, usdc, users, flaky, hook } = await setup();
    const [alice] = users;
    await usdc.mint(alice.address, 100n * E6);
    await usdc.connect(alice).approve(tUsdc, 100n * E6);
    await tUsdc.connect(alice).deposit(100n * E6, alice.address);
    await rollover(conn, manager);
    await tUsdc.connect(alice).requestRedeem(40n * E6, alice.address, alice.address);

    await flaky.setMode(REVERTS);
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    const reason = flaky.interface.encodeErrorResult("FlakyReactorFailed", [1n]);
    await expect(manager.processReactors(64))
      .to.emit(manager, "ReactorSettlementFailed")
      .withArgs(await flaky.getAddress(), 1n, reason)
      .and.to.emit(manager, "ReactorLagged")
      .withArgs(await flaky.getAddress(), 1n, 1n);
    await expect(manager.completeRollover()).to.emit(manager, "RolloverCompleted");
    expect((await manager.state()).cycle).to.equal(2n);
    // The failed Reactor's reward went back to the hook: nothing is lost.
    expect(await hook.handedBack(flaky)).to.equal(REWARD);
    expect(await manager.cyclesBehind(flaky)).to.equal(1n);
    // The healthy Reactor's exit matured in the same rollover and is paid.
    const before = await usdc.balanceOf(alice.address);
    await tUsdc.connect(alice).redeem(40n * E6, alice.address, alice.address);
    expect((await usdc.balanceOf(alice.address)) - before).to.equal(40n * E6);

    // Repaired: the next rollover settles the missed cycle first, then the current one.
    await flaky.setMode(WORKS);
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    await expect(manager.processReactors(64))
      .to.emit(manager, "ReactorLagged")
      .withArgs(await flaky.getAddress(), 2n, 0n);
    await manager.completeRollover();
    expect(await flaky.settles()).to.equal(2n + 1n); // cycle 0, then the catch-up and cycle 2
    expect(await flaky.cycle()).to.equal((await manager.state()).cycle);
    // The catch-up settles without a reward (it was handed back); the current one gets it.
    expect(await flaky.lastReward()).to.equal(REWARD);
    expect(await manager.cyclesBehind(flaky)).to.equal(0n);
  });

  it("a Reactor that keeps failing lags, and catches up at most MAX_CATCH_UP_CYCLES extra per rollover", async () => {
    const { conn, manager, flaky } = await setup();
    await flaky.setMode(REVERTS);
    const failures = 6n;
    for (let i = 0n; i < failures; ++i) await rollover(conn, manager);
    expect(await manager.cyclesBehind(flaky)).to.equal(failures);
    await flaky.setMode(WORKS);
    const max = await manager.MAX_CATCH_UP_CYCLES();
    await rollover(conn, manager);
    expect(await manager.cyclesBehind(flaky)).to.equal(failures - max);
    await rollover(conn, manager);
    expect(await manager.cyclesBehind(flaky)).to.equal(0n);
    expect(await flaky.cycle()).to.equal((await manager.state()).cycle);
  });

  it("a reverting emission hook gives a zero reward for that Reactor only; settlement goes on", async () => {
    const { conn, manager, flaky, hook, tWeth } = await setup();
    await hook.setFailFor(flaky);
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    await expect(manager.processReactors(64))
      .to.emit(manager, "EmissionHookFailed")
      .and.to.emit(tWeth, "CycleSettled")
      .withArgs(0n, REWARD, REWARD, 0n);
    await manager.completeRollover();
    expect(await flaky.settles()).to.equal(1n);
    expect(await flaky.lastReward()).to.equal(0n);
    expect(await manager.cyclesBehind(flaky)).to.equal(0n);
  });

  it("a step that ran out of the caller's gas reverts the call instead of being recorded", async () => {
    const { conn, manager, flaky } = await setup();
    await flaky.setMode(BURNS_ALL_GAS);
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    await expect(manager.processReactors(64, { gasLimit: 2_000_000n }))
      .to.be.revertedWithCustomError(manager, "CycleManagerOutOfGas")
      .withArgs(await flaky.getAddress());
    // Nothing moved: the cursor is where it was, nobody was marked as failed.
    expect((await manager.state()).cursor).to.equal(0n);
    expect(await manager.cyclesBehind(flaky)).to.equal(0n);
  });
});

describe("CycleManager: wind-down removal (issue 19)", () => {
  it("removes a Reactor with dust left once its wind-down is complete, never before", async () => {
    const conn = await network.create();
    const { ethers, manager } = await deployCore(conn);
    const asset = await ethers.deployContract("TestERC20", ["Dust", "DST", 18]);
    const reactor = await ethers.deployContract("FlakyReactor", [manager, asset]);
    await manager.addReactor(reactor);
    // One wei outstanding, wind-down not complete: refused.
    await reactor.setSupply(1n, false);
    await expect(manager.removeReactor(reactor))
      .to.be.revertedWithCustomError(manager, "CycleManagerReactorNotEmpty")
      .withArgs(await reactor.getAddress(), 1n);
    // Closed, every matured exit paid: the 1-wei griefer cannot block the removal.
    await reactor.setSupply(1n, true);
    await expect(manager.removeReactor(reactor)).to.emit(manager, "ReactorRemoved");
    expect(await manager.isReactor(reactor)).to.equal(false);
    expect(await manager.reactorOfAsset(asset)).to.equal(ZeroAddress);
  });
});
