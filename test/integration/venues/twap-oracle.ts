import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";
import { swapV2 } from "../../../scripts/lib/v2.js";
import { E18 } from "../../helpers/dex-fixture.js";
import {
  latestTimestamp,
  MAX_FEED_AGE,
  MAX_WINDOW,
  MIN_WINDOW,
  priceX112,
  SEED_BASE,
  SEED_TOKEN,
  venueFixture,
} from "../../helpers/venue-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = () => venueFixture(ethers);

/** The pair's own UQ112x112 price of the token in the base: (baseReserve << 112) / tokenReserve. */
const pairPrice = (tokenReserve: bigint, baseReserve: bigint) => (baseReserve << 112n) / tokenReserve;

describe("TwapOracle (Uniswap V2 cumulative prices)", function () {
  async function setup() {
    const v = await networkHelpers.loadFixture(fixture);
    // The fixture's last transaction tracked TKN/WETH: that block is the first observation.
    const t0 = await latestTimestamp(ethers);
    const tokenIs0 = BigInt(v.tokenAddress) < BigInt(v.baseAddress);
    const reserves = async () => {
      const [r0, r1] = await v.uniswapPair.getReserves();
      return tokenIs0 ? { token: r0, base: r1 } : { token: r1, base: r0 };
    };
    return { v, oracle: v.oracle, t0, reserves };
  }

  it("checks its bounds and addresses at construction", async function () {
    const { v } = await setup();
    const Oracle = await ethers.getContractFactory("TwapOracle");
    const factory = await v.world.uniswap.factory.getAddress();
    const g = await v.roles.getAddress();
    const deploy = (a: string, b: string, min: bigint, max: bigint, age: bigint) => Oracle.deploy(a, b, min, max, age);
    await expect(deploy(ZeroAddress, g, MIN_WINDOW, MAX_WINDOW, MAX_FEED_AGE)).to.be.revertedWithCustomError(Oracle, "TwapOracleZeroAddress");
    await expect(deploy(factory, ZeroAddress, MIN_WINDOW, MAX_WINDOW, MAX_FEED_AGE)).to.be.revertedWithCustomError(Oracle, "RoleGatedZeroRoles");
    for (const [min, max, age] of [
      [9n * 60n, MAX_WINDOW, MAX_FEED_AGE], // window under the 10-minute floor
      [MIN_WINDOW, MIN_WINDOW, MAX_FEED_AGE], // max not above min
      [MIN_WINDOW, 31n * 24n * 3600n, MAX_FEED_AGE], // max over 30 days
      [MIN_WINDOW, MAX_WINDOW, 0n], // no feed age
      [MIN_WINDOW, MAX_WINDOW, 3n * 24n * 3600n], // feed age over 2 days
    ]) {
      await expect(deploy(factory, g, min, max, age))
        .to.be.revertedWithCustomError(Oracle, "TwapOracleBadBounds")
        .withArgs(min, max, age);
    }
  });

  it("tracks only a factory pair that has reserves, once", async function () {
    const { v, oracle } = await setup();
    await expect(oracle.track(v.tokenAddress, v.baseAddress))
      .to.be.revertedWithCustomError(oracle, "TwapOracleAlreadyTracked")
      .withArgs(v.tokenAddress, v.baseAddress);
    const other = await ethers.deployContract("TestERC20", ["Other", "OTH", 18]);
    const otherAddress = await other.getAddress();
    await expect(oracle.track(otherAddress, v.baseAddress))
      .to.be.revertedWithCustomError(oracle, "TwapOracleNoPair")
      .withArgs(otherAddress, v.baseAddress);
    await (await v.world.uniswap.factory.createPair(otherAddress, v.baseAddress)).wait();
    await expect(oracle.track(otherAddress, v.baseAddress)).to.be.revertedWithCustomError(oracle, "TwapOracleNoPair");
    await expect(oracle.consult(otherAddress, v.baseAddress))
      .to.be.revertedWithCustomError(oracle, "TwapOracleNotTracked")
      .withArgs(otherAddress, v.baseAddress);
    await expect(oracle.update(otherAddress, v.baseAddress)).to.be.revertedWithCustomError(oracle, "TwapOracleNotTracked");
  });

  it("has no answer until an observation is at least minWindow old", async function () {
    const { v, oracle, t0 } = await setup();
    await networkHelpers.time.increaseTo(t0 + MIN_WINDOW - 1n);
    await expect(oracle.consult(v.tokenAddress, v.baseAddress))
      .to.be.revertedWithCustomError(oracle, "TwapOracleStale")
      .withArgs(v.tokenAddress, v.baseAddress, MIN_WINDOW - 1n);
    await networkHelpers.time.increaseTo(t0 + MIN_WINDOW);
    expect(await oracle.consult(v.tokenAddress, v.baseAddress)).to.equal(pairPrice(SEED_TOKEN, SEED_BASE));
  });

  it("answers the time-weighted average of the pair's price over the window", async function () {
    const { v, oracle, t0, reserves } = await setup();
    const p0 = pairPrice(SEED_TOKEN, SEED_BASE);
    // 10 minutes at the seed price, then a trade moves it, then 20 minutes at the new price.
    await networkHelpers.time.setNextBlockTimestamp(t0 + 600n);
    await swapV2(v.world.uniswap, v.uniswapPair, v.world.weth, 50n * E18, v.trader);
    const r = await reserves();
    const p1 = pairPrice(r.token, r.base);
    expect(p1).to.be.greaterThan((p0 * 109n) / 100n);
    await networkHelpers.time.increaseTo(t0 + 1800n);
    // The swap's approval mined a block first: find when the new price started.
    const [, , swapTime] = await v.uniswapPair.getReserves();
    const tp = BigInt(swapTime);
    expect(await oracle.consult(v.tokenAddress, v.baseAddress)).to.equal((p0 * (tp - t0) + p1 * (t0 + 1800n - tp)) / 1800n);
  });

  it("is not moved by a price manipulation in the block it is read", async function () {
    const { v, oracle, t0, reserves } = await setup();
    await networkHelpers.time.increaseTo(t0 + 3600n);
    const before = await oracle.consult(v.tokenAddress, v.baseAddress);
    // More than halve TKN's price with a huge sale, then read in that same block.
    await swapV2(v.world.uniswap, v.uniswapPair, v.token, 250_000n * E18, v.trader);
    const r = await reserves();
    expect(priceX112(r.token, r.base)).to.be.lessThan(before / 2n);
    const after = await oracle.consult(v.tokenAddress, v.baseAddress);
    // Only the seconds the approval and swap blocks added (at most 2 of ~3600) carry the new price.
    expect(after).to.be.greaterThan(before - before / 1000n);
  });

  it("keeps observations minWindow apart and reads from the newest old enough", async function () {
    const { v, oracle, t0, reserves } = await setup();
    // Too early: nothing recorded.
    await networkHelpers.time.setNextBlockTimestamp(t0 + MIN_WINDOW - 1n);
    await expect(oracle.update(v.tokenAddress, v.baseAddress)).to.not.emit(oracle, "ObservationRecorded");
    const p0 = pairPrice(SEED_TOKEN, SEED_BASE);
    await networkHelpers.time.setNextBlockTimestamp(t0 + MIN_WINDOW);
    await expect(oracle.update(v.tokenAddress, v.baseAddress)).to.emit(oracle, "ObservationRecorded");
    const t1 = t0 + MIN_WINDOW;
    // Move the price right after the second observation.
    await swapV2(v.world.uniswap, v.uniswapPair, v.world.weth, 50n * E18, v.trader);
    const [, , swapTime] = await v.uniswapPair.getReserves();
    const tp = BigInt(swapTime);
    const r = await reserves();
    const p1 = pairPrice(r.token, r.base);
    // 60 s after t1 the newest observation is too young: the average runs from t0.
    await networkHelpers.time.increaseTo(t1 + 60n);
    const fromT0 = (p0 * (tp - t0) + p1 * (t1 + 60n - tp)) / (t1 + 60n - t0);
    expect(await oracle.consult(v.tokenAddress, v.baseAddress)).to.equal(fromT0);
    // Once it is minWindow old, the average runs from t1.
    await networkHelpers.time.increaseTo(t1 + MIN_WINDOW);
    const fromT1 = (p0 * (tp - t1) + p1 * (t1 + MIN_WINDOW - tp)) / MIN_WINDOW;
    expect(await oracle.consult(v.tokenAddress, v.baseAddress)).to.equal(fromT1);
  });

  it("goes stale after maxWindow, then answers from a fresh fallback feed only", async function () {
    const { v, oracle, t0 } = await setup();
    const feed = await ethers.deployContract("MockPriceFeed");
    await networkHelpers.time.increaseTo(t0 + MAX_WINDOW);
    expect(await oracle.consult(v.tokenAddress, v.baseAddress)).to.equal(pairPrice(SEED_TOKEN, SEED_BASE));
    await networkHelpers.time.increaseTo(t0 + MAX_WINDOW + 1n);
    await expect(oracle.consult(v.tokenAddress, v.baseAddress))
      .to.be.revertedWithCustomError(oracle, "TwapOracleStale")
      .withArgs(v.tokenAddress, v.baseAddress, MAX_WINDOW + 1n);

    await expect(oracle.connect(v.attacker).setFallbackFeed(v.tokenAddress, v.baseAddress, feed))
      .to.be.revertedWithCustomError(oracle, "RoleGatedUnauthorized")
      .withArgs(v.attacker.address, await v.roles.GOVERNANCE_ROLE());
    await expect(oracle.connect(v.governance).setFallbackFeed(v.tokenAddress, v.baseAddress, feed))
      .to.emit(oracle, "FallbackFeedSet")
      .withArgs(v.tokenAddress, v.baseAddress, await feed.getAddress());
    expect(await oracle.fallbackFeed(v.tokenAddress, v.baseAddress)).to.equal(await feed.getAddress());

    const feedPrice = priceX112(500n, 1n); // 0.002
    // Reads run at the latest block's time: pin it to know the feed's age exactly.
    const t = (await latestTimestamp(ethers)) + 10n;
    await networkHelpers.time.setNextBlockTimestamp(t);
    await (await feed.set(feedPrice, t - MAX_FEED_AGE)).wait();
    expect(await oracle.consult(v.tokenAddress, v.baseAddress)).to.equal(feedPrice);
    await networkHelpers.time.setNextBlockTimestamp(t + 1n);
    await (await feed.set(feedPrice, t - MAX_FEED_AGE)).wait(); // one second too old now
    await expect(oracle.consult(v.tokenAddress, v.baseAddress)).to.be.revertedWithCustomError(oracle, "TwapOracleStale");
    await (await feed.set(0n, t + 2n)).wait();
    await expect(oracle.consult(v.tokenAddress, v.baseAddress)).to.be.revertedWithCustomError(oracle, "TwapOracleStale");

    // A keeper's update restores the TWAP after minWindow.
    await (await oracle.update(v.tokenAddress, v.baseAddress)).wait();
    await networkHelpers.time.increase(MIN_WINDOW);
    expect(await oracle.consult(v.tokenAddress, v.baseAddress)).to.equal(pairPrice(SEED_TOKEN, SEED_BASE));
  });
});
