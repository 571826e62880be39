import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";
import type { Reactor } from "../../../typechain-types/index.js";
import type { MockEmissionHook } from "../../helpers/test-contracts.js";
import { CYCLE_SECONDS, deployCore, rollover } from "../../helpers/core.js";

const HOUR = 3600;
const DAY = 24 * HOUR;

describe("CycleManager", () => {
  async function setup() {
    const conn = await network.create();
    const core = await deployCore(conn);
    const start = (await core.manager.state()).cycleStart;
    return { conn, ...core, start };
  }

  it("starts at cycle 0 with the given start and duration, both Reactors registered", async () => {
    const { manager, tWeth, tUsdc, start } = await setup();
    const s = await manager.state();
    expect(s.cycle).to.equal(0n);
    expect(s.duration).to.equal(BigInt(CYCLE_SECONDS));
    expect(s.nextDuration).to.equal(BigInt(CYCLE_SECONDS));
    expect(s.inProgress).to.equal(false);
    expect(s.reactorCount).to.equal(2n);
    expect(await manager.cycleEnd()).to.equal(start + BigInt(CYCLE_SECONDS));
    expect(await manager.reactors()).to.deep.equal([
      await tWeth.getAddress(),
      await tUsdc.getAddress(),
    ]);
    expect(await tWeth.cycle()).to.equal(0n);
    expect(await tWeth.paused()).to.equal(false);
  });

  it("refuses a premature rollover, one second before the end", async () => {
    const { conn, manager, start } = await setup();
    const end = start + BigInt(CYCLE_SECONDS);
    // A fixed gas limit skips estimation, so the transaction runs in the block we timed.
    const gasLimit = 200_000n;
    await conn.networkHelpers.time.setNextBlockTimestamp(end - 1n);
    await expect(manager.startRollover({ gasLimit }))
      .to.be.revertedWithCustomError(manager, "CycleManagerCycleNotEnded")
      .withArgs(end, end - 1n);
    // At the end time exactly it may start.
    await conn.networkHelpers.time.setNextBlockTimestamp(end);
    await expect(manager.startRollover({ gasLimit })).to.emit(manager, "RolloverStarted");
  });

  it("refuses a double start, processing without a rollover, and completion before all Reactors", async () => {
    const { conn, manager } = await setup();
    await expect(manager.processReactors(1)).to.be.revertedWithCustomError(
      manager,
      "CycleManagerNoRollover",
    );
    await expect(manager.completeRollover()).to.be.revertedWithCustomError(
      manager,
      "CycleManagerNoRollover",
    );
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    await expect(manager.startRollover())
      .to.be.revertedWithCustomError(manager, "CycleManagerRolloverInProgress")
      .withArgs(0n);
    await expect(manager.processReactors(0)).to.be.revertedWithCustomError(
      manager,
      "CycleManagerZeroChunk",
    );
    await expect(manager.completeRollover())
      .to.be.revertedWithCustomError(manager, "CycleManagerReactorsPending")
      .withArgs(0n, 2n);
  });

  it("resumes a partial rollover where it stopped and never settles a Reactor twice", async () => {
    const { conn, manager, tWeth, tUsdc } = await setup();
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    await expect(manager.processReactors(1))
      .to.emit(manager, "ReactorsProcessed")
      .withArgs(0n, 0n, 1n);
    expect(await tWeth.cycle()).to.equal(1n);
    expect(await tUsdc.cycle()).to.equal(0n);
    expect((await manager.state()).cursor).to.equal(1n);
    // A big chunk only does what is left.
    await expect(manager.processReactors(10))
      .to.emit(manager, "ReactorsProcessed")
      .withArgs(0n, 1n, 2n);
    expect(await tUsdc.cycle()).to.equal(1n);
    expect(await tWeth.cycle()).to.equal(1n);
    await expect(manager.processReactors(1))
      .to.be.revertedWithCustomError(manager, "CycleManagerNothingToProcess")
      .withArgs(0n);
    await manager.completeRollover();
    await expect(manager.completeRollover()).to.be.revertedWithCustomError(
      manager,
      "CycleManagerNoRollover",
    );
    expect((await manager.state()).cycle).to.equal(1n);
  });

  it("keeps an anchored schedule: a late rollover does not shift later cycles", async () => {
    const { conn, manager, start } = await setup();
    const d = BigInt(CYCLE_SECONDS);
    // Run the first rollover 3 days late.
    await conn.networkHelpers.time.increaseTo(start + d + BigInt(3 * DAY));
    await manager.startRollover();
    await manager.processReactors(64);
    await expect(manager.completeRollover())
      .to.emit(manager, "RolloverCompleted")
      .withArgs(0n, start + d, d);
    expect((await manager.state()).cycleStart).to.equal(start + d);
    expect(await manager.cycleEnd()).to.equal(start + 2n * d);
  });

  it("catches up missed cycles deterministically, one rollover per elapsed cycle, then stops", async () => {
    const { conn, manager, start } = await setup();
    const d = BigInt(CYCLE_SECONDS);
    // Nobody rolled for 3.5 cycles: three rollovers are due, the fourth is not.
    await conn.networkHelpers.time.increaseTo(start + (7n * d) / 2n);
    for (let i = 0; i < 3; i++) {
      await manager.startRollover();
      await manager.processReactors(64);
      await manager.completeRollover();
    }
    const s = await manager.state();
    expect(s.cycle).to.equal(3n);
    expect(s.cycleStart).to.equal(start + 3n * d);
    await expect(manager.startRollover()).to.be.revertedWithCustomError(
      manager,
      "CycleManagerCycleNotEnded",
    );
  });

  it("applies a duration change from the next cycle, within bounds, never during a rollover", async () => {
    const { conn, manager, governance, start } = await setup();
    const d = BigInt(CYCLE_SECONDS);
    await expect(manager.setDuration(HOUR - 1))
      .to.be.revertedWithCustomError(manager, "CycleManagerBadDuration")
      .withArgs(BigInt(HOUR - 1));
    await expect(manager.setDuration(30 * DAY + 1)).to.be.revertedWithCustomError(
      manager,
      "CycleManagerBadDuration",
    );
    await expect(manager.connect(governance).setDuration(DAY))
      .to.emit(manager, "DurationSet")
      .withArgs(BigInt(DAY));
    // The current cycle keeps its length.
    expect(await manager.cycleEnd()).to.equal(start + d);
    await conn.networkHelpers.time.increaseTo(start + d);
    await manager.startRollover();
    await expect(manager.setDuration(2 * DAY)).to.be.revertedWithCustomError(
      manager,
      "CycleManagerRolloverInProgress",
    );
    await manager.processReactors(64);
    await manager.completeRollover();
    expect(await manager.cycleEnd()).to.equal(start + d + BigInt(DAY));
  });

  it("rejects a bad constructor start or duration", async () => {
    const { conn, roles } = await setup();
    const factory = await conn.ethers.getContractFactory("CycleManager");
    await expect(conn.ethers.deployContract("CycleManager", [await roles.getAddress(), 0, DAY]))
      .to.be.revertedWithCustomError(factory, "CycleManagerBadStart")
      .withArgs(0n);
    await expect(conn.ethers.deployContract("CycleManager", [await roles.getAddress(), 1, 59]))
      .to.be.revertedWithCustomError(factory, "CycleManagerBadDuration")
      .withArgs(59n);
    await expect(
      conn.ethers.deployContract("CycleManager", [conn.ethers.ZeroAddress, 1, DAY]),
    ).to.be.revertedWithCustomError(factory, "RoleGatedZeroRoles");
  });

  /** A Reactor of a fresh 18-decimal test token (one Reactor per asset). */
  async function freshReactor(
    conn: Awaited<ReturnType<typeof setup>>["conn"],
    deploy: (a: string) => Promise<Reactor>,
  ) {
    const asset = await conn.ethers.deployContract("TestERC20", ["Fresh", "FRESH", 18]);
    return deploy(await asset.getAddress());
  }

  it("registers Reactors only when valid and outside a rollover, and removes only empty ones", async () => {
    const { conn, manager, tUsdc, usdc, users, deployReactor, weth } = await setup();
    const [alice] = users;
    await expect(manager.addReactor(await tUsdc.getAddress()))
      .to.be.revertedWithCustomError(manager, "CycleManagerReactorRegistered")
      .withArgs(await tUsdc.getAddress());
    await expect(manager.addReactor(alice.address))
      .to.be.revertedWithCustomError(manager, "CycleManagerBadReactor")
      .withArgs(alice.address);

    // One Reactor per asset: a second WETH Reactor is refused.
    const tWethTwin = await deployReactor(await weth.getAddress());
    await expect(manager.addReactor(await tWethTwin.getAddress()))
      .to.be.revertedWithCustomError(manager, "CycleManagerAssetTaken")
      .withArgs(await weth.getAddress(), await manager.reactorOfAsset(await weth.getAddress()));

    // A Reactor is deployed paused; deposits open when it is registered.
    const tWeth2 = await freshReactor(conn, deployReactor);
    expect(await tWeth2.paused()).to.equal(true);
    expect(await tWeth2.maxDeposit(alice.address)).to.equal(0n);
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    await expect(manager.addReactor(await tWeth2.getAddress())).to.be.revertedWithCustomError(
      manager,
      "CycleManagerRolloverInProgress",
    );
    await expect(manager.removeReactor(await tUsdc.getAddress())).to.be.revertedWithCustomError(
      manager,
      "CycleManagerRolloverInProgress",
    );
    await manager.processReactors(64);
    await manager.completeRollover();
    await expect(manager.addReactor(await tWeth2.getAddress()))
      .to.emit(tWeth2, "Registered")
      .withArgs(1n);
    expect(await tWeth2.cycle()).to.equal(1n);
    expect(await tWeth2.paused()).to.equal(false);

    // Removal needs zero supply: holders must exit first (nothing would mature their requests).
    await usdc.mint(alice.address, 10n ** 6n);
    await usdc.connect(alice).approve(await tUsdc.getAddress(), 10n ** 6n);
    await tUsdc.connect(alice).deposit(10n ** 6n, alice.address);
    await expect(manager.removeReactor(await tUsdc.getAddress()))
      .to.be.revertedWithCustomError(manager, "CycleManagerReactorNotEmpty")
      .withArgs(await tUsdc.getAddress(), 10n ** 6n);
    await expect(manager.removeReactor(await tWeth2.getAddress())).to.emit(
      manager,
      "ReactorRemoved",
    );
    expect(await tWeth2.paused()).to.equal(true);
    await expect(manager.removeReactor(await tWeth2.getAddress())).to.be.revertedWithCustomError(
      manager,
      "CycleManagerReactorNotRegistered",
    );
    expect((await manager.state()).reactorCount).to.equal(2n);
    // A removed Reactor cannot be reopened by governance; re-registering it joins the current cycle.
    await expect(tWeth2.unpause()).to.be.revertedWithCustomError(tWeth2, "ReactorNotRegistered");
    await rollover(conn, manager);
    await manager.addReactor(await tWeth2.getAddress());
    expect(await tWeth2.cycle()).to.equal(2n);
  });

  it("removes a Reactor from the middle of the list and keeps the others in order", async () => {
    const { conn, manager, tWeth, tUsdc, deployReactor, weth } = await setup();
    const third = await freshReactor(conn, deployReactor);
    await manager.addReactor(await third.getAddress());
    await manager.removeReactor(await tWeth.getAddress());
    expect(await manager.reactors()).to.deep.equal([
      await third.getAddress(),
      await tUsdc.getAddress(),
    ]);
    expect(await manager.isReactor(await tWeth.getAddress())).to.equal(false);
    // Its asset is free again: a new WETH Reactor may be registered.
    expect(await manager.reactorOfAsset(await weth.getAddress())).to.equal(ZeroAddress);
    const tWethNew = await deployReactor(await weth.getAddress());
    await manager.addReactor(await tWethNew.getAddress());
    expect(await manager.reactorOfAsset(await weth.getAddress())).to.equal(
      await tWethNew.getAddress(),
    );
  });

  it("caps the number of Reactors", async () => {
    const { conn, manager, deployReactor } = await setup();
    const max = Number(await manager.MAX_REACTORS());
    for (let i = 2; i < max; i++)
      await manager.addReactor(await (await freshReactor(conn, deployReactor)).getAddress());
    const extra = await freshReactor(conn, deployReactor);
    await expect(manager.addReactor(await extra.getAddress()))
      .to.be.revertedWithCustomError(manager, "CycleManagerTooManyReactors")
      .withArgs(BigInt(max));
  });

  it("asks the emission hook for each Reactor's LP reward and returns what nobody could earn", async () => {
    const { conn, manager, tUsdc, tWeth, usdc, users } = await setup();
    const [alice] = users;
    const hook = (await conn.ethers.deployContract(
      "MockEmissionHook",
    )) as unknown as MockEmissionHook;
    await expect(manager.setEmissionHook(alice.address))
      .to.be.revertedWithCustomError(manager, "CycleManagerBadEmissionHook")
      .withArgs(alice.address);
    await manager.setEmissionHook(await hook.getAddress());
    expect(await manager.emissionHook()).to.equal(await hook.getAddress());
    const reward = 1_000n * 10n ** 18n;
    await hook.setRewardPerRollover(reward);

    await usdc.mint(alice.address, 100n * 10n ** 6n);
    await usdc.connect(alice).approve(await tUsdc.getAddress(), 100n * 10n ** 6n);
    await tUsdc.connect(alice).deposit(100n * 10n ** 6n, alice.address);

    // Cycle 0: nothing active anywhere, so both rewards come back to the hook.
    await rollover(conn, manager);
    expect(await hook.calls()).to.equal(2n);
    expect(await hook.lastCycle()).to.equal(0n);
    expect(await hook.undistributedTotal()).to.equal(2n * reward);
    expect(await tUsdc.earnedRewards(alice.address)).to.equal(0n);

    // Cycle 1: Alice is the only active tUSDC holder, she earns the whole tUSDC reward; tWETH is
    // still empty so its reward comes back.
    await rollover(conn, manager);
    expect(await tUsdc.earnedRewards(alice.address)).to.equal(reward);
    expect(await hook.undistributedTotal()).to.equal(3n * reward);
    expect(await tWeth.activeSupply()).to.equal(0n);

    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    await expect(manager.setEmissionHook(conn.ethers.ZeroAddress)).to.be.revertedWithCustomError(
      manager,
      "CycleManagerRolloverInProgress",
    );
  });
});
