import { expect } from "chai";
import { network } from "hardhat";
import { deployCore, rollover } from "../../helpers/core.js";

const USDC = (n: number) => BigInt(n) * 10n ** 6n;

describe("Reactor: ERC-7540 redemption requests", () => {
  async function setup() {
    const conn = await network.create();
    const core = await deployCore(conn);
    const { usdc, tUsdc, users } = core;
    for (const u of users.slice(0, 4)) {
      await usdc.mint(u.address, USDC(10_000));
      await usdc.connect(u).approve(await tUsdc.getAddress(), conn.ethers.MaxUint256);
    }
    return { conn, ...core };
  }

  it("advertises ERC-165, ERC-7540 operator, ERC-7540 async redeem and ERC-7575 interfaces", async () => {
    const { conn, tUsdc } = await setup();
    const id = (sigs: string[]) =>
      "0x" +
      sigs
        .map((s) => BigInt(conn.ethers.id(s).slice(0, 10)))
        .reduce((a, b) => a ^ b, 0n)
        .toString(16)
        .padStart(8, "0");
    const operatorId = id(["setOperator(address,bool)", "isOperator(address,address)"]);
    const redeemId = id([
      "requestRedeem(uint256,address,address)",
      "pendingRedeemRequest(uint256,address)",
      "claimableRedeemRequest(uint256,address)",
    ]);
    const erc7575Id = id([
      "asset()",
      "share()",
      "convertToShares(uint256)",
      "convertToAssets(uint256)",
      "totalAssets()",
      "maxDeposit(address)",
      "previewDeposit(uint256)",
      "deposit(uint256,address)",
      "maxMint(address)",
      "previewMint(uint256)",
      "mint(uint256,address)",
      "maxWithdraw(address)",
      "previewWithdraw(uint256)",
      "withdraw(uint256,address,address)",
      "maxRedeem(address)",
      "previewRedeem(uint256)",
      "redeem(uint256,address,address)",
    ]);
    // The ids the ERCs publish.
    expect(operatorId).to.equal("0xe3bc4e65");
    expect(redeemId).to.equal("0x620ee8e4");
    expect(erc7575Id).to.equal("0x2f0a18c5");
    for (const i of ["0x01ffc9a7", operatorId, redeemId, erc7575Id]) expect(await tUsdc.supportsInterface(i)).to.equal(true);
    expect(await tUsdc.supportsInterface("0xce3bbe50")).to.equal(false); // async deposit: not supported
    expect(await tUsdc.supportsInterface("0xffffffff")).to.equal(false);
    expect(await tUsdc.share()).to.equal(await tUsdc.getAddress());
  });

  it("bounds a request by the owner's balance (over-request reverts)", async () => {
    const { tUsdc, users } = await setup();
    const [alice] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await expect(tUsdc.connect(alice).requestRedeem(USDC(100) + 1n, alice.address, alice.address))
      .to.be.revertedWithCustomError(tUsdc, "ReactorRequestExceedsBalance")
      .withArgs(alice.address, USDC(100) + 1n, USDC(100));
    await expect(tUsdc.connect(alice).requestRedeem(USDC(100), alice.address, alice.address))
      .to.emit(tUsdc, "RedeemRequest")
      .withArgs(alice.address, alice.address, 0n, alice.address, USDC(100));
  });

  it("requires controller == owner, and the owner or its operator as caller", async () => {
    const { tUsdc, users } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await expect(tUsdc.connect(alice).requestRedeem(USDC(1), bob.address, alice.address))
      .to.be.revertedWithCustomError(tUsdc, "ReactorControllerNotOwner")
      .withArgs(bob.address, alice.address);
    await expect(tUsdc.connect(bob).requestRedeem(USDC(1), alice.address, alice.address))
      .to.be.revertedWithCustomError(tUsdc, "ReactorNotOperator")
      .withArgs(bob.address, alice.address);
    // An ERC-20 allowance is not enough.
    await tUsdc.connect(alice).approve(bob.address, USDC(100));
    await expect(tUsdc.connect(bob).requestRedeem(USDC(1), alice.address, alice.address)).to.be.revertedWithCustomError(
      tUsdc,
      "ReactorNotOperator",
    );
    await expect(tUsdc.connect(alice).setOperator(bob.address, true))
      .to.emit(tUsdc, "OperatorSet")
      .withArgs(alice.address, bob.address, true);
    expect(await tUsdc.isOperator(alice.address, bob.address)).to.equal(true);
    await expect(tUsdc.connect(bob).requestRedeem(USDC(1), alice.address, alice.address))
      .to.emit(tUsdc, "RedeemRequest")
      .withArgs(alice.address, alice.address, 0n, bob.address, USDC(1));
    await tUsdc.connect(alice).setOperator(bob.address, false);
    await expect(tUsdc.connect(bob).requestRedeem(USDC(2), alice.address, alice.address)).to.be.revertedWithCustomError(
      tUsdc,
      "ReactorNotOperator",
    );
  });

  it("replaces a pending request (re-request cannot pin more than the balance, nor stack)", async () => {
    const { conn, manager, tUsdc, users } = await setup();
    const [alice] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(80), alice.address, alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(30), alice.address, alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(50), alice.address, alice.address);
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(USDC(50));
    expect(await tUsdc.pendingRedeemShares()).to.equal(USDC(50));
    await rollover(conn, manager);
    // Only the last request matured and only it is reserved.
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(50));
    expect(await tUsdc.reservedShares()).to.equal(USDC(50));
    expect(await tUsdc.pendingRedeemShares()).to.equal(0n);
    // A new request while one is claimable is refused: claim first.
    await expect(tUsdc.connect(alice).requestRedeem(USDC(10), alice.address, alice.address))
      .to.be.revertedWithCustomError(tUsdc, "ReactorClaimablePending")
      .withArgs(alice.address, USDC(50));
    await tUsdc.connect(alice).redeem(USDC(50), alice.address, alice.address);
    expect((await tUsdc.redeemRequest(alice.address)).shares).to.equal(0n);
    await tUsdc.connect(alice).requestRedeem(USDC(10), alice.address, alice.address);
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(USDC(10));
  });

  it("zero shares cancels a pending request", async () => {
    const { conn, manager, tUsdc, users } = await setup();
    const [alice] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(60), alice.address, alice.address);
    await tUsdc.connect(alice).requestRedeem(0, alice.address, alice.address);
    expect(await tUsdc.pendingRedeemShares()).to.equal(0n);
    await rollover(conn, manager);
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(0n);
    expect(await tUsdc.reservedShares()).to.equal(0n);
  });

  it("a transfer shrinks the sender's pending or matured request and releases the reservation", async () => {
    const { conn, manager, tUsdc, users } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(90), alice.address, alice.address);
    await expect(tUsdc.connect(alice).transfer(bob.address, USDC(30)))
      .to.emit(tUsdc, "RedeemRequestReduced")
      .withArgs(alice.address, USDC(70));
    expect(await tUsdc.pendingRedeemShares()).to.equal(USDC(70));
    // A transfer that leaves enough does not touch the request.
    await tUsdc.connect(bob).transfer(alice.address, USDC(10));
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(USDC(70));
    await rollover(conn, manager);
    expect(await tUsdc.reservedShares()).to.equal(USDC(70));
    // Matured request, then Alice moves away all but 20 via transferFrom by Bob.
    await tUsdc.connect(alice).approve(bob.address, USDC(60));
    await tUsdc.connect(bob).transferFrom(alice.address, bob.address, USDC(60));
    expect(await tUsdc.balanceOf(alice.address)).to.equal(USDC(20));
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(20));
    expect(await tUsdc.reservedShares()).to.equal(USDC(20));
    expect(await tUsdc.reservedAssets()).to.equal(USDC(20));
  });

  it("matures a request made during a rollover one cycle later, even for a Reactor not yet settled", async () => {
    const { conn, manager, tUsdc, tWeth, usdc, users } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await tUsdc.connect(bob).deposit(USDC(100), bob.address);
    await rollover(conn, manager); // cycle 1
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    // Cycle 1 has ended but its rollover has not started: a request still belongs to cycle 1.
    await tUsdc.connect(bob).requestRedeem(USDC(10), bob.address, bob.address);
    expect((await tUsdc.redeemRequest(bob.address)).cycle).to.equal(1n);
    await manager.startRollover();
    // tWETH is settled first; tUSDC is not settled yet when Alice requests.
    await manager.processReactors(1);
    expect(await tWeth.cycle()).to.equal(2n);
    expect(await tUsdc.cycle()).to.equal(1n);
    await tUsdc.connect(alice).requestRedeem(USDC(40), alice.address, alice.address);
    expect((await tUsdc.redeemRequest(alice.address)).cycle).to.equal(2n);
    await manager.processReactors(1);
    await manager.completeRollover();
    // Bob's request (made before the rollover started) matured; Alice's did not.
    expect(await tUsdc.claimableRedeemRequest(0, bob.address)).to.equal(USDC(10));
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(0n);
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(USDC(40));
    await expect(tUsdc.connect(alice).redeem(USDC(40), alice.address, alice.address)).to.be.revertedWithCustomError(
      tUsdc,
      "ReactorExceedsClaimable",
    );
    expect(await tUsdc.reservedShares()).to.equal(USDC(10));
    expect(await tUsdc.pendingRedeemShares()).to.equal(USDC(40));
    await rollover(conn, manager); // closes cycle 2
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(40));
    const before = await usdc.balanceOf(alice.address);
    await tUsdc.connect(alice).redeem(USDC(40), alice.address, alice.address);
    expect(await usdc.balanceOf(alice.address)).to.equal(before + USDC(40));
  });

  it("a request made during a rollover on a Reactor already settled matures at the next rollover", async () => {
    const { conn, manager, tWeth, weth, users } = await setup();
    const [alice] = users;
    await weth.connect(alice).deposit({ value: 10n ** 18n });
    await weth.connect(alice).approve(await tWeth.getAddress(), 10n ** 18n);
    await tWeth.connect(alice).deposit(10n ** 18n, alice.address);
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    await manager.processReactors(1); // tWETH settled: its books are in cycle 1
    await tWeth.connect(alice).requestRedeem(10n ** 18n, alice.address, alice.address);
    expect((await tWeth.redeemRequest(alice.address)).cycle).to.equal(1n);
    await manager.processReactors(1);
    await manager.completeRollover();
    expect(await tWeth.claimableRedeemRequest(0, alice.address)).to.equal(0n);
    await rollover(conn, manager);
    expect(await tWeth.claimableRedeemRequest(0, alice.address)).to.equal(10n ** 18n);
  });

  it("a transfer shrinks a request deferred to the next cycle", async () => {
    const { conn, manager, tUsdc, users } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    await tUsdc.connect(alice).requestRedeem(USDC(100), alice.address, alice.address);
    await tUsdc.connect(alice).transfer(bob.address, USDC(75));
    expect(await tUsdc.pendingRedeemShares()).to.equal(USDC(25));
    await manager.processReactors(64);
    await manager.completeRollover();
    await rollover(conn, manager);
    expect(await tUsdc.reservedShares()).to.equal(USDC(25));
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(25));
  });

  it("claims through an operator, to another receiver, by redeem or withdraw, in parts", async () => {
    const { conn, manager, tUsdc, usdc, users } = await setup();
    const [alice, bob, carol] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(100), alice.address, alice.address);
    await rollover(conn, manager);
    expect(await tUsdc.maxRedeem(alice.address)).to.equal(USDC(100));
    expect(await tUsdc.maxWithdraw(alice.address)).to.equal(USDC(100));
    await expect(tUsdc.connect(bob).redeem(USDC(10), bob.address, alice.address))
      .to.be.revertedWithCustomError(tUsdc, "ReactorNotOperator")
      .withArgs(bob.address, alice.address);
    await tUsdc.connect(alice).setOperator(bob.address, true);
    await expect(tUsdc.connect(bob).redeem(USDC(10), carol.address, alice.address))
      .to.emit(tUsdc, "Withdraw")
      .withArgs(bob.address, carol.address, alice.address, USDC(10), USDC(10));
    expect(await usdc.balanceOf(carol.address)).to.equal(USDC(10_010));
    await tUsdc.connect(alice).withdraw(USDC(30), alice.address, alice.address);
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(60));
    await expect(tUsdc.connect(alice).redeem(USDC(61), alice.address, alice.address))
      .to.be.revertedWithCustomError(tUsdc, "ReactorExceedsClaimable")
      .withArgs(alice.address, USDC(61), USDC(60));
    await expect(tUsdc.connect(alice).redeem(USDC(1), conn.ethers.ZeroAddress, alice.address)).to.be.revertedWithCustomError(
      tUsdc,
      "ERC20InvalidReceiver",
    );
    await tUsdc.connect(alice).redeem(USDC(60), alice.address, alice.address);
    expect(await tUsdc.balanceOf(alice.address)).to.equal(0n);
    expect(await tUsdc.reservedShares()).to.equal(0n);
    expect(await tUsdc.totalSupply()).to.equal(0n);
  });

  it("previews of async redemptions revert, other previews are exact, non-zero request ids are empty", async () => {
    const { conn, manager, tUsdc, users } = await setup();
    const [alice] = users;
    await expect(tUsdc.previewRedeem(1)).to.be.revertedWithCustomError(tUsdc, "ReactorAsyncRedeem");
    await expect(tUsdc.previewWithdraw(1)).to.be.revertedWithCustomError(tUsdc, "ReactorAsyncRedeem");
    expect(await tUsdc.previewDeposit(USDC(5))).to.equal(USDC(5));
    expect(await tUsdc.previewMint(USDC(5))).to.equal(USDC(5));
    await tUsdc.connect(alice).deposit(USDC(5), alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(5), alice.address, alice.address);
    expect(await tUsdc.pendingRedeemRequest(1, alice.address)).to.equal(0n);
    await rollover(conn, manager);
    expect(await tUsdc.claimableRedeemRequest(1, alice.address)).to.equal(0n);
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(5));
  });
});
