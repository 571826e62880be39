import { expect } from "chai";
import { MaxUint256, ZeroAddress } from "ethers";
import { network } from "hardhat";
import { BALANCER_ONE, createWeightedPool, joinWeightedPool, swapBalancer } from "../../../scripts/lib/balancer.js";
import { E18 } from "../../helpers/dex-fixture.js";
import { BALANCER_SWAP_FEE, latestTimestamp, priceX112, SEED_BASE, SEED_TOKEN, sqrt, venueFixture } from "../../helpers/venue-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = () => venueFixture(ethers);

const HOUR = 3600n;
/** Balancer's FixedPoint mulDown / divDown (1e18 = 1.0). */
const mulDown = (a: bigint, b: bigint) => (a * b) / BALANCER_ONE;
const divDown = (a: bigint, b: bigint) => (a * BALANCER_ONE) / b;

describe("BalancerV2WeightedAdapter (real Vault and weighted pool bytecode)", function () {
  async function setup() {
    const v = await networkHelpers.loadFixture(fixture);
    const tokenFirst = BigInt(v.tokenAddress) < BigInt(v.baseAddress);
    const reserves = async () => {
      const [, balances] = await v.world.balancer.vault.getPoolTokens(v.balancerPool.poolId);
      return tokenFirst ? { token: balances[0], base: balances[1] } : { token: balances[1], base: balances[0] };
    };
    const deadline = async () => (await latestTimestamp(ethers)) + HOUR;
    return { v, adapter: v.balancerAdapter, pool: v.balancerPool.pool, tokenFirst, reserves, deadline };
  }

  describe("pool registry", function () {
    it("registered the fixture's pool and lets the Vault pull both tokens", async function () {
      const { v, adapter } = await setup();
      expect(await adapter.poolIdOf(v.tokenAddress, v.baseAddress)).to.equal(v.balancerPool.poolId);
      expect(await adapter.hasPool(v.tokenAddress, v.baseAddress)).to.equal(true);
      const vault = await v.world.balancer.vault.getAddress();
      expect(await v.token.allowance(adapter, vault)).to.equal(MaxUint256);
      expect(await v.world.weth.allowance(adapter, vault)).to.equal(MaxUint256);
    });

    it("lets only governance register, once per pair", async function () {
      const { v, adapter } = await setup();
      await expect(adapter.connect(v.attacker).registerPool(v.tokenAddress, v.baseAddress, v.balancerPool.poolId))
        .to.be.revertedWithCustomError(adapter, "RoleGatedUnauthorized")
        .withArgs(v.attacker.address, await v.roles.GOVERNANCE_ROLE());
      await expect(adapter.connect(v.governance).registerPool(v.tokenAddress, v.baseAddress, v.balancerPool.poolId))
        .to.be.revertedWithCustomError(adapter, "BalancerV2WeightedAdapterPoolAlreadyRegistered")
        .withArgs(v.tokenAddress, v.baseAddress, v.balancerPool.poolId);
    });

    it("refuses an 80/20 pool and a pool of other tokens", async function () {
      const { v, adapter } = await setup();
      const other = await ethers.deployContract("TestERC20", ["Other", "OTH", 18]);
      const otherAddress = await other.getAddress();
      const skewed = await createWeightedPool(
        v.world.balancer,
        [
          { token: otherAddress, weight: (BALANCER_ONE * 8n) / 10n },
          { token: v.baseAddress, weight: (BALANCER_ONE * 2n) / 10n },
        ],
        BALANCER_SWAP_FEE,
        v.lp,
      );
      const g = adapter.connect(v.governance);
      await expect(g.registerPool(otherAddress, v.baseAddress, skewed.poolId))
        .to.be.revertedWithCustomError(adapter, "BalancerV2WeightedAdapterBadPool")
        .withArgs(skewed.poolId, otherAddress, v.baseAddress);
      // The TKN/WETH pool named for OTH/WETH.
      await expect(g.registerPool(otherAddress, v.baseAddress, v.balancerPool.poolId)).to.be.revertedWithCustomError(
        adapter,
        "BalancerV2WeightedAdapterBadPool",
      );
      expect(await adapter.hasPool(otherAddress, v.baseAddress)).to.equal(false);
    });

    it("registers a new 50/50 pool and announces it", async function () {
      const { v, adapter } = await setup();
      const other = await ethers.deployContract("TestERC20", ["Other", "OTH", 18]);
      const otherAddress = await other.getAddress();
      const handle = await createWeightedPool(
        v.world.balancer,
        [
          { token: otherAddress, weight: BALANCER_ONE / 2n },
          { token: v.baseAddress, weight: BALANCER_ONE / 2n },
        ],
        BALANCER_SWAP_FEE,
        v.lp,
      );
      await expect(adapter.connect(v.governance).registerPool(otherAddress, v.baseAddress, handle.poolId))
        .to.emit(adapter, "PoolRegistered")
        .withArgs(otherAddress, v.baseAddress, handle.poolId);
      // Registered but not seeded: no usable pool yet.
      expect(await adapter.hasPool(otherAddress, v.baseAddress)).to.equal(false);
    });
  });

  describe("liquidity", function () {
    it("joins in the pool's proportion and receives the proportional BPT", async function () {
      const { v, adapter, pool, reserves, deadline } = await setup();
      const [supply, r] = [await pool.totalSupply(), await reserves()];
      const tokenIn = 10_000n * E18;
      const baseUsed = (tokenIn * r.base) / r.token;
      expect(baseUsed).to.equal(20n * E18);
      const before = { token: await v.token.balanceOf(v.allocator), base: await v.world.weth.balanceOf(v.allocator) };

      await expect(
        adapter.connect(v.allocator).addLiquidity(v.tokenAddress, v.baseAddress, tokenIn, 25n * E18, tokenIn, baseUsed, await deadline()),
      ).to.emit(adapter, "LiquidityAdded");
      const bpt = await pool.balanceOf(adapter);
      // A proportional join mints supply * 1% BPT, less the weighted maths' pow rounding (1e-14).
      const proportional = (supply * tokenIn) / r.token;
      expect(bpt).to.be.lessThanOrEqual(proportional);
      expect(bpt).to.be.greaterThan(proportional - proportional / 10n ** 10n);
      expect(await v.token.balanceOf(v.allocator)).to.equal(before.token - tokenIn);
      expect(await v.world.weth.balanceOf(v.allocator)).to.equal(before.base - baseUsed);
      expect(await v.token.balanceOf(adapter)).to.equal(0n);
      expect(await v.world.weth.balanceOf(adapter)).to.equal(0n);
    });

    it("exits to the allocator exactly the Vault's proportional amounts", async function () {
      const { v, adapter, pool, reserves, deadline } = await setup();
      const a = adapter.connect(v.allocator);
      await (await a.addLiquidity(v.tokenAddress, v.baseAddress, 10_000n * E18, 20n * E18, 0n, 0n, await deadline())).wait();
      const held = await pool.balanceOf(adapter);
      const burn = (held * 3n) / 4n;
      const [supply, r] = [await pool.getActualSupply(), await reserves()];
      // BasePool._computeProportionalAmountsOut: balance.mulDown(bptIn.divDown(supply)).
      const ratio = divDown(burn, supply);
      const expected = { token: mulDown(r.token, ratio), base: mulDown(r.base, ratio) };
      const before = { token: await v.token.balanceOf(v.allocator), base: await v.world.weth.balanceOf(v.allocator) };

      await expect(a.removeLiquidity(v.tokenAddress, v.baseAddress, burn, expected.token, expected.base, await deadline()))
        .to.emit(adapter, "LiquidityRemoved")
        .withArgs(v.tokenAddress, v.baseAddress, burn, expected.token, expected.base);
      expect(await v.token.balanceOf(v.allocator)).to.equal(before.token + expected.token);
      expect(await v.world.weth.balanceOf(v.allocator)).to.equal(before.base + expected.base);
      expect(await pool.balanceOf(adapter)).to.equal(held - burn);
    });

    it("refuses an exit below the minimums, checked on what the allocator received", async function () {
      const { v, adapter, pool, reserves, deadline } = await setup();
      const a = adapter.connect(v.allocator);
      await (await a.addLiquidity(v.tokenAddress, v.baseAddress, 10_000n * E18, 20n * E18, 0n, 0n, await deadline())).wait();
      const held = await pool.balanceOf(adapter);
      // All of it returns just under the 10,000 TKN deposited (the join's pow rounding):
      // asking for 10,000 cannot be met.
      const out = mulDown((await reserves()).token, divDown(held, await pool.getActualSupply()));
      expect(out).to.be.lessThan(10_000n * E18);
      await expect(a.removeLiquidity(v.tokenAddress, v.baseAddress, held, 10_000n * E18, 0n, await deadline()))
        .to.be.revertedWithCustomError(adapter, "VenueAdapterBelowMinimum")
        .withArgs(v.tokenAddress, out, 10_000n * E18);
    });

    it("reports the position at spot, and at a reference price unmoved by a swap", async function () {
      const { v, adapter, pool, reserves, deadline } = await setup();
      await (await adapter.connect(v.allocator).addLiquidity(v.tokenAddress, v.baseAddress, 50_000n * E18, 100n * E18, 0n, 0n, await deadline())).wait();
      const held = await pool.balanceOf(adapter);
      let [supply, r] = [await pool.getActualSupply(), await reserves()];
      const [liquidity, tokenAmount, baseAmount] = await adapter.position(v.tokenAddress, v.baseAddress);
      expect([liquidity, tokenAmount, baseAmount]).to.deep.equal([held, (held * r.token) / supply, (held * r.base) / supply]);

      const price = priceX112(SEED_TOKEN, SEED_BASE);
      const [, fairToken, fairBase] = await adapter.positionAt(v.tokenAddress, v.baseAddress, price);
      expect(fairToken).to.be.closeTo(tokenAmount, tokenAmount / 10n ** 12n);
      expect(fairBase).to.be.closeTo(baseAmount, baseAmount / 10n ** 12n);

      await swapBalancer(v.world.balancer, v.balancerPool, v.tokenAddress, v.baseAddress, 25_000n * E18, v.trader);
      [supply, r] = [await pool.getActualSupply(), await reserves()];
      const [, spotToken, spotBase] = await adapter.position(v.tokenAddress, v.baseAddress);
      expect(spotToken).to.be.greaterThan((tokenAmount * 104n) / 100n);
      expect(spotBase).to.be.lessThan((baseAmount * 96n) / 100n);
      const [, afterToken, afterBase] = await adapter.positionAt(v.tokenAddress, v.baseAddress, price);
      expect(afterToken).to.be.greaterThan(fairToken);
      expect(afterToken).to.be.lessThan(fairToken + fairToken / 10_000n);
      expect(afterBase).to.be.greaterThan(fairBase);
      expect(afterBase).to.be.lessThan(fairBase + fairBase / 10_000n);
      expect(afterBase).to.be.closeTo((held * sqrt((r.token * r.base * price) / 2n ** 112n)) / supply, 10n ** 6n);
    });

    it("refuses every caller but the allocator, and stale calls", async function () {
      const { v, adapter, deadline } = await setup();
      await expect(adapter.connect(v.attacker).addLiquidity(v.tokenAddress, v.baseAddress, E18, E18, 0n, 0n, await deadline()))
        .to.be.revertedWithCustomError(adapter, "VenueAdapterUnauthorized")
        .withArgs(v.attacker.address);
      await expect(adapter.connect(v.attacker).removeLiquidity(v.tokenAddress, v.baseAddress, 1n, 0n, 0n, await deadline()))
        .to.be.revertedWithCustomError(adapter, "VenueAdapterUnauthorized")
        .withArgs(v.attacker.address);
      const stale = await deadline();
      await networkHelpers.time.setNextBlockTimestamp(stale + 1n);
      await expect(adapter.connect(v.allocator).addLiquidity(v.tokenAddress, v.baseAddress, E18, E18, 0n, 0n, stale))
        .to.be.revertedWithCustomError(adapter, "VenueAdapterDeadlinePassed")
        .withArgs(stale, stale + 1n);
    });

    it("cannot be built with a zero address", async function () {
      const { v } = await setup();
      const Adapter = await ethers.getContractFactory("BalancerV2WeightedAdapter");
      const vault = await v.world.balancer.vault.getAddress();
      const factory = await v.world.balancer.weightedPoolFactory.contract.getAddress();
      await expect(Adapter.deploy(ZeroAddress, vault, factory, v.roles)).to.be.revertedWithCustomError(Adapter, "VenueAdapterZeroAddress");
      await expect(Adapter.deploy(v.allocator, ZeroAddress, factory, v.roles)).to.be.revertedWithCustomError(Adapter, "VenueAdapterZeroAddress");
      await expect(Adapter.deploy(v.allocator, vault, ZeroAddress, v.roles)).to.be.revertedWithCustomError(Adapter, "VenueAdapterZeroAddress");
      await expect(Adapter.deploy(v.allocator, vault, factory, ZeroAddress)).to.be.revertedWithCustomError(Adapter, "RoleGatedZeroRoles");
    });
  });

  describe("read-only reentrancy", function () {
    it("refuses to value a position from inside a Vault exit, where a naive read is inflated", async function () {
      const { v, adapter, pool, tokenFirst, deadline } = await setup();
      await (await adapter.connect(v.allocator).addLiquidity(v.tokenAddress, v.baseAddress, 50_000n * E18, 100n * E18, 0n, 0n, await deadline())).wait();
      const vault = await v.world.balancer.vault.getAddress();
      const reader = await ethers.deployContract("ReentrantBalancerReader", [
        vault,
        await adapter.getAddress(),
        v.tokenAddress,
        v.baseAddress,
        v.balancerPool.poolId,
      ]);
      // The attacker matches the pool's size, so it holds about half of the BPT.
      await (await v.token.connect(v.attacker).transfer(reader, SEED_TOKEN)).wait();
      await (await v.world.weth.connect(v.attacker).transfer(reader, SEED_BASE)).wait();
      const assets = tokenFirst ? [v.tokenAddress, v.baseAddress] : [v.baseAddress, v.tokenAddress];
      const amounts = tokenFirst ? [SEED_TOKEN, SEED_BASE] : [SEED_BASE, SEED_TOKEN];
      await (await reader.join(assets, amounts)).wait();
      const bpt = await pool.balanceOf(reader);
      const [, balancesBefore] = await v.world.balancer.vault.getPoolTokens(v.balancerPool.poolId);
      const supplyBefore = await pool.totalSupply();

      const ethAssets = assets.map((a) => (a === v.baseAddress ? ZeroAddress : a));
      const price = priceX112(SEED_TOKEN, SEED_BASE);
      await (await reader.exitForEth(ethAssets, bpt, price)).wait();

      // The window exists: mid-exit the BPT is burned but the balances are not yet lowered, so
      // a naive BPT price (balance / supply) reads about twice the true one.
      const baseIndex = tokenFirst ? 1n : 0n;
      const midBase = await reader.balancesMidExit(baseIndex);
      const midSupply = await reader.supplyMidExit();
      expect(midBase).to.equal(balancesBefore[Number(baseIndex)]);
      expect(midSupply).to.equal(supplyBefore - bpt);
      expect((midBase * E18) / midSupply).to.be.greaterThan((((balancesBefore[Number(baseIndex)] * E18) / supplyBefore) * 19n) / 10n);

      // The adapter refused both reads there, with its own error.
      const selector = adapter.interface.getError("BalancerV2WeightedAdapterVaultReentered")!.selector;
      expect(await reader.positionReadSucceeded()).to.equal(false);
      expect(await reader.positionAtReadSucceeded()).to.equal(false);
      expect(await reader.positionRevertData()).to.equal(selector);
      expect(await reader.positionAtRevertData()).to.equal(selector);
      // Outside a Vault operation the same reads work.
      const [liquidity] = await adapter.position(v.tokenAddress, v.baseAddress);
      expect(liquidity).to.equal(await pool.balanceOf(adapter));
    });
  });
});
