import { expect } from "chai";
import { network } from "hardhat";
import { deployCore, rollover } from "../../helpers/core.js";

const USDC = (n: number) => BigInt(n) * 10n ** 6n;

/** ERC-165 id: the XOR of the selectors of `sigs`. */
function interfaceId(ethers: { id(s: string): string }, sigs: string[]): string {
  const x = sigs.map((s) => BigInt(ethers.id(s).slice(0, 10))).reduce((a, b) => a ^ b, 0n);
  return "0x" + x.toString(16).padStart(8, "0");
}

/**
 * ERC-7540 (asynchronous redemption), ERC-7575 and ERC-7887 as written: each test is named after
 * the rule of the EIP text it checks.
 */
describe("Reactor: ERC-7540 redemption requests", () => {
  async function setup() {
    const conn = await network.create();
    const core = await deployCore(conn);
    const { usdc, tUsdc, users } = core;
    for (const u of users.slice(0, 4)) {
      await usdc.mint(u.address, USDC(10_000));
      await usdc.connect(u).approve(await tUsdc.getAddress(), conn.ethers.MaxUint256);
    }
    return { conn, ...core, reactor: await tUsdc.getAddress() };
  }

  it("ERC-165: MUST be true for 0xe3bc4e65, 0x2f0a18c5, 0x620ee8e4, the ERC-7575 share id and ERC-7887's", async () => {
    const { conn, tUsdc } = await setup();
    const operatorId = interfaceId(conn.ethers, [
      "setOperator(address,bool)",
      "isOperator(address,address)",
    ]);
    const redeemId = interfaceId(conn.ethers, [
      "requestRedeem(uint256,address,address)",
      "pendingRedeemRequest(uint256,address)",
      "claimableRedeemRequest(uint256,address)",
    ]);
    const cancelId = interfaceId(conn.ethers, [
      "cancelRedeemRequest(uint256,address)",
      "pendingCancelRedeemRequest(uint256,address)",
      "claimableCancelRedeemRequest(uint256,address)",
      "claimCancelRedeemRequest(uint256,address,address)",
    ]);
    const erc7575Id = interfaceId(conn.ethers, [
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
    expect(cancelId).to.equal("0xe76cffc7");
    for (const i of ["0x01ffc9a7", operatorId, redeemId, erc7575Id, "0xf815c03d", cancelId])
      expect(await tUsdc.supportsInterface(i), i).to.equal(true);
    expect(await tUsdc.supportsInterface("0xce3bbe50")).to.equal(false); // async deposit: not supported
    expect(await tUsdc.supportsInterface("0xffffffff")).to.equal(false);
  });

  it("ERC-7575: share() is the vault, vault(asset) is the Reactor (0 for another asset), VaultUpdate at deployment", async () => {
    const { conn, tUsdc, usdc, reactor } = await setup();
    expect(await tUsdc.share()).to.equal(reactor);
    expect(await tUsdc.vault(await usdc.getAddress())).to.equal(reactor);
    expect(await tUsdc.vault(conn.ethers.ZeroAddress)).to.equal(conn.ethers.ZeroAddress);
    const receipt = await tUsdc.deploymentTransaction()?.wait();
    const logs = (receipt?.logs ?? []).filter((l) => l.address === reactor);
    const parsed = logs
      .map((l) => tUsdc.interface.parseLog(l))
      .filter((l) => l?.name === "VaultUpdate");
    expect(parsed.length).to.equal(1);
    expect(parsed[0]?.args).to.deep.equal([await usdc.getAddress(), reactor]);
  });

  it("ERC-7540: the shares MUST be removed from the owner's custody upon requestRedeem (escrowed, not transferable)", async () => {
    const { tUsdc, users, reactor } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await expect(tUsdc.connect(alice).requestRedeem(USDC(70), alice.address, alice.address))
      .to.emit(tUsdc, "Transfer")
      .withArgs(alice.address, reactor, USDC(70));
    expect(await tUsdc.balanceOf(alice.address)).to.equal(USDC(30));
    expect(await tUsdc.balanceOf(reactor)).to.equal(USDC(70));
    expect(await tUsdc.totalSupply()).to.equal(USDC(100));
    await expect(tUsdc.connect(alice).transfer(bob.address, USDC(31)))
      .to.be.revertedWithCustomError(tUsdc, "ERC20InsufficientBalance")
      .withArgs(alice.address, USDC(30), USDC(31));
    // A transfer of what is left does not touch the request.
    await tUsdc.connect(alice).transfer(bob.address, USDC(30));
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(USDC(70));
    // Nobody can send tAssets into the escrow by hand.
    await expect(tUsdc.connect(bob).transfer(reactor, 1n))
      .to.be.revertedWithCustomError(tUsdc, "ERC20InvalidReceiver")
      .withArgs(reactor);
  });

  it("ERC-7540: requestRedeem MUST revert if all of shares cannot be requested, and MUST emit RedeemRequest", async () => {
    const { tUsdc, users } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await expect(tUsdc.connect(alice).requestRedeem(USDC(100) + 1n, alice.address, alice.address))
      .to.be.revertedWithCustomError(tUsdc, "ReactorRequestExceedsBalance")
      .withArgs(alice.address, USDC(100) + 1n, USDC(100));
    await expect(
      tUsdc.connect(alice).requestRedeem(0, alice.address, alice.address),
    ).to.be.revertedWithCustomError(tUsdc, "ReactorZeroShares");
    await expect(
      tUsdc.connect(alice).requestRedeem(1, "0x" + "00".repeat(20), alice.address),
    ).to.be.revertedWithCustomError(tUsdc, "ReactorZeroController");
    await expect(tUsdc.connect(alice).requestRedeem(USDC(100), bob.address, alice.address))
      .to.emit(tUsdc, "RedeemRequest")
      .withArgs(bob.address, alice.address, 0n, alice.address, USDC(100));
  });

  it("ERC-7540: requestId 0 aggregates a controller's requests (they add up, from several owners)", async () => {
    const { conn, manager, tUsdc, usdc, users } = await setup();
    const [alice, bob, carol] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await tUsdc.connect(bob).deposit(USDC(100), bob.address);
    await tUsdc.connect(alice).requestRedeem(USDC(30), carol.address, alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(20), carol.address, alice.address);
    await tUsdc.connect(bob).requestRedeem(USDC(50), carol.address, bob.address);
    expect(await tUsdc.pendingRedeemRequest(0, carol.address)).to.equal(USDC(100));
    expect(await tUsdc.pendingRedeemShares()).to.equal(USDC(100));
    await rollover(conn, manager);
    expect(await tUsdc.claimableRedeemRequest(0, carol.address)).to.equal(USDC(100));
    expect(await tUsdc.pendingRedeemRequest(0, carol.address)).to.equal(0n);
    // The controller gets the assets; the owners only gave up their shares.
    await tUsdc.connect(carol).redeem(USDC(100), carol.address, carol.address);
    expect(await usdc.balanceOf(carol.address)).to.equal(USDC(10_100));
    expect(await tUsdc.balanceOf(alice.address)).to.equal(USDC(50));
    expect(await tUsdc.balanceOf(bob.address)).to.equal(USDC(50));
  });

  it("ERC-7540: a controller's Pending and Claimable requests coexist", async () => {
    const { conn, manager, tUsdc, users } = await setup();
    const [alice] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(40), alice.address, alice.address);
    await rollover(conn, manager);
    await tUsdc.connect(alice).requestRedeem(USDC(25), alice.address, alice.address);
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(40));
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(USDC(25));
    await tUsdc.connect(alice).redeem(USDC(10), alice.address, alice.address);
    await rollover(conn, manager);
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(55));
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(0n);
  });

  it("ERC-7540: owner != msg.sender is accepted through an operator of the owner or an ERC-20 allowance (spent)", async () => {
    const { conn, tUsdc, users } = await setup();
    const [alice, bob, carol] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await expect(tUsdc.connect(bob).requestRedeem(USDC(1), bob.address, alice.address))
      .to.be.revertedWithCustomError(tUsdc, "ERC20InsufficientAllowance")
      .withArgs(bob.address, 0n, USDC(1));
    // A finite allowance is spent by the request ...
    await tUsdc.connect(alice).approve(bob.address, USDC(10));
    await tUsdc.connect(bob).requestRedeem(USDC(4), bob.address, alice.address);
    expect(await tUsdc.allowance(alice.address, bob.address)).to.equal(USDC(6));
    await expect(
      tUsdc.connect(bob).requestRedeem(USDC(7), bob.address, alice.address),
    ).to.be.revertedWithCustomError(tUsdc, "ERC20InsufficientAllowance");
    // ... an infinite one is not deducted ...
    await tUsdc.connect(alice).approve(carol.address, conn.ethers.MaxUint256);
    await tUsdc.connect(carol).requestRedeem(USDC(5), carol.address, alice.address);
    expect(await tUsdc.allowance(alice.address, carol.address)).to.equal(conn.ethers.MaxUint256);
    // ... and an operator needs none.
    await tUsdc.connect(alice).approve(bob.address, 0);
    await tUsdc.connect(alice).setOperator(bob.address, true);
    await expect(tUsdc.connect(bob).requestRedeem(USDC(9), bob.address, alice.address))
      .to.emit(tUsdc, "RedeemRequest")
      .withArgs(bob.address, alice.address, 0n, bob.address, USDC(9));
    expect(await tUsdc.allowance(alice.address, bob.address)).to.equal(0n);
    expect(await tUsdc.pendingRedeemRequest(0, bob.address)).to.equal(USDC(13));
  });

  it("ERC-7540: redeem/withdraw: the controller MUST be msg.sender unless it approved msg.sender as operator", async () => {
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
    await expect(tUsdc.connect(alice).setOperator(bob.address, true))
      .to.emit(tUsdc, "OperatorSet")
      .withArgs(alice.address, bob.address, true);
    expect(await tUsdc.connect(alice).setOperator.staticCall(bob.address, true)).to.equal(true);
    expect(await tUsdc.isOperator(alice.address, bob.address)).to.equal(true);
    await expect(tUsdc.connect(bob).redeem(USDC(10), carol.address, alice.address))
      .to.emit(tUsdc, "Withdraw")
      .withArgs(bob.address, carol.address, alice.address, USDC(10), USDC(10));
    expect(await usdc.balanceOf(carol.address)).to.equal(USDC(10_010));
    await tUsdc.connect(alice).withdraw(USDC(30), alice.address, alice.address);
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(60));
    await expect(tUsdc.connect(alice).redeem(USDC(61), alice.address, alice.address))
      .to.be.revertedWithCustomError(tUsdc, "ReactorExceedsClaimable")
      .withArgs(alice.address, USDC(61), USDC(60));
    await expect(
      tUsdc.connect(alice).redeem(USDC(1), conn.ethers.ZeroAddress, alice.address),
    ).to.be.revertedWithCustomError(tUsdc, "ERC20InvalidReceiver");
    await tUsdc.connect(alice).setOperator(bob.address, false);
    await expect(
      tUsdc.connect(bob).redeem(USDC(1), bob.address, alice.address),
    ).to.be.revertedWithCustomError(tUsdc, "ReactorNotOperator");
    await tUsdc.connect(alice).redeem(USDC(60), alice.address, alice.address);
    expect(await tUsdc.totalSupply()).to.equal(0n);
    expect(await tUsdc.reservedAssets()).to.equal(0n);
  });

  it("ERC-7540: MUST NOT skip the Claimable state nor push assets; shares are burnt by the time they are claimed", async () => {
    const { conn, manager, tUsdc, usdc, users, reactor } = await setup();
    const [alice] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(100), alice.address, alice.address);
    const balance = await usdc.balanceOf(alice.address);
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await manager.startRollover();
    await expect(manager.processReactors(64))
      .to.emit(tUsdc, "Transfer")
      .withArgs(reactor, conn.ethers.ZeroAddress, USDC(100));
    await manager.completeRollover();
    expect(await usdc.balanceOf(alice.address)).to.equal(balance);
    expect(await tUsdc.totalSupply()).to.equal(0n);
    expect(await tUsdc.balanceOf(reactor)).to.equal(0n);
    expect(await tUsdc.coveredAssets()).to.equal(USDC(100));
    await tUsdc.connect(alice).redeem(USDC(100), alice.address, alice.address);
    expect(await usdc.balanceOf(alice.address)).to.equal(balance + USDC(100));
  });

  it("ERC-7540: previewRedeem and previewWithdraw MUST revert; views MUST NOT vary with the caller; other request ids are empty", async () => {
    const { conn, manager, tUsdc, users } = await setup();
    const [alice, bob] = users;
    await expect(tUsdc.previewRedeem(1)).to.be.revertedWithCustomError(tUsdc, "ReactorAsyncRedeem");
    await expect(tUsdc.previewWithdraw(1)).to.be.revertedWithCustomError(
      tUsdc,
      "ReactorAsyncRedeem",
    );
    await tUsdc.connect(alice).deposit(USDC(5), alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(5), alice.address, alice.address);
    expect(await tUsdc.connect(bob).pendingRedeemRequest(0, alice.address)).to.equal(USDC(5));
    expect(await tUsdc.connect(alice).pendingRedeemRequest(0, alice.address)).to.equal(USDC(5));
    expect(await tUsdc.pendingRedeemRequest(1, alice.address)).to.equal(0n);
    await rollover(conn, manager);
    expect(await tUsdc.connect(bob).claimableRedeemRequest(0, alice.address)).to.equal(USDC(5));
    expect(await tUsdc.claimableRedeemRequest(1, alice.address)).to.equal(0n);
  });

  it("ERC-7887: cancels the whole pending request; the shares are claimed back to any receiver; a matured one cannot be", async () => {
    const { conn, manager, tUsdc, users, reactor } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await tUsdc.connect(alice).requestRedeem(USDC(30), alice.address, alice.address);
    await rollover(conn, manager);
    await tUsdc.connect(alice).requestRedeem(USDC(50), alice.address, alice.address);
    await expect(tUsdc.connect(bob).cancelRedeemRequest(0, alice.address))
      .to.be.revertedWithCustomError(tUsdc, "ReactorNotOperator")
      .withArgs(bob.address, alice.address);
    await expect(tUsdc.connect(alice).cancelRedeemRequest(0, alice.address))
      .to.emit(tUsdc, "CancelRedeemRequest")
      .withArgs(alice.address, 0n, alice.address);
    expect(await tUsdc.pendingCancelRedeemRequest(0, alice.address)).to.equal(false);
    expect(await tUsdc.claimableCancelRedeemRequest(0, alice.address)).to.equal(USDC(50));
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(0n);
    expect(await tUsdc.pendingRedeemShares()).to.equal(0n);
    // The matured 30 stay claimable; nothing is left to cancel.
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(30));
    await expect(tUsdc.connect(alice).cancelRedeemRequest(0, alice.address))
      .to.be.revertedWithCustomError(tUsdc, "ReactorNothingToCancel")
      .withArgs(alice.address);
    // The cancelled shares are still tAssets, in escrow until claimed back.
    expect(await tUsdc.balanceOf(reactor)).to.equal(USDC(50));
    expect(await tUsdc.totalSupply()).to.equal(USDC(70));
    await expect(tUsdc.connect(alice).claimCancelRedeemRequest(0, bob.address, alice.address))
      .to.emit(tUsdc, "CancelRedeemClaim")
      .withArgs(alice.address, bob.address, 0n, alice.address, USDC(50))
      .and.to.emit(tUsdc, "Transfer")
      .withArgs(reactor, bob.address, USDC(50));
    expect(await tUsdc.balanceOf(bob.address)).to.equal(USDC(50));
    expect(await tUsdc.balanceOf(reactor)).to.equal(0n);
    await expect(
      tUsdc.connect(alice).claimCancelRedeemRequest(0, bob.address, alice.address),
    ).to.be.revertedWithCustomError(tUsdc, "ReactorNothingToCancel");
    await rollover(conn, manager);
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(30));
    expect(await tUsdc.activeBalanceOf(bob.address)).to.equal(USDC(50));
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
    await tUsdc.connect(alice).requestRedeem(USDC(5), alice.address, alice.address);
    expect((await tUsdc.redeemRequest(bob.address)).request.cycle).to.equal(1n);
    await manager.startRollover();
    // tWETH is settled first; tUSDC is not settled yet when Alice requests again.
    await manager.processReactors(1);
    expect(await tWeth.cycle()).to.equal(2n);
    expect(await tUsdc.cycle()).to.equal(1n);
    await tUsdc.connect(alice).requestRedeem(USDC(40), alice.address, alice.address);
    const [request, next] = await tUsdc.redeemRequest(alice.address);
    expect([request.shares, request.cycle, next]).to.deep.equal([USDC(5), 1n, USDC(40)]);
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(USDC(45));
    await manager.processReactors(1);
    await manager.completeRollover();
    // Bob's and Alice's first requests (before the rollover started) matured; her second did not.
    expect(await tUsdc.claimableRedeemRequest(0, bob.address)).to.equal(USDC(10));
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(5));
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(USDC(40));
    await expect(tUsdc.connect(alice).redeem(USDC(45), alice.address, alice.address))
      .to.be.revertedWithCustomError(tUsdc, "ReactorExceedsClaimable")
      .withArgs(alice.address, USDC(45), USDC(5));
    expect(await tUsdc.pendingRedeemShares()).to.equal(USDC(40));
    await rollover(conn, manager); // closes cycle 2
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(45));
    const before = await usdc.balanceOf(alice.address);
    await tUsdc.connect(alice).redeem(USDC(45), alice.address, alice.address);
    expect(await usdc.balanceOf(alice.address)).to.equal(before + USDC(45));
  });

  it("a request made in the same second as startRollover, before that Reactor is settled, matures one cycle later", async () => {
    const { conn, manager, tUsdc, users } = await setup();
    const [alice] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await rollover(conn, manager);
    const end = await manager.cycleEnd();
    await conn.networkHelpers.time.setNextBlockTimestamp(end);
    // Both transactions in one block, so in the same second: the rollover first, then the request.
    await conn.provider.request({ method: "evm_setAutomine", params: [false] });
    const start = await manager.startRollover();
    const request = await tUsdc
      .connect(alice)
      .requestRedeem(USDC(60), alice.address, alice.address, { gasLimit: 500_000 });
    await conn.provider.request({ method: "evm_mine", params: [] });
    await conn.provider.request({ method: "evm_setAutomine", params: [true] });
    const [r1, r2] = [await start.wait(), await request.wait()];
    expect(r1?.blockNumber).to.equal(r2?.blockNumber);
    expect((await conn.ethers.provider.getBlock(r1!.blockNumber))?.timestamp).to.equal(Number(end));
    expect((await tUsdc.redeemRequest(alice.address)).request.cycle).to.equal(2n);
    await manager.processReactors(64);
    await manager.completeRollover();
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(0n);
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(USDC(60));
    await rollover(conn, manager);
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(60));
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
    expect((await tWeth.redeemRequest(alice.address)).request.cycle).to.equal(1n);
    await manager.processReactors(1);
    await manager.completeRollover();
    expect(await tWeth.claimableRedeemRequest(0, alice.address)).to.equal(0n);
    await rollover(conn, manager);
    expect(await tWeth.claimableRedeemRequest(0, alice.address)).to.equal(10n ** 18n);
  });
});
