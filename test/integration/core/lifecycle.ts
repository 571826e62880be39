import { expect } from "chai";
import { network } from "hardhat";
import { deployCore, rollover, RATE_ONE } from "../../helpers/core.js";

const USDC = (n: number) => BigInt(n) * 10n ** 6n;
const ETH = (n: number) => BigInt(n) * 10n ** 18n;

describe("core lifecycle: deposit, request, rollover, redeem over several cycles", () => {
  it("two USDC LPs deposit, one transfers, requests mature exactly at the right rollover", async () => {
    const conn = await network.create();
    const core = await deployCore(conn);
    const { manager, usdc, tUsdc, users } = core;
    const [alice, bob, carol] = users;
    const reactor = await tUsdc.getAddress();
    for (const [lp, amount] of [
      [alice, USDC(1_000)],
      [bob, USDC(500)],
    ] as const) {
      await usdc.mint(lp.address, amount);
      await usdc.connect(lp).approve(reactor, amount);
    }

    // Cycle 0: deposits mint 1:1 tAssets, pending until the rollover.
    await tUsdc.connect(alice).deposit(USDC(1_000), alice.address);
    await tUsdc.connect(bob).deposit(USDC(500), bob.address);
    expect(await tUsdc.balanceOf(alice.address)).to.equal(USDC(1_000));
    expect(await tUsdc.totalSupply()).to.equal(USDC(1_500));
    expect(await tUsdc.activeSupply()).to.equal(0n);
    expect(await usdc.balanceOf(reactor)).to.equal(USDC(1_500));

    // Alice asks for 300 in cycle 0: escrowed, pending, not claimable, not redeemable.
    await tUsdc.connect(alice).requestRedeem(USDC(300), alice.address, alice.address);
    expect(await tUsdc.balanceOf(alice.address)).to.equal(USDC(700));
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(USDC(300));
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(0n);
    expect(await tUsdc.maxRedeem(alice.address)).to.equal(0n);
    await expect(tUsdc.connect(alice).redeem(USDC(300), alice.address, alice.address))
      .to.be.revertedWithCustomError(tUsdc, "ReactorExceedsClaimable")
      .withArgs(alice.address, USDC(300), 0n);

    // Alice gives the 700 she still holds to Carol: the escrowed request is untouched.
    await tUsdc.connect(alice).transfer(carol.address, USDC(700));
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(USDC(300));
    expect(await tUsdc.pendingRedeemShares()).to.equal(USDC(300));

    // Rollover closing cycle 0: deposits become active, Alice's request matures, 300 reserved.
    await rollover(conn, manager);
    expect((await manager.state()).cycle).to.equal(1n);
    expect(await tUsdc.cycle()).to.equal(1n);
    // The matured 300 were burnt at the settlement: 1,200 are active.
    expect(await tUsdc.activeSupply()).to.equal(USDC(1_200));
    expect(await tUsdc.claimableRedeemRequest(0, alice.address)).to.equal(USDC(300));
    expect(await tUsdc.reservedAssets()).to.equal(USDC(300));

    // Alice redeems 300 tUSDC for 300 USDC (rate 1:1).
    await tUsdc.connect(alice).redeem(USDC(300), alice.address, alice.address);
    expect(await usdc.balanceOf(alice.address)).to.equal(USDC(300));
    expect(await tUsdc.balanceOf(alice.address)).to.equal(0n);
    expect(await tUsdc.totalSupply()).to.equal(USDC(1_200));
    expect(await tUsdc.reservedAssets()).to.equal(0n);
    expect(await usdc.balanceOf(reactor)).to.equal(USDC(1_200));

    // Carol (received 700 in cycle 0, active from cycle 2) requests 700 in cycle 1.
    await tUsdc.connect(carol).requestRedeem(USDC(700), carol.address, carol.address);
    await rollover(conn, manager); // closes cycle 1
    expect(await tUsdc.claimableRedeemRequest(0, carol.address)).to.equal(USDC(700));
    await tUsdc.connect(carol).withdraw(USDC(700), carol.address, carol.address);
    expect(await usdc.balanceOf(carol.address)).to.equal(USDC(700));

    // Bob waits two cycles, then exits in full.
    await rollover(conn, manager); // closes cycle 2
    await tUsdc.connect(bob).requestRedeem(USDC(500), bob.address, bob.address);
    await rollover(conn, manager); // closes cycle 3
    await tUsdc.connect(bob).redeem(USDC(500), bob.address, bob.address);
    expect(await usdc.balanceOf(bob.address)).to.equal(USDC(500));
    expect(await tUsdc.totalSupply()).to.equal(0n);
    expect(await usdc.balanceOf(reactor)).to.equal(0n);
    expect(await tUsdc.rate()).to.equal(RATE_ONE);
  });

  it("ETH in through the gateway and WETH directly, tWETH out as ETH and as WETH after the rollover", async () => {
    const conn = await network.create();
    const core = await deployCore(conn);
    const { ethers, manager, tWeth, gateway, weth, users } = core;
    const [alice, bob] = users;
    await gateway.connect(alice).depositETH(alice.address, { value: ETH(3) });
    expect(await tWeth.balanceOf(alice.address)).to.equal(ETH(3));
    expect(await weth.balanceOf(await tWeth.getAddress())).to.equal(ETH(3));
    // Bob wraps himself and deposits WETH as an ERC-20.
    await weth.connect(bob).deposit({ value: ETH(5) });
    await weth.connect(bob).approve(await tWeth.getAddress(), ETH(5));
    await tWeth.connect(bob).deposit(ETH(5), bob.address);
    expect(await tWeth.balanceOf(bob.address)).to.equal(ETH(5));
    expect(await weth.balanceOf(await tWeth.getAddress())).to.equal(ETH(8));
    await tWeth.connect(bob).requestRedeem(ETH(4), bob.address, bob.address);

    await tWeth.connect(alice).requestRedeem(ETH(2), alice.address, alice.address);
    await tWeth.connect(alice).setOperator(await gateway.getAddress(), true);
    await expect(
      gateway.connect(alice).redeemETH(ETH(2), alice.address, alice.address),
    ).to.be.revertedWithCustomError(tWeth, "ReactorExceedsClaimable");
    await rollover(conn, manager);

    const before = await ethers.provider.getBalance(alice.address);
    const receipt = await (
      await gateway.connect(alice).redeemETH(ETH(2), alice.address, alice.address)
    ).wait();
    const fee = receipt!.gasUsed * receipt!.gasPrice;
    expect(await ethers.provider.getBalance(alice.address)).to.equal(before + ETH(2) - fee);
    expect(await tWeth.balanceOf(alice.address)).to.equal(ETH(1));
    expect(await ethers.provider.getBalance(await gateway.getAddress())).to.equal(0n);
    expect(await weth.balanceOf(await gateway.getAddress())).to.equal(0n);

    await tWeth.connect(bob).redeem(ETH(4), bob.address, bob.address);
    expect(await weth.balanceOf(bob.address)).to.equal(ETH(4));
    expect(await tWeth.balanceOf(bob.address)).to.equal(ETH(1));
    expect(await weth.balanceOf(await tWeth.getAddress())).to.equal(ETH(2));
    expect(await tWeth.totalSupply()).to.equal(ETH(2));
  });
});
