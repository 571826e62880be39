// Coverage of the Treasury's remaining guards: Reactor calls before a cycle manager is set, a zero
// or second manager, zero amounts on every path that sends or requests, and PriceFeed's zero
// TOKE at deployment.
import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";
import { deployCore } from "../../helpers/core.js";

const USDC = (n: number) => BigInt(n) * 10n ** 6n;

describe("coverage: Treasury guards", () => {
  async function setup() {
    const conn = await network.create();
    const core = await deployCore(conn);
    const [alice, bob, lossCover] = core.users;
    await core.usdc.mint(await core.treasury.getAddress(), USDC(1_000));
    return { conn, ...core, alice, bob, lossCover };
  }

  it("refuses Reactor calls until a cycle manager is set, and a zero or second manager", async () => {
    const { treasury, manager, tUsdc } = await setup();
    await expect(treasury.provideLiquidity(tUsdc, USDC(100), 0n))
      .to.be.revertedWithCustomError(treasury, "TreasuryManagerSet")
      .withArgs(ZeroAddress);
    await expect(treasury.requestWithdrawal(tUsdc, 1n))
      .to.be.revertedWithCustomError(treasury, "TreasuryManagerSet")
      .withArgs(ZeroAddress);
    await expect(treasury.setCycleManager(ZeroAddress)).to.be.revertedWithCustomError(
      treasury,
      "TreasuryZeroAddress",
    );
    await expect(treasury.setCycleManager(manager))
      .to.emit(treasury, "CycleManagerSet")
      .withArgs(await manager.getAddress());
    expect(await treasury.cycleManager()).to.equal(await manager.getAddress());
    await expect(treasury.setCycleManager(manager))
      .to.be.revertedWithCustomError(treasury, "TreasuryManagerSet")
      .withArgs(await manager.getAddress());
  });

  it("refuses zero amounts: a withdrawal request, a payment and a loss cover; nothing moves", async () => {
    const { treasury, manager, usdc, tUsdc, bob, lossCover } = await setup();
    await treasury.setCycleManager(manager);
    await expect(treasury.requestWithdrawal(tUsdc, 0n)).to.be.revertedWithCustomError(
      treasury,
      "TreasuryZeroAmount",
    );
    await expect(treasury.requestWithdrawal(bob.address, 1n))
      .to.be.revertedWithCustomError(treasury, "TreasuryNotReactor")
      .withArgs(bob.address);
    await expect(treasury.pay(usdc, bob.address, 0n)).to.be.revertedWithCustomError(
      treasury,
      "TreasuryZeroAmount",
    );
    await treasury.setLossCover(lossCover.address);
    expect(await treasury.lossCover()).to.equal(lossCover.address);
    await expect(treasury.connect(lossCover).coverLoss(usdc, 0n)).to.be.revertedWithCustomError(
      treasury,
      "TreasuryZeroAmount",
    );
    expect(await treasury.holdings(usdc)).to.equal(USDC(1_000));
    // A real cover sends the amount to the loss cover.
    await expect(treasury.connect(lossCover).coverLoss(usdc, USDC(10)))
      .to.emit(treasury, "LossCovered")
      .withArgs(await usdc.getAddress(), lossCover.address, USDC(10));
    expect(await usdc.balanceOf(lossCover.address)).to.equal(USDC(10));
  });

  it("PriceFeed refuses a zero TOKE at deployment", async () => {
    const { conn, roles } = await setup();
    const factory = await conn.ethers.getContractFactory("PriceFeed");
    await expect(factory.deploy(roles, conn.ethers.ZeroAddress, 24n * 3600n, 1_000n, 900n))
      .to.be.revertedWithCustomError(factory, "PriceFeedBadAsset")
      .withArgs(conn.ethers.ZeroAddress);
  });
});
