import { expect } from "chai";
import { network } from "hardhat";
import {
  deployDirectors,
  E18,
  PRICE_MAX_AGE,
  PRICE_POST_INTERVAL,
} from "../../helpers/directors.js";

describe("PriceFeed: governance-set prices, bounded keeper posts, staleness", () => {
  it("prices TOKE 1:1, reverts on unknown or stale prices, tryPrice never reverts", async () => {
    const conn = await network.create();
    const d = await deployDirectors(conn);
    const weth = await d.weth.getAddress();
    const toke = await d.toke.getAddress();
    expect(await d.feed.price(toke)).to.equal(E18);
    expect(await d.feed.price(weth)).to.equal(d.params.wethPrice);
    const nobody = d.users[0].address;
    await expect(d.feed.price(nobody))
      .to.be.revertedWithCustomError(d.feed, "PriceFeedUnknownAsset")
      .withArgs(nobody);
    expect(await d.feed.tryPrice(nobody)).to.deep.equal([false, 0n]);
    const { updatedAt } = await d.feed.priceData(weth);
    await conn.networkHelpers.time.increaseTo(updatedAt + PRICE_MAX_AGE + 1n);
    await expect(d.feed.price(weth))
      .to.be.revertedWithCustomError(d.feed, "PriceFeedStale")
      .withArgs(weth, updatedAt, PRICE_MAX_AGE);
    expect(await d.feed.tryPrice(weth)).to.deep.equal([false, d.params.wethPrice]);
  });

  it("bounds governance prices and the keeper's moves", async () => {
    const conn = await network.create();
    const d = await deployDirectors(conn);
    const weth = await d.weth.getAddress();
    const toke = await d.toke.getAddress();
    const max = await d.feed.MAX_PRICE();
    await expect(d.feed.setPrice(weth, 0n))
      .to.be.revertedWithCustomError(d.feed, "PriceFeedBadPrice")
      .withArgs(weth, 0n);
    await expect(d.feed.setPrice(weth, max + 1n)).to.be.revertedWithCustomError(
      d.feed,
      "PriceFeedBadPrice",
    );
    await expect(d.feed.setPrice(toke, E18))
      .to.be.revertedWithCustomError(d.feed, "PriceFeedBadAsset")
      .withArgs(toke);
    await expect(d.feed.setPrice(weth, max))
      .to.emit(d.feed, "PriceSet")
      .withArgs(weth, max, d.governance.address);
    await d.feed.setPrice(weth, 100n * E18);
    // Deviation bound 20%: 120 is fine, 145 after it is not (more than 20% of 120).
    await conn.networkHelpers.time.increase(PRICE_POST_INTERVAL);
    await expect(d.feed.connect(d.keeper).postPrice(weth, 120n * E18)).to.emit(d.feed, "PriceSet");
    await conn.networkHelpers.time.increase(PRICE_POST_INTERVAL);
    await expect(d.feed.connect(d.keeper).postPrice(weth, 145n * E18))
      .to.be.revertedWithCustomError(d.feed, "PriceFeedDeviation")
      .withArgs(weth, 120n * E18, 145n * E18, 2_000n);
    await expect(
      d.feed.connect(d.keeper).postPrice(d.users[0].address, E18),
    ).to.be.revertedWithCustomError(d.feed, "PriceFeedUnknownAsset");
    // A minimum interval between keeper posts.
    await expect(d.feed.setMinPostInterval(3_600n))
      .to.emit(d.feed, "MinPostIntervalSet")
      .withArgs(3_600n);
    await expect(
      d.feed.connect(d.keeper).postPrice(weth, 121n * E18),
    ).to.be.revertedWithCustomError(d.feed, "PriceFeedTooSoon");
    await conn.networkHelpers.time.increase(3_600n);
    await d.feed.connect(d.keeper).postPrice(weth, 121n * E18);
    // Bounds of the bounds.
    await expect(d.feed.setMaxAge(59n * 60n)).to.be.revertedWithCustomError(
      d.feed,
      "PriceFeedBadBound",
    );
    await expect(d.feed.setMaxAge(31n * 24n * 3600n)).to.be.revertedWithCustomError(
      d.feed,
      "PriceFeedBadBound",
    );
    await expect(d.feed.setMaxDeviationBps(0n)).to.be.revertedWithCustomError(
      d.feed,
      "PriceFeedBadBound",
    );
    await expect(d.feed.setMaxDeviationBps(5_001n)).to.be.revertedWithCustomError(
      d.feed,
      "PriceFeedBadBound",
    );
    await expect(d.feed.setMinPostInterval(86_401n)).to.be.revertedWithCustomError(
      d.feed,
      "PriceFeedBadBound",
    );
    // The interval has a floor: zero (posts without limit) is refused, here and at deployment.
    await expect(d.feed.setMinPostInterval(0n))
      .to.be.revertedWithCustomError(d.feed, "PriceFeedBadBound")
      .withArgs(0n, 900n, 86_400n);
    await expect(
      d.ethers.deployContract("PriceFeed", [await d.roles.getAddress(), toke, 3_600n, 1n, 899n]),
    )
      .to.be.revertedWithCustomError(d.feed, "PriceFeedBadBound")
      .withArgs(899n, 900n, 86_400n);
    await expect(d.feed.setMaxAge(3_600n)).to.emit(d.feed, "MaxAgeSet").withArgs(3_600n);
    await expect(d.feed.setMaxDeviationBps(5_000n))
      .to.emit(d.feed, "MaxDeviationSet")
      .withArgs(5_000n);
  });
});
