import { expect } from "chai";
import { network } from "hardhat";
import type { MockEmissionHook } from "../../helpers/test-contracts.js";
import { deployCore, rollover, RATE_ONE } from "../../helpers/core.js";

const USDC = (n: number) => BigInt(n) * 10n ** 6n;

describe("Reactor: pause, allocator, write-down, sweep and rewards", () => {
  async function setup() {
    const conn = await network.create();
    const core = await deployCore(conn);
    const { usdc, tUsdc, users } = core;
    for (const u of users.slice(0, 4)) {
      await usdc.mint(u.address, USDC(10_000));
      await usdc.connect(u).approve(await tUsdc.getAddress(), conn.ethers.MaxUint256);
    }
    const allocator = users[5];
    await usdc.connect(allocator).approve(await tUsdc.getAddress(), conn.ethers.MaxUint256);
    await tUsdc.setAllocator(allocator.address);
    return { conn, ...core, allocator };
  }

  it("the guardian pauses deposits; requests, transfers and matured claims still work; governance resumes", async () => {
    const { conn, manager, tUsdc, usdc, users, guardian, governance } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(60), alice.address, alice.address);
    await rollover(conn, manager);
    await expect(tUsdc.connect(guardian).pause())
      .to.emit(tUsdc, "DepositsPaused")
      .withArgs(guardian.address);
    expect(await tUsdc.maxDeposit(alice.address)).to.equal(0n);
    expect(await tUsdc.maxMint(alice.address)).to.equal(0n);
    await expect(tUsdc.connect(bob).deposit(USDC(1), bob.address)).to.be.revertedWithCustomError(
      tUsdc,
      "ReactorPaused",
    );
    await expect(tUsdc.connect(bob).mint(USDC(1), bob.address)).to.be.revertedWithCustomError(
      tUsdc,
      "ReactorPaused",
    );
    // Exits keep working while paused.
    await tUsdc.connect(alice).redeem(USDC(60), alice.address, alice.address);
    expect(await usdc.balanceOf(alice.address)).to.equal(USDC(9_960));
    await tUsdc.connect(alice).transfer(bob.address, USDC(10));
    await tUsdc.connect(bob).requestRedeem(USDC(10), bob.address, bob.address);
    await rollover(conn, manager);
    await tUsdc.connect(bob).redeem(USDC(10), bob.address, bob.address);
    // The guardian cannot resume; governance can.
    await expect(tUsdc.connect(guardian).unpause()).to.be.revertedWithCustomError(
      tUsdc,
      "RoleGatedUnauthorized",
    );
    await expect(tUsdc.connect(governance).unpause()).to.emit(tUsdc, "DepositsUnpaused");
    await tUsdc.connect(bob).deposit(USDC(1), bob.address);
  });

  it("the allocator pulls at most idle minus reserved, pushes back, and is blocked by the pause", async () => {
    const { conn, manager, tUsdc, usdc, users, allocator, guardian } = await setup();
    const [alice] = users;
    await tUsdc.connect(alice).deposit(USDC(1_000), alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(300), alice.address, alice.address);
    await rollover(conn, manager);
    expect(await tUsdc.reservedAssets()).to.equal(USDC(300));
    await expect(tUsdc.connect(allocator).pullAssets(USDC(700) + 1n))
      .to.be.revertedWithCustomError(tUsdc, "ReactorPullExceedsAvailable")
      .withArgs(USDC(700) + 1n, USDC(700));
    await expect(tUsdc.connect(alice).pullAssets(1n))
      .to.be.revertedWithCustomError(tUsdc, "ReactorOnlyAllocator")
      .withArgs(alice.address);
    await expect(tUsdc.connect(allocator).pullAssets(USDC(700)))
      .to.emit(tUsdc, "AssetsPulled")
      .withArgs(allocator.address, USDC(700));
    expect(await tUsdc.idleAssets()).to.equal(USDC(300));
    expect(await tUsdc.deployedAssets()).to.equal(USDC(700));
    // The matured request is still paid in full.
    await tUsdc.connect(alice).redeem(USDC(300), alice.address, alice.address);
    expect(await usdc.balanceOf(alice.address)).to.equal(USDC(9_300));
    await tUsdc.connect(guardian).pause();
    await expect(tUsdc.connect(allocator).pullAssets(0)).to.be.revertedWithCustomError(
      tUsdc,
      "ReactorPaused",
    );
    await expect(tUsdc.connect(allocator).pushAssets(USDC(200)))
      .to.emit(tUsdc, "AssetsPushed")
      .withArgs(allocator.address, USDC(200));
    expect(await tUsdc.deployedAssets()).to.equal(USDC(500));
  });

  it("refuses to settle if the allocator left matured requests uncovered", async () => {
    const { conn, manager, tUsdc, users, allocator } = await setup();
    const [alice] = users;
    await tUsdc.connect(alice).deposit(USDC(1_000), alice.address);
    await tUsdc.connect(allocator).pullAssets(USDC(900));
    await tUsdc.connect(alice).requestRedeem(USDC(200), alice.address, alice.address);
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    // The Reactor refuses; the manager records it (issue 11) and the rollover completes.
    const reason = tUsdc.interface.encodeErrorResult("ReactorReserveShortfall", [
      USDC(200),
      USDC(100),
    ]);
    await expect(manager.processReactors(64))
      .to.emit(manager, "ReactorSettlementFailed")
      .withArgs(await tUsdc.getAddress(), 0n, reason);
    await manager.completeRollover();
    expect(await tUsdc.reservedAssets()).to.equal(0n);
    // Once the allocator brings liquidity back, the next rollover settles the missed cycle.
    await tUsdc.connect(allocator).pushAssets(USDC(100));
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    await manager.processReactors(64);
    await manager.completeRollover();
    expect(await tUsdc.reservedAssets()).to.equal(USDC(200));
    expect(await tUsdc.cycle()).to.equal((await manager.state()).cycle);
  });

  it("a write-down spreads a loss pro rata over every holder, matured requests included", async () => {
    const { conn, manager, tUsdc, usdc, users, allocator } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(600), alice.address);
    await tUsdc.connect(bob).deposit(USDC(400), bob.address);
    await tUsdc.connect(alice).requestRedeem(USDC(600), alice.address, alice.address);
    await rollover(conn, manager);
    await tUsdc.connect(allocator).pullAssets(USDC(400));
    await expect(tUsdc.connect(allocator).writeDown(USDC(400) + 1n))
      .to.be.revertedWithCustomError(tUsdc, "ReactorBadWriteDown")
      .withArgs(USDC(400) + 1n, USDC(400));
    await expect(tUsdc.connect(allocator).writeDown(0)).to.be.revertedWithCustomError(
      tUsdc,
      "ReactorBadWriteDown",
    );
    await expect(tUsdc.connect(alice).writeDown(1)).to.be.revertedWithCustomError(
      tUsdc,
      "ReactorOnlyAllocator",
    );
    // 100 lost out of 1,000: every tUSDC is now worth 0.9 USDC (hand computation).
    const newRate = (RATE_ONE * 9n) / 10n;
    await expect(tUsdc.connect(allocator).writeDown(USDC(100)))
      .to.emit(tUsdc, "WrittenDown")
      .withArgs(USDC(100), RATE_ONE, newRate);
    expect(await tUsdc.rate()).to.equal(newRate);
    expect(await tUsdc.deployedAssets()).to.equal(USDC(300));
    expect(await tUsdc.totalAssets()).to.equal(USDC(900));
    expect(await tUsdc.convertToAssets(USDC(400))).to.equal(USDC(360));
    expect(await tUsdc.reservedAssets()).to.equal(USDC(540));
    expect(await tUsdc.maxWithdraw(alice.address)).to.equal(USDC(540));
    await tUsdc.connect(alice).redeem(USDC(600), alice.address, alice.address);
    expect(await usdc.balanceOf(alice.address)).to.equal(USDC(9_400) + USDC(540));
    // A new depositor gets shares at the new rate: 90 USDC buy 100 tUSDC.
    expect(await tUsdc.previewDeposit(USDC(90))).to.equal(USDC(100));
    expect(await tUsdc.previewMint(USDC(100))).to.equal(USDC(90));
    // Bob's 400 are backed: 60 idle + 300 deployed = 360.
    await tUsdc.connect(allocator).pushAssets(USDC(300));
    await tUsdc.connect(bob).requestRedeem(USDC(400), bob.address, bob.address);
    await rollover(conn, manager);
    await tUsdc.connect(bob).redeem(USDC(400), bob.address, bob.address);
    expect(await usdc.balanceOf(bob.address)).to.equal(USDC(9_600) + USDC(360));
    expect(await tUsdc.idleAssets()).to.equal(0n);
  });

  it("a write-down cannot take the rate to zero", async () => {
    const { tUsdc, users, allocator } = await setup();
    const [alice] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await tUsdc.connect(allocator).pullAssets(USDC(100));
    await expect(tUsdc.connect(allocator).writeDown(USDC(100))).to.be.revertedWithCustomError(
      tUsdc,
      "ReactorBadWriteDown",
    );
    await tUsdc.connect(allocator).writeDown(USDC(99));
    expect(await tUsdc.rate()).to.equal(RATE_ONE / 100n);
  });

  it("sweeps a donation (never owed assets) and foreign tokens to the Treasury", async () => {
    const { conn, tUsdc, usdc, users, treasury, allocator } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await usdc.connect(bob).transfer(await tUsdc.getAddress(), USDC(50));
    // The donation changed nothing for holders.
    expect(await tUsdc.totalAssets()).to.equal(USDC(100));
    expect(await tUsdc.convertToShares(USDC(1))).to.equal(USDC(1));
    await tUsdc.connect(allocator).pullAssets(USDC(120));
    await expect(tUsdc.connect(alice).sweep(await usdc.getAddress())).to.be.revertedWithCustomError(
      tUsdc,
      "RoleGatedUnauthorized",
    );
    await expect(tUsdc.sweep(await usdc.getAddress()))
      .to.emit(tUsdc, "Swept")
      .withArgs(await usdc.getAddress(), USDC(30));
    // Only the idle 30 could go; the other 20 of surplus is deployed.
    expect(await treasury.holdings(await usdc.getAddress())).to.equal(USDC(30));
    expect(
      await treasury.inflows(
        await usdc.getAddress(),
        conn.ethers.encodeBytes32String("REACTOR_SURPLUS"),
      ),
    ).to.equal(USDC(30));
    await tUsdc.connect(allocator).pushAssets(USDC(120));
    await tUsdc.sweep(await usdc.getAddress());
    expect(await treasury.holdings(await usdc.getAddress())).to.equal(USDC(50));
    expect(await usdc.balanceOf(await tUsdc.getAddress())).to.equal(USDC(100));
    await expect(tUsdc.sweep(await usdc.getAddress()))
      .to.emit(tUsdc, "Swept")
      .withArgs(await usdc.getAddress(), 0n);

    const other = await conn.ethers.deployContract("TestERC20", ["Other", "OTH", 18]);
    await other.mint(await tUsdc.getAddress(), 7n);
    await tUsdc.sweep(await other.getAddress());
    expect(await other.balanceOf(await treasury.getAddress())).to.equal(7n);
  });

  it("books LP rewards per active unit and lets only the distributor collect them", async () => {
    const { conn, manager, tUsdc, users } = await setup();
    const [alice, bob, carol] = users;
    const distributor = users[6];
    const hook = (await conn.ethers.deployContract(
      "MockEmissionHook",
    )) as unknown as MockEmissionHook;
    await manager.setEmissionHook(await hook.getAddress());
    const reward = 900n * 10n ** 18n;
    await hook.setRewardPerRollover(reward);
    await tUsdc.connect(alice).deposit(USDC(200), alice.address);
    await tUsdc.connect(bob).deposit(USDC(100), bob.address);
    await rollover(conn, manager); // cycle 0: nobody active yet, nothing booked
    expect(await tUsdc.earnedRewards(alice.address)).to.equal(0n);
    // Carol deposits just before the rollover that pays cycle 1: she gets none of it.
    await tUsdc.connect(carol).deposit(USDC(10_000), carol.address);
    await rollover(conn, manager);
    expect(await tUsdc.earnedRewards(alice.address)).to.equal(600n * 10n ** 18n);
    expect(await tUsdc.earnedRewards(bob.address)).to.equal(300n * 10n ** 18n);
    expect(await tUsdc.earnedRewards(carol.address)).to.equal(0n);

    await expect(tUsdc.connect(alice).collectRewards(alice.address))
      .to.be.revertedWithCustomError(tUsdc, "ReactorOnlyRewardsDistributor")
      .withArgs(alice.address);
    await expect(tUsdc.setRewardsDistributor(distributor.address))
      .to.emit(tUsdc, "RewardsDistributorSet")
      .withArgs(distributor.address);
    expect(await tUsdc.connect(distributor).collectRewards.staticCall(alice.address)).to.equal(
      600n * 10n ** 18n,
    );
    await tUsdc.connect(distributor).collectRewards(alice.address);
    expect(await tUsdc.earnedRewards(alice.address)).to.equal(0n);
    expect(await tUsdc.earnedRewards(bob.address)).to.equal(300n * 10n ** 18n);
    expect(await tUsdc.connect(distributor).collectRewards.staticCall(alice.address)).to.equal(0n);
  });
});
