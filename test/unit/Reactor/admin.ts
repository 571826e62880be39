import { expect } from "chai";
import { network } from "hardhat";
import type { MockEmissionHook, TestERC20 } from "../../helpers/test-contracts.js";
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
    return { conn, ...core, allocator, reactor: await tUsdc.getAddress() };
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

  it("a short settlement never reverts: idle pays matured requests pro rata, the rest is paid as assets come back", async () => {
    const { conn, manager, tUsdc, usdc, users, allocator } = await setup();
    const [alice, bob, carol] = users;
    await tUsdc.connect(alice).deposit(USDC(600), alice.address);
    await tUsdc.connect(bob).deposit(USDC(300), bob.address);
    await tUsdc.connect(carol).deposit(USDC(100), carol.address);
    await tUsdc.connect(allocator).pullAssets(USDC(700));
    await tUsdc.connect(alice).requestRedeem(USDC(400), alice.address, alice.address);
    await tUsdc.connect(bob).requestRedeem(USDC(200), bob.address, bob.address);
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    // 600 owed, 300 idle: half of each request is covered (hand computation).
    await expect(manager.processReactors(64))
      .to.emit(tUsdc, "RedemptionShortfall")
      .withArgs(0n, USDC(600), USDC(300));
    await manager.completeRollover();
    expect(await tUsdc.coveredAssets()).to.equal(USDC(300));
    expect(await tUsdc.uncoveredAssets()).to.equal(USDC(300));
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(200));
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(USDC(200));
    expect(await tUsdc.maxWithdraw(bob.address)).to.equal(USDC(100));
    await tUsdc.connect(bob).redeem(USDC(100), bob.address, bob.address);
    // Nothing can be deployed while matured requests are short.
    await expect(tUsdc.connect(allocator).pullAssets(1n))
      .to.be.revertedWithCustomError(tUsdc, "ReactorPullExceedsAvailable")
      .withArgs(1n, 0n);
    // 150 come back: a quarter of the original debts (half of what is left) is paid.
    await expect(tUsdc.connect(allocator).pushAssets(USDC(150)))
      .to.emit(tUsdc, "RedemptionsCovered")
      .withArgs(1n, USDC(150), USDC(150));
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(300));
    expect(await tUsdc.claimableRedeemRequest(0, bob.address)).to.equal(USDC(50));
    // The rest arrives at the next settlement: everyone is paid in full.
    await tUsdc.connect(allocator).pushAssets(USDC(550));
    expect(await tUsdc.uncoveredAssets()).to.equal(0n);
    await tUsdc.connect(alice).redeem(USDC(400), alice.address, alice.address);
    await tUsdc.connect(bob).redeem(USDC(100), bob.address, bob.address);
    expect(await usdc.balanceOf(alice.address)).to.equal(USDC(9_400) + USDC(400));
    expect(await usdc.balanceOf(bob.address)).to.equal(USDC(9_700) + USDC(200));
    await rollover(conn, manager);
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(0n);
  });

  it("a settlement short twice pays every matured request the same fraction, whatever cycle it matured in", async () => {
    const { conn, manager, tUsdc, users, allocator } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(1_000), alice.address);
    await tUsdc.connect(bob).deposit(USDC(1_000), bob.address);
    await tUsdc.connect(allocator).pullAssets(USDC(1_900));
    await tUsdc.connect(alice).requestRedeem(USDC(400), alice.address, alice.address);
    await rollover(conn, manager); // 100 of 400 covered: Alice has 300 left owed
    expect(await tUsdc.uncoveredAssets()).to.equal(USDC(300));
    await tUsdc.connect(bob).requestRedeem(USDC(300), bob.address, bob.address);
    await tUsdc.connect(allocator).pushAssets(USDC(300));
    // The 300 pushed paid Alice in full before Bob's request matured.
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(400));
    await rollover(conn, manager); // Bob's 300 mature with nothing idle
    expect(await tUsdc.uncoveredAssets()).to.equal(USDC(300));
    await tUsdc.connect(alice).requestRedeem(USDC(300), alice.address, alice.address);
    await rollover(conn, manager); // Alice's 300 join: 600 owed, nothing idle
    expect(await tUsdc.uncoveredAssets()).to.equal(USDC(600));
    // 240 arrive: 40% of every debt, old (Bob) and new (Alice).
    await tUsdc.connect(allocator).pushAssets(USDC(240));
    expect(await tUsdc.claimableRedeemRequest(0, bob.address)).to.equal(USDC(120));
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(400) + USDC(120));
    expect(await tUsdc.pendingRedeemRequest(0, bob.address)).to.equal(USDC(180));
  });

  it("a write-down after a request matured falls on the holders who stay (the exit was settled at its rate)", async () => {
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
    // 100 lost out of Bob's 400 deployed: every tUSDC left is worth 0.75 USDC.
    const newRate = (RATE_ONE * 3n) / 4n;
    await expect(tUsdc.connect(allocator).writeDown(USDC(100)))
      .to.emit(tUsdc, "WrittenDown")
      .withArgs(USDC(100), RATE_ONE, newRate);
    expect(await tUsdc.rate()).to.equal(newRate);
    expect(await tUsdc.deployedAssets()).to.equal(USDC(300));
    expect(await tUsdc.totalAssets()).to.equal(USDC(300));
    expect(await tUsdc.maxWithdraw(alice.address)).to.equal(USDC(600));
    await tUsdc.connect(alice).redeem(USDC(600), alice.address, alice.address);
    expect(await usdc.balanceOf(alice.address)).to.equal(USDC(10_000));
    // A new depositor gets shares at the new rate: 75 USDC buy 100 tUSDC.
    expect(await tUsdc.previewDeposit(USDC(75))).to.equal(USDC(100));
    expect(await tUsdc.previewMint(USDC(100))).to.equal(USDC(75));
    await tUsdc.connect(allocator).pushAssets(USDC(300));
    await tUsdc.connect(bob).requestRedeem(USDC(400), bob.address, bob.address);
    await rollover(conn, manager);
    await tUsdc.connect(bob).redeem(USDC(400), bob.address, bob.address);
    expect(await usdc.balanceOf(bob.address)).to.equal(USDC(9_600) + USDC(300));
    expect(await tUsdc.idleAssets()).to.equal(0n);
  });

  it("a marked loss is shared: an early leaver and a stayer lose the same fraction, a late depositor buys in at the marked rate", async () => {
    const { conn, manager, tUsdc, usdc, users, allocator } = await setup();
    const [alice, bob, carol] = users;
    await tUsdc.connect(alice).deposit(USDC(500), alice.address);
    await tUsdc.connect(bob).deposit(USDC(500), bob.address);
    await tUsdc.connect(allocator).pullAssets(USDC(800));
    await expect(tUsdc.connect(allocator).markLoss(USDC(800) + 1n))
      .to.be.revertedWithCustomError(tUsdc, "ReactorBadMark")
      .withArgs(USDC(800) + 1n, USDC(800));
    await expect(tUsdc.connect(alice).markLoss(1n))
      .to.be.revertedWithCustomError(tUsdc, "ReactorOnlyAllocator")
      .withArgs(alice.address);
    // The deployed 800 are worth 600 at the TWAP: 200 unrealised of 1,000 -> rate 0.8.
    const marked = (RATE_ONE * 8n) / 10n;
    await expect(tUsdc.connect(allocator).markLoss(USDC(200)))
      .to.emit(tUsdc, "LossMarked")
      .withArgs(USDC(200), RATE_ONE, marked);
    expect(await tUsdc.totalAssets()).to.equal(USDC(800));
    // Carol enters late: 80 USDC buy 100 tUSDC (no hidden loss to buy into).
    expect(await tUsdc.previewDeposit(USDC(80))).to.equal(USDC(100));
    await tUsdc.connect(carol).deposit(USDC(80), carol.address);
    // The allocator recalls 120 (at principal) so that idle covers Alice's exit.
    await tUsdc.connect(allocator).pushAssets(USDC(120));
    // Alice leaves at the marked rate.
    await tUsdc.connect(alice).requestRedeem(USDC(500), alice.address, alice.address);
    await rollover(conn, manager);
    expect(await tUsdc.maxWithdraw(alice.address)).to.equal(USDC(400));
    await tUsdc.connect(alice).redeem(USDC(500), alice.address, alice.address);
    // The loss is realised in full: the mark is consumed, the rate does not move again.
    await expect(tUsdc.connect(allocator).writeDown(USDC(200)))
      .to.emit(tUsdc, "WrittenDown")
      .withArgs(USDC(200), marked, marked);
    expect(await tUsdc.markedLoss()).to.equal(0n);
    await tUsdc.connect(allocator).pushAssets(USDC(480));
    await tUsdc.connect(bob).requestRedeem(USDC(500), bob.address, bob.address);
    await tUsdc.connect(carol).requestRedeem(USDC(100), carol.address, carol.address);
    await rollover(conn, manager);
    await tUsdc.connect(bob).redeem(USDC(500), bob.address, bob.address);
    await tUsdc.connect(carol).redeem(USDC(100), carol.address, carol.address);
    const lossOf = async (who: string, paid: bigint) =>
      paid - ((await usdc.balanceOf(who)) - (USDC(10_000) - paid));
    // Alice and Bob each lost 100 of 500 (20%); Carol lost nothing.
    expect(await lossOf(alice.address, USDC(500))).to.equal(USDC(100));
    expect(await lossOf(bob.address, USDC(500))).to.equal(USDC(100));
    expect(await lossOf(carol.address, USDC(80))).to.equal(0n);
  });

  it("a mark moves the rate both ways and never beyond what is deployed", async () => {
    const { tUsdc, users, allocator } = await setup();
    const [alice] = users;
    await tUsdc.connect(alice).deposit(USDC(1_000), alice.address);
    await tUsdc.connect(allocator).pullAssets(USDC(500));
    await tUsdc.connect(allocator).markLoss(USDC(100));
    expect(await tUsdc.rate()).to.equal((RATE_ONE * 9n) / 10n);
    await expect(tUsdc.connect(allocator).markLoss(USDC(40)))
      .to.emit(tUsdc, "LossMarked")
      .withArgs(USDC(40), (RATE_ONE * 9n) / 10n, (RATE_ONE * 96n) / 100n);
    await tUsdc.connect(allocator).markLoss(0n);
    expect(await tUsdc.rate()).to.equal(RATE_ONE);
    // A realised loss beyond the mark lowers the rate by the rest only.
    await tUsdc.connect(allocator).markLoss(USDC(100));
    await tUsdc.connect(allocator).writeDown(USDC(150));
    expect(await tUsdc.rate()).to.equal((RATE_ONE * 85n) / 100n);
    expect(await tUsdc.markedLoss()).to.equal(0n);
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

  it("a mark can take the rate down to one unit, never to zero", async () => {
    const { tUsdc, usdc, users, allocator } = await setup();
    const [alice] = users;
    // supply = 10^18 + 1 units; a 1-unit write-down leaves rate = floor(10^36 / (10^18 + 1))
    // = 10^18 - 1, so the book is supply x rate = 10^36 - 1 (in RATE_SCALE units), worth
    // 10^18 - 1 assets and a fraction. A mark of 10^18 - 1 would leave 10^18 - 1 < supply of the
    // scaled book, a rate of zero: refused. One unit less leaves (2 x 10^18 - 1) / supply = 1.
    const supply = RATE_ONE + 1n;
    await usdc.mint(alice.address, supply);
    await tUsdc.connect(alice).deposit(supply, alice.address);
    await tUsdc.connect(allocator).pullAssets(supply);
    await tUsdc.connect(allocator).writeDown(1n);
    expect(await tUsdc.rate()).to.equal((RATE_ONE * RATE_ONE) / supply);
    const deployed = supply - 1n;
    await expect(tUsdc.connect(allocator).markLoss(RATE_ONE - 1n))
      .to.be.revertedWithCustomError(tUsdc, "ReactorBadMark")
      .withArgs(RATE_ONE - 1n, deployed);
    await tUsdc.connect(allocator).markLoss(RATE_ONE - 2n);
    expect(await tUsdc.rate()).to.equal(
      (supply * (RATE_ONE - 1n) - (RATE_ONE - 2n) * RATE_ONE) / supply,
    );
    expect(await tUsdc.rate()).to.equal(1n);
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

  it("a wind-down that dust cannot block: closed to deposits, removed once exits are paid, the rest redeemable at once", async () => {
    const { conn, manager, tUsdc, usdc, users, allocator, reactor } = await setup();
    const [alice, griefer] = users;
    await tUsdc.connect(alice).deposit(USDC(1_000), alice.address);
    await tUsdc.connect(griefer).deposit(1n, griefer.address);
    await tUsdc.connect(allocator).pullAssets(USDC(500));
    await expect(tUsdc.connect(alice).close()).to.be.revertedWithCustomError(
      tUsdc,
      "RoleGatedUnauthorized",
    );
    await expect(tUsdc.close()).to.emit(tUsdc, "Closed");
    expect(await tUsdc.closed()).to.equal(true);
    expect(await tUsdc.maxDeposit(alice.address)).to.equal(0n);
    await expect(tUsdc.connect(alice).deposit(1n, alice.address)).to.be.revertedWithCustomError(
      tUsdc,
      "ReactorPaused",
    );
    await expect(tUsdc.unpause()).to.be.revertedWithCustomError(tUsdc, "ReactorClosed");
    // Assets still deployed: not wound down, removal refused.
    expect(await tUsdc.windDownComplete()).to.equal(false);
    await expect(manager.removeReactor(reactor)).to.be.revertedWithCustomError(
      manager,
      "CycleManagerReactorNotEmpty",
    );
    // Holders still request and redeem.
    await tUsdc.connect(alice).requestRedeem(USDC(600), alice.address, alice.address);
    await tUsdc.connect(allocator).pushAssets(USDC(500));
    expect(await tUsdc.windDownComplete()).to.equal(false); // a request is pending
    await rollover(conn, manager);
    expect(await tUsdc.windDownComplete()).to.equal(true);
    // The 1-wei griefer and Alice's 400 left do not block the removal.
    await expect(manager.removeReactor(reactor)).to.emit(manager, "ReactorRemoved");
    // After removal a request is claimable at once, from idle.
    await tUsdc.connect(griefer).requestRedeem(1n, griefer.address, griefer.address);
    expect(await tUsdc.claimableRedeemRequest(0, griefer.address)).to.equal(1n);
    await tUsdc.connect(alice).requestRedeem(USDC(400), alice.address, alice.address);
    await tUsdc.connect(alice).redeem(USDC(1_000), alice.address, alice.address);
    await tUsdc.connect(griefer).redeem(1n, griefer.address, griefer.address);
    expect(await usdc.balanceOf(alice.address)).to.equal(USDC(10_000));
    expect(await tUsdc.totalSupply()).to.equal(0n);
    expect(await tUsdc.idleAssets()).to.equal(0n);
  });

  it("refuses a fee-on-transfer asset at the first deposit (the pull must bring exactly the amount asked)", async () => {
    const { conn, manager, roles, treasury, users } = await setup();
    const [alice] = users;
    const fee = (await conn.ethers.deployContract("TestFeeToken")) as unknown as TestERC20;
    const reactor = await conn.ethers.deployContract("Reactor", [
      await fee.getAddress(),
      await manager.getAddress(),
      await roles.getAddress(),
      await treasury.getAddress(),
    ]);
    await manager.addReactor(await reactor.getAddress());
    await fee.mint(alice.address, 10_000n);
    await fee.connect(alice).approve(await reactor.getAddress(), 10_000n);
    // 1% is burnt on transfer: 1,000 asked, 990 received.
    await expect(reactor.connect(alice).deposit(1_000n, alice.address))
      .to.be.revertedWithCustomError(reactor, "ReactorTransferMismatch")
      .withArgs(1_000n, 990n);
    expect(await reactor.totalSupply()).to.equal(0n);
  });

  it("sweep never sends out assets that back reserved or matured requests while other assets are deployed", async () => {
    const { conn, manager, tUsdc, usdc, users, treasury, allocator } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(500), alice.address);
    await tUsdc.connect(bob).deposit(USDC(500), bob.address);
    await tUsdc.connect(alice).requestRedeem(USDC(300), alice.address, alice.address);
    await tUsdc.connect(allocator).pullAssets(USDC(700));
    await rollover(conn, manager); // 300 matured and covered by the 300 idle
    await usdc.connect(bob).transfer(await tUsdc.getAddress(), USDC(40)); // a donation
    // Surplus is 40 (the donation); idle is 340 of which 300 are reserved.
    await expect(tUsdc.sweep(await usdc.getAddress()))
      .to.emit(tUsdc, "Swept")
      .withArgs(await usdc.getAddress(), USDC(40));
    expect(await tUsdc.idleAssets()).to.equal(USDC(300));
    await expect(tUsdc.sweep(await usdc.getAddress()))
      .to.emit(tUsdc, "Swept")
      .withArgs(await usdc.getAddress(), 0n);
    expect(await treasury.holdings(await usdc.getAddress())).to.equal(USDC(40));
    await tUsdc.connect(alice).redeem(USDC(300), alice.address, alice.address);
    expect(await usdc.balanceOf(alice.address)).to.equal(USDC(9_800));
  });

  it("sweep never takes the marked loss as surplus (the mark still belongs to the holders)", async () => {
    const { tUsdc, usdc, users, allocator } = await setup();
    const [alice] = users;
    await tUsdc.connect(alice).deposit(USDC(1_000), alice.address);
    await tUsdc.connect(allocator).pullAssets(USDC(600));
    await tUsdc.connect(allocator).markLoss(USDC(100));
    await expect(tUsdc.sweep(await usdc.getAddress()))
      .to.emit(tUsdc, "Swept")
      .withArgs(await usdc.getAddress(), 0n);
    // The price recovers: the mark is lifted and every asset is still there for Alice.
    await tUsdc.connect(allocator).markLoss(0n);
    expect(await tUsdc.totalAssets()).to.equal(USDC(1_000));
    expect(await tUsdc.idleAssets()).to.equal(USDC(400));
  });

  it("escrowed shares keep earning LP rewards until they mature, booked to the controller (total <= emitted)", async () => {
    const { conn, manager, tUsdc, users } = await setup();
    const [alice, bob, carol] = users;
    const distributor = users[6];
    const hook = (await conn.ethers.deployContract(
      "MockEmissionHook",
    )) as unknown as MockEmissionHook;
    await manager.setEmissionHook(await hook.getAddress());
    const reward = 900n * 10n ** 18n;
    await hook.setRewardPerRollover(reward);
    await tUsdc.setRewardsDistributor(distributor.address);
    await tUsdc.connect(alice).deposit(USDC(200), alice.address);
    await tUsdc.connect(bob).deposit(USDC(100), bob.address);
    await rollover(conn, manager); // cycle 0: nothing active
    // Alice asks to leave with 150 of her 200 active units, controller Carol.
    await tUsdc.connect(alice).requestRedeem(USDC(150), carol.address, alice.address);
    expect((await tUsdc.redeemRequest(carol.address)).request.activeShares).to.equal(USDC(150));
    await rollover(conn, manager); // cycle 1: 900 over 300 active units
    // Alice 50 units -> 150, Bob 100 -> 300, Carol (the escrowed 150) -> 450 TOKE.
    const toke = (n: bigint) => n * 10n ** 18n;
    expect(await tUsdc.earnedRewards(alice.address)).to.equal(toke(150n));
    expect(await tUsdc.earnedRewards(bob.address)).to.equal(toke(300n));
    expect(await tUsdc.earnedRewards(carol.address)).to.equal(toke(450n));
    expect(await tUsdc.connect(distributor).collectRewards.staticCall(carol.address)).to.equal(
      toke(450n),
    );
    await tUsdc.connect(distributor).collectRewards(carol.address);
    expect(await tUsdc.earnedRewards(carol.address)).to.equal(0n);
    // Matured and burnt, the escrow earns nothing more.
    await rollover(conn, manager); // cycle 2: 900 over 150 active units (50 Alice + 100 Bob)
    expect(await tUsdc.earnedRewards(carol.address)).to.equal(0n);
    expect(await tUsdc.earnedRewards(alice.address)).to.equal(toke(150n + 300n));
    expect(await tUsdc.earnedRewards(bob.address)).to.equal(toke(300n + 600n));
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
