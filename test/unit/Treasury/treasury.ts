import { expect } from "chai";
import { network } from "hardhat";
import { deployCore } from "../../helpers/core.js";

const USDC = (n: number) => BigInt(n) * 10n ** 6n;

describe("Treasury", () => {
  async function setup() {
    const conn = await network.create();
    const core = await deployCore(conn);
    const [alice, bob, lossCover] = core.users;
    await core.usdc.mint(alice.address, USDC(1_000));
    await core.usdc.connect(alice).approve(await core.treasury.getAddress(), conn.ethers.MaxUint256);
    return { conn, ...core, alice, bob, lossCover };
  }

  it("records inflows by source and reports holdings", async () => {
    const { conn, treasury, usdc, alice } = await setup();
    const fees = conn.ethers.encodeBytes32String("VENUE_FEES");
    const launch = conn.ethers.encodeBytes32String("DEGENESIS");
    await expect(treasury.connect(alice).deposit(await usdc.getAddress(), USDC(100), fees))
      .to.emit(treasury, "InflowRecorded")
      .withArgs(await usdc.getAddress(), fees, alice.address, USDC(100));
    await treasury.connect(alice).deposit(await usdc.getAddress(), USDC(30), launch);
    await treasury.connect(alice).deposit(await usdc.getAddress(), USDC(20), fees);
    expect(await treasury.inflows(await usdc.getAddress(), fees)).to.equal(USDC(120));
    expect(await treasury.inflows(await usdc.getAddress(), launch)).to.equal(USDC(30));
    expect(await treasury.holdings(await usdc.getAddress())).to.equal(USDC(150));
    await expect(treasury.connect(alice).deposit(await usdc.getAddress(), 0, fees)).to.be.revertedWithCustomError(
      treasury,
      "TreasuryZeroAmount",
    );
  });

  it("pays out only by governance and only what it holds", async () => {
    const { conn, treasury, usdc, alice, bob, governance } = await setup();
    await treasury.connect(alice).deposit(await usdc.getAddress(), USDC(100), conn.ethers.ZeroHash);
    await expect(treasury.connect(alice).pay(await usdc.getAddress(), alice.address, 1n)).to.be.revertedWithCustomError(
      treasury,
      "RoleGatedUnauthorized",
    );
    await expect(treasury.connect(governance).pay(await usdc.getAddress(), bob.address, USDC(101)))
      .to.be.revertedWithCustomError(treasury, "TreasuryInsufficientHoldings")
      .withArgs(await usdc.getAddress(), USDC(101), USDC(100));
    await expect(treasury.pay(await usdc.getAddress(), conn.ethers.ZeroAddress, 1n)).to.be.revertedWithCustomError(
      treasury,
      "TreasuryZeroAddress",
    );
    await expect(treasury.connect(governance).pay(await usdc.getAddress(), bob.address, USDC(40)))
      .to.emit(treasury, "Paid")
      .withArgs(await usdc.getAddress(), bob.address, USDC(40));
    expect(await usdc.balanceOf(bob.address)).to.equal(USDC(40));
    expect(await treasury.holdings(await usdc.getAddress())).to.equal(USDC(60));
  });

  it("lets only the registered loss-cover contract draw to cover a loss", async () => {
    const { conn, treasury, usdc, alice, lossCover } = await setup();
    await treasury.connect(alice).deposit(await usdc.getAddress(), USDC(100), conn.ethers.ZeroHash);
    await expect(treasury.connect(lossCover).coverLoss(await usdc.getAddress(), 1n))
      .to.be.revertedWithCustomError(treasury, "TreasuryOnlyLossCover")
      .withArgs(lossCover.address);
    await expect(treasury.connect(alice).setLossCover(lossCover.address)).to.be.revertedWithCustomError(
      treasury,
      "RoleGatedUnauthorized",
    );
    await expect(treasury.setLossCover(lossCover.address)).to.emit(treasury, "LossCoverSet").withArgs(lossCover.address);
    expect(await treasury.lossCover()).to.equal(lossCover.address);
    await expect(treasury.connect(lossCover).coverLoss(await usdc.getAddress(), USDC(25)))
      .to.emit(treasury, "LossCovered")
      .withArgs(await usdc.getAddress(), lossCover.address, USDC(25));
    expect(await usdc.balanceOf(lossCover.address)).to.equal(USDC(25));
    await expect(treasury.connect(lossCover).coverLoss(await usdc.getAddress(), USDC(76))).to.be.revertedWithCustomError(
      treasury,
      "TreasuryInsufficientHoldings",
    );
  });

  it("counts only what arrived from a fee-on-transfer token", async () => {
    const { conn, treasury, alice } = await setup();
    const fee = await conn.ethers.deployContract("TestFeeToken");
    await fee.mint(alice.address, 1_000n);
    await fee.connect(alice).approve(await treasury.getAddress(), 1_000n);
    await treasury.connect(alice).deposit(await fee.getAddress(), 1_000n, conn.ethers.ZeroHash);
    // 1% fee: 990 arrived.
    expect(await treasury.inflows(await fee.getAddress(), conn.ethers.ZeroHash)).to.equal(990n);
    expect(await treasury.holdings(await fee.getAddress())).to.equal(990n);
  });
});
