// Coverage of the V2-style adapter's remaining guards on real Uniswap V2 bytecode: swap paths of
// the wrong length, a zero swap, a hop with no pair, a pair that exists but holds no reserves,
// zero deposits, and the position of an adapter that holds no LP tokens.
import { expect } from "chai";
import { network } from "hardhat";
import {
  latestTimestamp,
  MAX_FEED_AGE,
  MAX_WINDOW,
  MIN_WINDOW,
  venueFixture,
} from "../../helpers/venue-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = () => venueFixture(ethers);
const HOUR = 3600n;
const E18 = 10n ** 18n;

describe("coverage: UniswapV2StyleAdapter guards", function () {
  async function setup() {
    const v = await networkHelpers.loadFixture(fixture);
    const adapter = v.uniswapAdapter.connect(v.allocator);
    const deadline = (await latestTimestamp(ethers)) + HOUR;
    return { v, adapter, deadline };
  }

  it("refuses a swap path shorter than two tokens or longer than MAX_SWAP_HOPS + 1", async function () {
    const { v, adapter, deadline } = await setup();
    const hops = await v.uniswapAdapter.MAX_SWAP_HOPS();
    const t = v.tokenAddress;
    const w = v.baseAddress;
    const tooLong = Array.from({ length: Number(hops) + 2 }, (_, i) => (i % 2 === 0 ? t : w));
    for (const path of [[], [t], tooLong]) {
      await expect(adapter.swapExactIn(path, E18, 0n, deadline))
        .to.be.revertedWithCustomError(v.uniswapAdapter, "VenueAdapterBadPath")
        .withArgs(path.length);
    }
    await expect(adapter.swapExactIn([t, w], 0n, 0n, deadline)).to.be.revertedWithCustomError(
      v.uniswapAdapter,
      "VenueAdapterZeroAmount",
    );
    // A two-token path passes the guard: TKN in, WETH out.
    const before = await v.world.weth.balanceOf(v.allocator.address);
    await adapter.swapExactIn([t, w], E18, 1n, deadline);
    expect(await v.world.weth.balanceOf(v.allocator.address)).to.be.greaterThan(before);
  });

  it("refuses a hop whose pair does not exist, naming both tokens, and moves nothing", async function () {
    const { v, adapter, deadline } = await setup();
    const other = await ethers.deployContract("TestERC20", ["Other", "OTH", 18]);
    const o = await other.getAddress();
    const before = await v.token.balanceOf(v.allocator.address);
    await expect(adapter.swapExactIn([v.tokenAddress, o], E18, 0n, deadline))
      .to.be.revertedWithCustomError(v.uniswapAdapter, "VenueAdapterPoolNotFound")
      .withArgs(v.tokenAddress, o);
    await expect(adapter.swapExactIn([v.tokenAddress, v.baseAddress, o], E18, 0n, deadline))
      .to.be.revertedWithCustomError(v.uniswapAdapter, "VenueAdapterPoolNotFound")
      .withArgs(v.baseAddress, o);
    expect(await v.token.balanceOf(v.allocator.address)).to.equal(before);
  });

  it("refuses to add to a pair with no reserves, and a zero side of a deposit", async function () {
    const { v, adapter, deadline } = await setup();
    const other = await ethers.deployContract("TestERC20", ["Other", "OTH", 18]);
    const o = await other.getAddress();
    // The pair exists (created, never funded): it is not a pool to join at a price.
    await v.world.uniswap.factory.createPair(v.tokenAddress, o);
    expect(await v.uniswapAdapter.hasPool(v.tokenAddress, o)).to.equal(false);
    await expect(adapter.addLiquidity(v.tokenAddress, o, E18, E18, 0n, 0n, deadline))
      .to.be.revertedWithCustomError(v.uniswapAdapter, "VenueAdapterPoolNotFound")
      .withArgs(v.tokenAddress, o);
    for (const [tokenAmount, baseAmount] of [
      [0n, E18],
      [E18, 0n],
    ]) {
      await expect(
        adapter.addLiquidity(
          v.tokenAddress,
          v.baseAddress,
          tokenAmount,
          baseAmount,
          0n,
          0n,
          deadline,
        ),
      ).to.be.revertedWithCustomError(v.uniswapAdapter, "VenueAdapterZeroAmount");
    }
  });

  it("an adapter holding no LP tokens reports an empty position, at the pool's price or any other", async function () {
    const { v } = await setup();
    expect(await v.uniswapAdapter.position(v.tokenAddress, v.baseAddress)).to.deep.equal([
      0n,
      0n,
      0n,
    ]);
    expect(
      await v.uniswapAdapter.positionAt(v.tokenAddress, v.baseAddress, 2n ** 112n),
    ).to.deep.equal([0n, 0n, 0n]);
    expect(await v.uniswapAdapter.factory()).to.equal(await v.world.uniswap.factory.getAddress());
  });
});

describe("coverage: TwapOracle wiring", function () {
  it("reads back the factory and the bounds it was built with", async function () {
    const v = await networkHelpers.loadFixture(fixture);
    expect(await v.oracle.factory()).to.equal(await v.world.uniswap.factory.getAddress());
    expect(await v.oracle.minWindow()).to.equal(MIN_WINDOW);
    expect(await v.oracle.maxWindow()).to.equal(MAX_WINDOW);
    expect(await v.oracle.maxFeedAge()).to.equal(MAX_FEED_AGE);
  });
});
