import { expect } from "chai";
import { network } from "hardhat";
import type { Reactor } from "../../../typechain-types/index.js";
import type { ReentrantAttacker, TestERC20, TestHookToken } from "../../helpers/test-contracts.js";
import { deployCore, rollover, type Connection } from "../../helpers/core.js";

const USDC = (n: number) => BigInt(n) * 10n ** 6n;
const ETH = (n: number) => BigInt(n) * 10n ** 18n;

/** Solvency check after every attack: the book value of all tAssets is backed. */
async function expectSolvent(reactor: Reactor) {
  const owed = await reactor.totalAssets();
  const backing = (await reactor.idleAssets()) + (await reactor.deployedAssets());
  expect(backing >= owed, `backing ${backing} < owed ${owed}`).to.equal(true);
  expect((await reactor.idleAssets()) >= (await reactor.reservedAssets())).to.equal(true);
}

describe("attacks on Reactors and the rollover", () => {
  async function setup() {
    const conn = await network.create();
    const core = await deployCore(conn);
    for (const u of core.users.slice(0, 4)) {
      await core.usdc.mint(u.address, USDC(1_000_000));
      await core.usdc.connect(u).approve(await core.tUsdc.getAddress(), conn.ethers.MaxUint256);
    }
    return { conn, ...core };
  }

  it("early redeem: a request cannot be claimed in its own cycle, nor during its rollover before settlement", async () => {
    const { conn, manager, tUsdc, tWeth, users } = await setup();
    const [alice] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(100), alice.address, alice.address);
    await expect(
      tUsdc.connect(alice).redeem(1, alice.address, alice.address),
    ).to.be.revertedWithCustomError(tUsdc, "ReactorExceedsClaimable");
    await expect(
      tUsdc.connect(alice).withdraw(1, alice.address, alice.address),
    ).to.be.revertedWithCustomError(tUsdc, "ReactorExceedsClaimable");
    // Past the end time, rollover started, tWETH settled, tUSDC not yet: still not claimable.
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await expect(
      tUsdc.connect(alice).redeem(1, alice.address, alice.address),
    ).to.be.revertedWithCustomError(tUsdc, "ReactorExceedsClaimable");
    await manager.startRollover();
    await manager.processReactors(1);
    expect(await tWeth.cycle()).to.equal(1n);
    await expect(
      tUsdc.connect(alice).redeem(1, alice.address, alice.address),
    ).to.be.revertedWithCustomError(tUsdc, "ReactorExceedsClaimable");
    // Once tUSDC is settled the request is claimable, even before the rollover completes.
    await manager.processReactors(1);
    await tUsdc.connect(alice).redeem(USDC(100), alice.address, alice.address);
    await manager.completeRollover();
  });

  it("early redeem: a request made during a rollover cannot ride that rollover", async () => {
    const { conn, manager, tUsdc, users } = await setup();
    const [alice] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    await tUsdc.connect(alice).requestRedeem(USDC(100), alice.address, alice.address);
    await manager.processReactors(64);
    await manager.completeRollover();
    expect(await tUsdc.maxRedeem(alice.address)).to.equal(0n);
    await expect(
      tUsdc.connect(alice).redeem(1, alice.address, alice.address),
    ).to.be.revertedWithCustomError(tUsdc, "ReactorExceedsClaimable");
    await rollover(conn, manager);
    expect(await tUsdc.maxRedeem(alice.address)).to.equal(USDC(100));
  });

  it("over-request and re-request cannot pin more liquidity than the balance", async () => {
    const { conn, manager, tUsdc, users } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await tUsdc.connect(bob).deposit(USDC(900), bob.address);
    await expect(
      tUsdc.connect(alice).requestRedeem(USDC(101), alice.address, alice.address),
    ).to.be.revertedWithCustomError(tUsdc, "ReactorRequestExceedsBalance");
    // Request, then try to pass the escrowed tAssets on and request again: the shares left the
    // owner at the request, so requests never add up to more than what was held.
    await tUsdc.connect(alice).requestRedeem(USDC(100), alice.address, alice.address);
    await expect(
      tUsdc.connect(alice).transfer(bob.address, USDC(100)),
    ).to.be.revertedWithCustomError(tUsdc, "ERC20InsufficientBalance");
    await expect(
      tUsdc.connect(alice).requestRedeem(USDC(1), alice.address, alice.address),
    ).to.be.revertedWithCustomError(tUsdc, "ReactorRequestExceedsBalance");
    // Cancelling and re-requesting moves the same shares, never more.
    await tUsdc.connect(alice).cancelRedeemRequest(0, alice.address);
    await tUsdc.connect(alice).claimCancelRedeemRequest(0, alice.address, alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(100), alice.address, alice.address);
    await tUsdc.connect(bob).requestRedeem(USDC(900), bob.address, bob.address);
    expect(await tUsdc.pendingRedeemShares()).to.equal(USDC(1_000));
    await rollover(conn, manager);
    expect(await tUsdc.reservedAssets()).to.equal(USDC(1_000));
    expect(await tUsdc.maxRedeem(alice.address)).to.equal(USDC(100));
  });

  it("donation and inflation on an empty Reactor change nothing for the next depositor", async () => {
    const { conn, tUsdc, usdc, users } = await setup();
    const [attacker, victim] = users;
    // Classic inflation: deposit 1 wei, donate a lot, hope the victim's shares round to zero.
    await tUsdc.connect(attacker).deposit(1n, attacker.address);
    await usdc.connect(attacker).transfer(await tUsdc.getAddress(), USDC(10_000));
    expect(await tUsdc.convertToShares(USDC(20_000))).to.equal(USDC(20_000));
    await tUsdc.connect(victim).deposit(USDC(20_000), victim.address);
    expect(await tUsdc.balanceOf(victim.address)).to.equal(USDC(20_000));
    expect(await tUsdc.convertToAssets(await tUsdc.balanceOf(victim.address))).to.equal(
      USDC(20_000),
    );
    // The attacker's 1 wei is still worth 1 wei; the donation is surplus for the Treasury.
    expect(await tUsdc.convertToAssets(1n)).to.equal(1n);
    await tUsdc.sweep(await usdc.getAddress());
    expect(await usdc.balanceOf(await tUsdc.getAddress())).to.equal(USDC(20_000) + 1n);
    await expectSolvent(tUsdc);
    void conn;
  });

  it("role matrix: a random caller is refused by every privileged function", async () => {
    const { conn, manager, tUsdc, treasury, roles, users } = await setup();
    const rando = users[7];
    const z = conn.ethers.ZeroAddress;
    const a = rando.address;
    const asRando = {
      reactor: tUsdc.connect(rando),
      manager: manager.connect(rando),
      treasury: treasury.connect(rando),
    };
    const gated: [string, () => Promise<unknown>, string][] = [
      ["Reactor.pause", () => asRando.reactor.pause(), "RoleGatedUnauthorized"],
      ["Reactor.unpause", () => asRando.reactor.unpause(), "RoleGatedUnauthorized"],
      ["Reactor.setAllocator", () => asRando.reactor.setAllocator(a), "RoleGatedUnauthorized"],
      [
        "Reactor.setRewardsDistributor",
        () => asRando.reactor.setRewardsDistributor(a),
        "RoleGatedUnauthorized",
      ],
      ["Reactor.sweep", () => asRando.reactor.sweep(z), "RoleGatedUnauthorized"],
      ["Reactor.settleCycle", () => asRando.reactor.settleCycle(0), "ReactorOnlyManager"],
      ["Reactor.onRegistered", () => asRando.reactor.onRegistered(0), "ReactorOnlyManager"],
      ["Reactor.onDeregistered", () => asRando.reactor.onDeregistered(), "ReactorOnlyManager"],
      [
        "Reactor.collectRewards",
        () => asRando.reactor.collectRewards(a),
        "ReactorOnlyRewardsDistributor",
      ],
      ["Reactor.pullAssets", () => asRando.reactor.pullAssets(0), "ReactorOnlyAllocator"],
      ["Reactor.pushAssets", () => asRando.reactor.pushAssets(0), "ReactorOnlyAllocator"],
      ["Reactor.writeDown", () => asRando.reactor.writeDown(1), "ReactorOnlyAllocator"],
      ["CycleManager.addReactor", () => asRando.manager.addReactor(a), "RoleGatedUnauthorized"],
      [
        "CycleManager.removeReactor",
        () => asRando.manager.removeReactor(a),
        "RoleGatedUnauthorized",
      ],
      [
        "CycleManager.setDuration",
        () => asRando.manager.setDuration(86_400),
        "RoleGatedUnauthorized",
      ],
      [
        "CycleManager.setEmissionHook",
        () => asRando.manager.setEmissionHook(z),
        "RoleGatedUnauthorized",
      ],
      ["Treasury.pay", () => asRando.treasury.pay(z, a, 1), "RoleGatedUnauthorized"],
      ["Treasury.setLossCover", () => asRando.treasury.setLossCover(a), "RoleGatedUnauthorized"],
      ["Treasury.coverLoss", () => asRando.treasury.coverLoss(z, 1), "TreasuryOnlyLossCover"],
    ];
    for (const [name, call, error] of gated) {
      const target = name.startsWith("Reactor")
        ? tUsdc
        : name.startsWith("Cycle")
          ? manager
          : treasury;
      await expect(call(), name).to.be.revertedWithCustomError(target, error);
    }
    // Roles are administered by governance only.
    await expect(
      roles.connect(rando).grantRole(await roles.GOVERNANCE_ROLE(), a),
    ).to.be.revertedWithCustomError(roles, "AccessControlUnauthorizedAccount");
  });

  it("the guardian can pause but cannot move funds or change parameters", async () => {
    const { manager, tUsdc, treasury, guardian, usdc } = await setup();
    await tUsdc.connect(guardian).pause();
    await expect(
      tUsdc.connect(guardian).sweep(await usdc.getAddress()),
    ).to.be.revertedWithCustomError(tUsdc, "RoleGatedUnauthorized");
    await expect(
      tUsdc.connect(guardian).setAllocator(guardian.address),
    ).to.be.revertedWithCustomError(tUsdc, "RoleGatedUnauthorized");
    await expect(
      treasury.connect(guardian).pay(await usdc.getAddress(), guardian.address, 1),
    ).to.be.revertedWithCustomError(treasury, "RoleGatedUnauthorized");
    await expect(manager.connect(guardian).setDuration(86_400)).to.be.revertedWithCustomError(
      manager,
      "RoleGatedUnauthorized",
    );
  });

  it("premature, double and resumed rollovers (the keeper has no special power over them)", async () => {
    const { conn, manager, tUsdc, keeper, users } = await setup();
    const [alice] = users;
    await tUsdc.connect(alice).deposit(USDC(10), alice.address);
    await expect(manager.connect(keeper).startRollover()).to.be.revertedWithCustomError(
      manager,
      "CycleManagerCycleNotEnded",
    );
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.connect(users[1]).startRollover();
    await expect(manager.connect(keeper).startRollover()).to.be.revertedWithCustomError(
      manager,
      "CycleManagerRolloverInProgress",
    );
    await manager.connect(users[2]).processReactors(1);
    await manager.connect(users[3]).processReactors(1);
    await expect(manager.processReactors(1)).to.be.revertedWithCustomError(
      manager,
      "CycleManagerNothingToProcess",
    );
    await manager.completeRollover();
    // The next one is premature again: the schedule moved by exactly one cycle.
    await expect(manager.startRollover()).to.be.revertedWithCustomError(
      manager,
      "CycleManagerCycleNotEnded",
    );
    expect(await tUsdc.activeSupply()).to.equal(USDC(10));
  });

  it("pause: matured withdrawals (also as ETH through the gateway) succeed while deposits are paused", async () => {
    const { conn, manager, tWeth, gateway, guardian, users } = await setup();
    const [alice] = users;
    await gateway.connect(alice).depositETH(alice.address, { value: ETH(2) });
    await tWeth.connect(alice).requestRedeem(ETH(2), alice.address, alice.address);
    await rollover(conn, manager);
    await tWeth.connect(guardian).pause();
    await expect(
      gateway.connect(alice).depositETH(alice.address, { value: 1n }),
    ).to.be.revertedWithCustomError(tWeth, "ReactorPaused");
    await tWeth.connect(alice).setOperator(await gateway.getAddress(), true);
    const before = await conn.ethers.provider.getBalance(users[1].address);
    await gateway.connect(alice).withdrawETH(ETH(2), users[1].address, alice.address);
    expect(await conn.ethers.provider.getBalance(users[1].address)).to.equal(before + ETH(2));
  });

  it("the gateway acts only for the controller or its operators", async () => {
    const { conn, manager, tWeth, gateway, users } = await setup();
    const [alice, thief] = users;
    await gateway.connect(alice).depositETH(alice.address, { value: ETH(1) });
    await tWeth.connect(alice).requestRedeem(ETH(1), alice.address, alice.address);
    await rollover(conn, manager);
    // Claiming through the gateway needs it as Alice's operator, and the error says so.
    await expect(gateway.connect(alice).redeemETH(ETH(1), alice.address, alice.address))
      .to.be.revertedWithCustomError(gateway, "WethGatewayNeedsOperator")
      .withArgs(alice.address, await gateway.getAddress());
    await tWeth.connect(alice).setOperator(await gateway.getAddress(), true);
    await expect(gateway.connect(thief).redeemETH(ETH(1), thief.address, alice.address))
      .to.be.revertedWithCustomError(gateway, "WethGatewayNotOperator")
      .withArgs(thief.address, alice.address);
    await expect(
      gateway.connect(thief).withdrawETH(ETH(1), thief.address, alice.address),
    ).to.be.revertedWithCustomError(gateway, "WethGatewayNotOperator");
    await expect(thief.sendTransaction({ to: await gateway.getAddress(), value: 1n }))
      .to.be.revertedWithCustomError(gateway, "WethGatewayUnexpectedEther")
      .withArgs(thief.address);
    const weth = await conn.ethers.deployContract("TestERC20", ["Not WETH", "NW", 18]);
    await expect(
      conn.ethers.deployContract("WethGateway", [
        await tWeth.getAddress(),
        await weth.getAddress(),
      ]),
    ).to.be.revertedWithCustomError(gateway, "WethGatewayNotWethReactor");
  });

  describe("reentrancy through an asset with transfer hooks", () => {
    async function hookSetup() {
      const base = await setup();
      const { conn, manager, deployReactor } = base;
      const token = (await conn.ethers.deployContract("TestHookToken")) as unknown as TestHookToken;
      const reactor = await deployReactor(await token.getAddress());
      await manager.addReactor(await reactor.getAddress());
      const attacker = (await conn.ethers.deployContract("ReentrantAttacker", [
        await reactor.getAddress(),
      ])) as unknown as ReentrantAttacker;
      await token.mint(await attacker.getAddress(), ETH(100));
      await token.setHooked(await attacker.getAddress());
      // An honest LP shares the Reactor.
      const [honest] = base.users;
      await token.mint(honest.address, ETH(100));
      await token.connect(honest).approve(await reactor.getAddress(), conn.ethers.MaxUint256);
      await reactor.connect(honest).deposit(ETH(100), honest.address);
      return { ...base, token, reactor, attacker, honest };
    }

    async function requestAndMature(
      conn: Connection,
      manager: Awaited<ReturnType<typeof hookSetup>>["manager"],
      attacker: ReentrantAttacker,
      shares: bigint,
    ) {
      await attacker.requestRedeem(shares);
      await rollover(conn, manager);
    }

    it("a claim payout cannot be reentered to claim twice", async () => {
      const { conn, manager, reactor, token, attacker } = await hookSetup();
      await attacker.deposit(ETH(10));
      await requestAndMature(conn, manager, attacker, ETH(10));
      await attacker.arm(1, ETH(10)); // RedeemAgain during the payout
      await attacker.redeem(ETH(10));
      expect(await attacker.attempted()).to.equal(true);
      expect(await attacker.succeeded()).to.equal(false);
      const failure = await attacker.failure();
      expect(reactor.interface.parseError(failure)?.name).to.equal("ReactorExceedsClaimable");
      expect(await token.balanceOf(await attacker.getAddress())).to.equal(ETH(100));
      expect(await reactor.balanceOf(await attacker.getAddress())).to.equal(0n);
      await expectSolvent(reactor);
      expect(await reactor.totalSupply()).to.equal(ETH(100));
      expect(await token.balanceOf(await reactor.getAddress())).to.equal(ETH(100));
    });

    it("a deposit pull reentered: a request sees only credited shares, a nested deposit is a deposit", async () => {
      const { conn, manager, reactor, token, attacker } = await hookSetup();
      // The Reactor credits before it pulls: a request from inside the pull may cover the
      // credited shares (the deposit is all or nothing), never more.
      await attacker.arm(2, ETH(5) + 1n);
      await attacker.deposit(ETH(5));
      expect(await attacker.succeeded()).to.equal(false);
      expect(reactor.interface.parseError(await attacker.failure())?.name).to.equal(
        "ReactorRequestExceedsBalance",
      );
      await attacker.arm(2, ETH(10));
      await attacker.deposit(ETH(5));
      expect(await attacker.succeeded()).to.equal(true);
      expect(await reactor.pendingRedeemRequest(0, await attacker.getAddress())).to.equal(ETH(10));

      await attacker.arm(3, ETH(7)); // deposit again during the pull
      await attacker.deposit(ETH(3));
      expect(await attacker.succeeded()).to.equal(true);
      // 20 credited: 10 held, 10 escrowed by the request.
      expect(await reactor.balanceOf(await attacker.getAddress())).to.equal(ETH(10));
      expect(await reactor.balanceOf(await reactor.getAddress())).to.equal(ETH(10));
      expect(await token.balanceOf(await attacker.getAddress())).to.equal(ETH(80));
      await expectSolvent(reactor);
      // The request matures normally and pays exactly what was paid in.
      await rollover(conn, manager);
      await attacker.arm(0, 0);
      await attacker.redeem(ETH(10));
      expect(await token.balanceOf(await attacker.getAddress())).to.equal(ETH(90));
      await expectSolvent(reactor);
    });
  });

  it("a fee-on-transfer asset is refused: a deposit that brings in less than it credits reverts", async () => {
    const { conn, manager, deployReactor, users } = await setup();
    const [alice] = users;
    const fee = (await conn.ethers.deployContract("TestFeeToken")) as unknown as TestERC20;
    const reactor = await deployReactor(await fee.getAddress());
    await manager.addReactor(await reactor.getAddress());
    await fee.mint(alice.address, 1_000n);
    await fee.connect(alice).approve(await reactor.getAddress(), 1_000n);
    await expect(reactor.connect(alice).deposit(1_000n, alice.address))
      .to.be.revertedWithCustomError(reactor, "ReactorTransferMismatch")
      .withArgs(1_000n, 990n);
    expect(await reactor.totalAssets()).to.equal(0n);
    expect(await reactor.idleAssets()).to.equal(0n);
  });
});
