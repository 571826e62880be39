import { expect } from "chai";
import { network } from "hardhat";
import { ROLE } from "../../../scripts/lib/protocol-config.js";
import { deployCore, rollover } from "../../helpers/core.js";

const USDC = (n: number) => BigInt(n) * 10n ** 6n;

/** Protocol-controlled liquidity: the Treasury as an LP of a Reactor. */
describe("Treasury: protocol-controlled liquidity", () => {
  async function setup() {
    const conn = await network.create();
    const core = await deployCore(conn);
    const [alice, attacker] = core.users;
    // 5,000 USDC of fees in the Treasury.
    await core.usdc.mint(alice.address, USDC(5_000));
    await core.usdc.connect(alice).approve(await core.treasury.getAddress(), USDC(5_000));
    await core.treasury
      .connect(alice)
      .deposit(await core.usdc.getAddress(), USDC(5_000), conn.ethers.encodeBytes32String("FEES"));
    await core.treasury.setCycleManager(await core.manager.getAddress());
    return { conn, ...core, alice, attacker };
  }

  it("sets the cycle manager once, by governance only", async () => {
    const { treasury, manager, attacker } = await setup();
    expect(await treasury.cycleManager()).to.equal(await manager.getAddress());
    await expect(treasury.setCycleManager(await manager.getAddress()))
      .to.be.revertedWithCustomError(treasury, "TreasuryManagerSet")
      .withArgs(await manager.getAddress());
    await expect(treasury.connect(attacker).setCycleManager(attacker.address))
      .to.be.revertedWithCustomError(treasury, "RoleGatedUnauthorized")
      .withArgs(attacker.address, ROLE.governance);
  });

  it("deposits Treasury assets into a registered Reactor, within bounds", async () => {
    const { treasury, tUsdc, usdc, attacker } = await setup();
    const reactor = await tUsdc.getAddress();
    const amount = USDC(2_000);
    // 1:1 tAssets on a fresh Reactor.
    await expect(treasury.provideLiquidity(reactor, amount, amount))
      .to.emit(treasury, "LiquidityProvided")
      .withArgs(reactor, amount, amount);
    expect(await tUsdc.balanceOf(await treasury.getAddress())).to.equal(amount);
    expect(await treasury.holdings(await usdc.getAddress())).to.equal(USDC(3_000));
    expect(await treasury.liquidityOf(reactor)).to.deep.equal([amount, 0n]);
    // Bounds: governance only, a registered Reactor, no more than held, the minimum shares.
    await expect(
      treasury.connect(attacker).provideLiquidity(reactor, 1n, 0n),
    ).to.be.revertedWithCustomError(treasury, "RoleGatedUnauthorized");
    await expect(treasury.provideLiquidity(attacker.address, 1n, 0n))
      .to.be.revertedWithCustomError(treasury, "TreasuryNotReactor")
      .withArgs(attacker.address);
    await expect(treasury.provideLiquidity(reactor, USDC(3_001), 0n))
      .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientHoldings")
      .withArgs(await usdc.getAddress(), USDC(3_001), USDC(3_000));
    await expect(treasury.provideLiquidity(reactor, USDC(10), USDC(10) + 1n))
      .to.be.revertedWithCustomError(treasury, "TreasurySlippage")
      .withArgs(USDC(10), USDC(10) + 1n);
    await expect(treasury.provideLiquidity(reactor, 0n, 0n)).to.be.revertedWithCustomError(
      treasury,
      "TreasuryZeroAmount",
    ); // Everything it still holds, to the unit: 3,000 USDC, leaving none.
    await treasury.provideLiquidity(reactor, USDC(3_000), USDC(3_000));
    expect(await treasury.holdings(await usdc.getAddress())).to.equal(0n);
    expect(await tUsdc.balanceOf(await treasury.getAddress())).to.equal(USDC(5_000));
  });

  it("never lets anyone else redeem or move its tAssets, governance included", async () => {
    const { treasury, tUsdc, attacker } = await setup();
    const reactor = await tUsdc.getAddress();
    const treasuryAddress = await treasury.getAddress();
    await treasury.provideLiquidity(reactor, USDC(1_000), 0n);
    await expect(treasury.pay(reactor, attacker.address, 1n))
      .to.be.revertedWithCustomError(treasury, "TreasuryPclShares")
      .withArgs(reactor);
    await expect(
      tUsdc.connect(attacker).requestRedeem(USDC(1_000), treasuryAddress, treasuryAddress),
    )
      // ERC-7540: neither the Treasury's operator nor holding its allowance (the Treasury gives none).
      .to.be.revertedWithCustomError(tUsdc, "ERC20InsufficientAllowance")
      .withArgs(attacker.address, 0n, USDC(1_000));
    await expect(tUsdc.connect(attacker).redeem(USDC(1_000), attacker.address, treasuryAddress))
      .to.be.revertedWithCustomError(tUsdc, "ReactorNotOperator")
      .withArgs(attacker.address, treasuryAddress);
    await expect(
      tUsdc.connect(attacker).transferFrom(treasuryAddress, attacker.address, 1n),
    ).to.be.revertedWithCustomError(tUsdc, "ERC20InsufficientAllowance");
    await expect(
      treasury.connect(attacker).requestWithdrawal(reactor, 1n),
    ).to.be.revertedWithCustomError(treasury, "RoleGatedUnauthorized");
    expect(await tUsdc.balanceOf(treasuryAddress)).to.equal(USDC(1_000));
  });

  it("withdraws through the normal ERC-7540 exit, completed by anyone into the Treasury", async () => {
    const { conn, treasury, tUsdc, usdc, manager, attacker } = await setup();
    const reactor = await tUsdc.getAddress();
    const treasuryAddress = await treasury.getAddress();
    await treasury.provideLiquidity(reactor, USDC(1_000), 0n);
    await rollover(conn, manager); // the deposit is in the books
    await expect(treasury.requestWithdrawal(reactor, USDC(400)))
      .to.emit(treasury, "WithdrawalRequested")
      .withArgs(reactor, USDC(400));
    expect(await tUsdc.pendingRedeemRequest(0n, treasuryAddress)).to.equal(USDC(400));
    // Not before the request matured.
    await expect(treasury.completeWithdrawal(reactor)).to.be.revertedWithCustomError(
      treasury,
      "TreasuryZeroAmount",
    );
    await rollover(conn, manager);
    expect(await tUsdc.claimableRedeemRequest(0n, treasuryAddress)).to.equal(USDC(400));
    const before = await usdc.balanceOf(treasuryAddress);
    await expect(treasury.connect(attacker).completeWithdrawal(reactor))
      .to.emit(treasury, "WithdrawalCompleted")
      .withArgs(reactor, attacker.address, USDC(400), USDC(400));
    expect((await usdc.balanceOf(treasuryAddress)) - before).to.equal(USDC(400));
    expect(await usdc.balanceOf(attacker.address)).to.equal(0n);
    expect(await tUsdc.balanceOf(treasuryAddress)).to.equal(USDC(600));
    expect(await treasury.liquidityOf(reactor)).to.deep.equal([USDC(1_000), USDC(400)]);
    // Only Reactors it provided to.
    await expect(treasury.completeWithdrawal(attacker.address))
      .to.be.revertedWithCustomError(treasury, "TreasuryNotReactor")
      .withArgs(attacker.address);
  });
});
