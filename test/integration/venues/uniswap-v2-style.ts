import { expect } from "chai";
import { Contract, ZeroAddress } from "ethers";
import { network } from "hardhat";
import { swapV2 } from "../../../scripts/lib/v2.js";
import { E18 } from "../../helpers/dex-fixture.js";
import {
  latestTimestamp,
  lessBps,
  priceX112,
  SEED_BASE,
  SEED_TOKEN,
  sqrt,
  v2Venue,
  venueFixture,
} from "../../helpers/venue-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = () => venueFixture(ethers);

const HOUR = 3600n;

/** One test body per venue: Uniswap V2 and SushiSwap share one adapter contract. */
for (const name of ["uniswap", "sushiswap"] as const) {
  describe(`UniswapV2StyleAdapter on ${name} (real pair bytecode)`, function () {
    async function setup() {
      const v = await networkHelpers.loadFixture(fixture);
      const { venue, pair, adapter } = v2Venue(v, name);
      const tokenIs0 = BigInt(v.tokenAddress) < BigInt(v.baseAddress);
      const reserves = async () => {
        const [r0, r1] = await pair.getReserves();
        return tokenIs0 ? { token: r0, base: r1 } : { token: r1, base: r0 };
      };
      const deadline = async () => (await latestTimestamp(ethers)) + HOUR;
      return { v, venue, pair, adapter, reserves, deadline };
    }

    it("adds in the pool's proportion, pulls only what it uses and holds the LP tokens", async function () {
      const { v, pair, adapter, reserves, deadline } = await setup();
      const supply = await pair.totalSupply();
      const r = await reserves();
      // 10,000 TKN is worth 20 WETH at the seeded 500,000 : 1,000; 30 WETH offered, 20 used.
      const tokenIn = 10_000n * E18;
      const baseUsed = (tokenIn * r.base) / r.token;
      expect(baseUsed).to.equal(20n * E18);
      const liquidity = [(tokenIn * supply) / r.token, (baseUsed * supply) / r.base].reduce((a, b) => (a < b ? a : b));
      const before = { token: await v.token.balanceOf(v.allocator), base: await v.world.weth.balanceOf(v.allocator) };

      const tx = adapter.connect(v.allocator).addLiquidity(v.tokenAddress, v.baseAddress, tokenIn, 30n * E18, tokenIn, baseUsed, await deadline());
      await expect(tx).to.emit(adapter, "LiquidityAdded").withArgs(v.tokenAddress, v.baseAddress, tokenIn, baseUsed, liquidity);
      expect(await pair.balanceOf(adapter)).to.equal(liquidity);
      expect(await v.token.balanceOf(v.allocator)).to.equal(before.token - tokenIn);
      expect(await v.world.weth.balanceOf(v.allocator)).to.equal(before.base - baseUsed);
      expect(await v.token.balanceOf(adapter)).to.equal(0n);
      expect(await v.world.weth.balanceOf(adapter)).to.equal(0n);
    });

    it("removes to the allocator exactly its share of the reserves", async function () {
      const { v, pair, adapter, reserves, deadline } = await setup();
      const a = adapter.connect(v.allocator);
      await (await a.addLiquidity(v.tokenAddress, v.baseAddress, 10_000n * E18, 20n * E18, 0n, 0n, await deadline())).wait();
      const held = await pair.balanceOf(adapter);
      const burn = held / 2n;
      const [supply, r] = [await pair.totalSupply(), await reserves()];
      const expected = { token: (burn * r.token) / supply, base: (burn * r.base) / supply };
      const before = { token: await v.token.balanceOf(v.allocator), base: await v.world.weth.balanceOf(v.allocator) };

      const tx = a.removeLiquidity(v.tokenAddress, v.baseAddress, burn, expected.token, expected.base, await deadline());
      await expect(tx).to.emit(adapter, "LiquidityRemoved").withArgs(v.tokenAddress, v.baseAddress, burn, expected.token, expected.base);
      expect(await v.token.balanceOf(v.allocator)).to.equal(before.token + expected.token);
      expect(await v.world.weth.balanceOf(v.allocator)).to.equal(before.base + expected.base);
      expect(await pair.balanceOf(adapter)).to.equal(held - burn);
    });

    it("reports the position at spot, and at a reference price unmoved by a swap", async function () {
      const { v, venue, pair, adapter, reserves, deadline } = await setup();
      await (await adapter.connect(v.allocator).addLiquidity(v.tokenAddress, v.baseAddress, 50_000n * E18, 100n * E18, 0n, 0n, await deadline())).wait();
      const held = await pair.balanceOf(adapter);
      let [supply, r] = [await pair.totalSupply(), await reserves()];
      const [liquidity, tokenAmount, baseAmount] = await adapter.position(v.tokenAddress, v.baseAddress);
      expect([liquidity, tokenAmount, baseAmount]).to.deep.equal([held, (held * r.token) / supply, (held * r.base) / supply]);

      // At the pool's own price the fair reserves are the reserves (up to square-root rounding).
      const price = priceX112(SEED_TOKEN, SEED_BASE);
      const [, fairToken, fairBase] = await adapter.positionAt(v.tokenAddress, v.baseAddress, price);
      expect(fairToken).to.be.closeTo(tokenAmount, tokenAmount / 10n ** 12n);
      expect(fairBase).to.be.closeTo(baseAmount, baseAmount / 10n ** 12n);

      // A trader pushes 25,000 TKN in (5% of the reserve): spot amounts move a lot ...
      await swapV2(venue, pair, v.token, 25_000n * E18, v.trader);
      [supply, r] = [await pair.totalSupply(), await reserves()];
      const [, spotToken, spotBase] = await adapter.position(v.tokenAddress, v.baseAddress);
      expect(spotToken).to.be.greaterThan((tokenAmount * 104n) / 100n);
      expect(spotBase).to.be.lessThan((baseAmount * 96n) / 100n);
      // ... while the value at the reference price only grows by the fee kept in k: the
      // 0.3% fee on 25,000 TKN is 75 TKN, 1.5e-4 of the reserve, so sqrt(k) grows < 1e-4.
      const [, afterToken, afterBase] = await adapter.positionAt(v.tokenAddress, v.baseAddress, price);
      expect(afterToken).to.be.greaterThan(fairToken);
      expect(afterBase).to.be.greaterThan(fairBase);
      expect(afterToken).to.be.lessThan(fairToken + fairToken / 10_000n);
      expect(afterBase).to.be.lessThan(fairBase + fairBase / 10_000n);
      // Hand formula: held/supply * sqrt(k * p) for the base side.
      const k = r.token * r.base;
      expect(afterBase).to.be.closeTo((held * sqrt((k * price) / 2n ** 112n)) / supply, 10n ** 6n);
    });

    it("values a position net of the protocol fee the pair will mint (fee switch on)", async function () {
      const { v, venue, pair, adapter, reserves, deadline } = await setup();
      const factory = new Contract(await venue.factory.getAddress(), ["function setFeeTo(address)"], v.governance);
      await (await factory.getFunction("setFeeTo")(v.governance.address)).wait();
      const a = adapter.connect(v.allocator);
      // The first mint after the switch records kLast; fees accrue from there.
      await (await a.addLiquidity(v.tokenAddress, v.baseAddress, 50_000n * E18, 100n * E18, 0n, 0n, await deadline())).wait();
      await swapV2(venue, pair, v.token, 20_000n * E18, v.trader);
      await swapV2(venue, pair, v.world.weth, 40n * E18, v.trader);
      const held = await pair.balanceOf(adapter);
      const [, tokenAmount, baseAmount] = await adapter.position(v.tokenAddress, v.baseAddress);
      // Without the pending fee the position would look larger by the fee's dilution.
      const r = await reserves();
      const naiveToken = (held * r.token) / (await pair.totalSupply());
      expect(naiveToken).to.be.greaterThan(tokenAmount);

      const before = { token: await v.token.balanceOf(v.allocator), base: await v.world.weth.balanceOf(v.allocator) };
      await (await a.removeLiquidity(v.tokenAddress, v.baseAddress, held, 0n, 0n, await deadline())).wait();
      expect((await v.token.balanceOf(v.allocator)) - before.token).to.equal(tokenAmount);
      expect((await v.world.weth.balanceOf(v.allocator)) - before.base).to.equal(baseAmount);
    });

    it("refuses a deposit whose proportional amounts fall below the minimums", async function () {
      const { v, venue, pair, adapter, deadline } = await setup();
      // Skew the pool: 25,000 TKN in (5% of the reserve) makes TKN ~10% cheaper in WETH.
      await swapV2(venue, pair, v.token, 25_000n * E18, v.trader);
      const tokenIn = 10_000n * E18;
      const baseIn = 20n * E18; // the pre-skew ratio
      const tx = adapter.connect(v.allocator).addLiquidity(v.tokenAddress, v.baseAddress, tokenIn, baseIn, lessBps(tokenIn, 100n), lessBps(baseIn, 100n), await deadline());
      await expect(tx).to.be.revertedWithCustomError(adapter, "VenueAdapterBelowMinimum");
    });

    it("refuses every caller but the allocator", async function () {
      const { v, adapter, deadline } = await setup();
      const a = adapter.connect(v.attacker);
      await expect(a.addLiquidity(v.tokenAddress, v.baseAddress, E18, E18, 0n, 0n, await deadline()))
        .to.be.revertedWithCustomError(adapter, "VenueAdapterUnauthorized")
        .withArgs(v.attacker.address);
      await expect(a.removeLiquidity(v.tokenAddress, v.baseAddress, 1n, 0n, 0n, await deadline()))
        .to.be.revertedWithCustomError(adapter, "VenueAdapterUnauthorized")
        .withArgs(v.attacker.address);
    });

    it("refuses a call mined after its deadline", async function () {
      const { v, adapter, deadline } = await setup();
      const a = adapter.connect(v.allocator);
      const stale = await deadline();
      await networkHelpers.time.setNextBlockTimestamp(stale + 1n);
      await expect(a.addLiquidity(v.tokenAddress, v.baseAddress, E18, E18, 0n, 0n, stale))
        .to.be.revertedWithCustomError(adapter, "VenueAdapterDeadlinePassed")
        .withArgs(stale, stale + 1n);
      await networkHelpers.time.setNextBlockTimestamp(stale + 2n);
      await expect(a.removeLiquidity(v.tokenAddress, v.baseAddress, 1n, 0n, 0n, stale))
        .to.be.revertedWithCustomError(adapter, "VenueAdapterDeadlinePassed")
        .withArgs(stale, stale + 2n);
    });

    it("refuses to remove more than it holds, or nothing", async function () {
      const { v, pair, adapter, deadline } = await setup();
      const a = adapter.connect(v.allocator);
      await (await a.addLiquidity(v.tokenAddress, v.baseAddress, 1_000n * E18, 2n * E18, 0n, 0n, await deadline())).wait();
      const held = await pair.balanceOf(adapter);
      await expect(a.removeLiquidity(v.tokenAddress, v.baseAddress, held + 1n, 0n, 0n, await deadline()))
        .to.be.revertedWithCustomError(adapter, "VenueAdapterInsufficientLiquidity")
        .withArgs(held + 1n, held);
      await expect(a.removeLiquidity(v.tokenAddress, v.baseAddress, 0n, 0n, 0n, await deadline())).to.be.revertedWithCustomError(
        adapter,
        "VenueAdapterZeroAmount",
      );
    });

    it("has no pool for a pair the factory never created", async function () {
      const { v, adapter, deadline } = await setup();
      const stranger = await ethers.deployContract("TestERC20", ["Stranger", "STR", 18]);
      const strangerAddress = await stranger.getAddress();
      expect(await adapter.hasPool(v.tokenAddress, v.baseAddress)).to.equal(true);
      expect(await adapter.hasPool(strangerAddress, v.baseAddress)).to.equal(false);
      await expect(adapter.connect(v.allocator).addLiquidity(strangerAddress, v.baseAddress, E18, E18, 0n, 0n, await deadline()))
        .to.be.revertedWithCustomError(adapter, "VenueAdapterPoolNotFound")
        .withArgs(strangerAddress, v.baseAddress);
      await expect(adapter.position(strangerAddress, v.baseAddress)).to.be.revertedWithCustomError(adapter, "VenueAdapterPoolNotFound");
    });

    it("cannot be built without an allocator or a factory", async function () {
      const { v, venue } = await setup();
      const factoryAddress = await venue.factory.getAddress();
      const Adapter = await ethers.getContractFactory("UniswapV2StyleAdapter");
      await expect(Adapter.deploy(ZeroAddress, factoryAddress)).to.be.revertedWithCustomError(Adapter, "VenueAdapterZeroAddress");
      await expect(Adapter.deploy(v.allocator.address, ZeroAddress)).to.be.revertedWithCustomError(Adapter, "VenueAdapterZeroAddress");
    });
  });
}
