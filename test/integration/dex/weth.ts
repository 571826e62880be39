import { expect } from "chai";
import { network } from "hardhat";
import { dexFixture, E18 } from "../../helpers/dex-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = () => dexFixture(ethers);

describe("WETH9 (bytecode from @uniswap/v2-periphery)", function () {
  it("wraps ETH 1:1 on deposit and unwraps it on withdraw", async function () {
    const { world, lp } = await networkHelpers.loadFixture(fixture);
    const weth = world.weth.connect(lp);
    const wethAddress = await weth.getAddress();
    const ethBefore = await ethers.provider.getBalance(lp.address);

    const deposit = await (await weth.deposit({ value: 3n * E18 })).wait();
    expect(await weth.balanceOf(lp.address)).to.equal(3n * E18);
    expect(await ethers.provider.getBalance(wethAddress)).to.equal(3n * E18);
    expect(await weth.totalSupply()).to.equal(3n * E18);

    const withdraw = await (await weth.withdraw(E18)).wait();
    expect(await weth.balanceOf(lp.address)).to.equal(2n * E18);
    expect(await ethers.provider.getBalance(wethAddress)).to.equal(2n * E18);
    const gas = (deposit?.fee ?? 0n) + (withdraw?.fee ?? 0n);
    expect(await ethers.provider.getBalance(lp.address)).to.equal(ethBefore - 2n * E18 - gas);
  });

  // Unlike mainnet's WETH9, the npm build has no payable fallback: code (adapters, keepers)
  // must wrap with deposit(), never with a plain ETH transfer.
  it("rejects plain ETH transfers and withdrawals above the balance", async function () {
    const { world, trader } = await networkHelpers.loadFixture(fixture);
    const weth = world.weth.connect(trader);
    await expect(trader.sendTransaction({ to: weth, value: E18 })).to.be.revert(ethers);
    await (await weth.deposit({ value: E18 })).wait();
    await expect(weth.withdraw(E18 + 1n)).to.be.revert(ethers);
    expect(await weth.balanceOf(trader.address)).to.equal(E18);
  });
});
