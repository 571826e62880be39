import { expect } from "chai";
import { getCreate2Address, keccak256, solidityPackedKeccak256 } from "ethers";
import { artifacts, network } from "hardhat";
import { MAINNET_PAIR_INIT_CODE_HASH } from "../../../scripts/lib/addresses.js";
import { SUSHI_PAIR_ARTIFACT } from "../../../scripts/lib/dex-config.js";
import { addV2Liquidity, removeV2Liquidity, swapV2, v2Reserves } from "../../../scripts/lib/v2.js";
import { dexFixture, E18 } from "../../helpers/dex-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = () => dexFixture(ethers);

/** SushiSwap's 0.3% fee, written out from the formula rather than imported from the helper. */
const out = (amountIn: bigint, rIn: bigint, rOut: bigint) =>
  (amountIn * 997n * rOut) / (rIn * 1000n + amountIn * 997n);
const MINIMUM_LIQUIDITY = 1000n;

describe("SushiSwap (factory and pair compiled from @sushiswap/core)", function () {
  it("creates pairs at CREATE2(factory, tokens, hash of the locally compiled pair)", async function () {
    const { world, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    const pairArtifact = await artifacts.readArtifact(SUSHI_PAIR_ARTIFACT);
    const initCodeHash = keccak256(pairArtifact.bytecode);
    const factory = world.sushiswap.factory;
    expect(await factory.pairCodeHash()).to.equal(initCodeHash);
    // Why there is no Sushi router: its hard-coded mainnet hash does not match this build.
    expect(initCodeHash).to.not.equal(MAINNET_PAIR_INIT_CODE_HASH.sushiswap);
    const [a, b] = [await tokenA.getAddress(), await tokenB.getAddress()];
    await (await factory.createPair(a, b)).wait();
    const [t0, t1] = BigInt(a) < BigInt(b) ? [a, b] : [b, a];
    const salt = solidityPackedKeccak256(["address", "address"], [t0, t1]);
    expect(await factory.getPair(a, b)).to.equal(
      getCreate2Address(await factory.getAddress(), salt, initCodeHash),
    );
  });

  it("seeds a pair by transfer + mint: sqrt(a*b) - 1000 LP tokens", async function () {
    const { world, lp, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    // 90,000 A and 10,000 B: sqrt(9e8) = 30,000 LP tokens, minus the 1000 wei locked forever.
    const { pair, liquidity } = await addV2Liquidity(
      world.sushiswap,
      tokenA,
      90_000n * E18,
      tokenB,
      10_000n * E18,
      lp,
    );
    expect(liquidity).to.equal(30_000n * E18 - MINIMUM_LIQUIDITY);
    const { reserveIn, reserveOut } = await v2Reserves(pair, tokenA);
    expect([reserveIn, reserveOut]).to.deep.equal([90_000n * E18, 10_000n * E18]);
  });

  it("swaps on the pair directly for exactly the constant-product amount", async function () {
    const { world, lp, trader, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    const { pair } = await addV2Liquidity(
      world.sushiswap,
      tokenA,
      20_000n * E18,
      tokenB,
      80_000n * E18,
      lp,
    );
    const amountIn = 2_000n * E18;
    const received = (await swapV2(world.sushiswap, pair, tokenB, amountIn, trader)).amountOut;
    expect(received).to.equal(out(amountIn, 80_000n * E18, 20_000n * E18));
    // Hand check: 2000*997*20000/(80000*1000+2000*997) = 486.377... A.
    expect(received / 10n ** 15n).to.equal(486_377n);
  });

  it("rejects taking one wei more than the formula allows (the pair enforces k)", async function () {
    const { world, lp, trader, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    const { pair } = await addV2Liquidity(
      world.sushiswap,
      tokenA,
      50_000n * E18,
      tokenB,
      50_000n * E18,
      lp,
    );
    const amountIn = 1_000n * E18;
    const max = out(amountIn, 50_000n * E18, 50_000n * E18);
    await (await tokenA.connect(trader).transfer(pair, amountIn)).wait();
    const aIs0 = (await pair.token0()) === (await tokenA.getAddress());
    const outs = (amount: bigint) => (aIs0 ? [0n, amount] : [amount, 0n]);
    const [o0, o1] = outs(max + 1n);
    await expect(pair.connect(trader).swap(o0, o1, trader, "0x")).to.be.revertedWith(
      "UniswapV2: K",
    );
    const [m0, m1] = outs(max);
    const before = await tokenB.balanceOf(trader.address);
    await (await pair.connect(trader).swap(m0, m1, trader, "0x")).wait();
    expect((await tokenB.balanceOf(trader.address)) - before).to.equal(max);
  });

  it("pays the LP the swap fees when liquidity is removed", async function () {
    const { world, lp, trader, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    const seed = 200_000n * E18;
    const { pair, liquidity } = await addV2Liquidity(
      world.sushiswap,
      tokenA,
      seed,
      tokenB,
      seed,
      lp,
    );
    // Five round trips of 10,000 A: the pool ends with its B back and the fees in A.
    let poolA = seed;
    for (let i = 0; i < 5; i++) {
      const amountIn = 10_000n * E18;
      const gotB = (await swapV2(world.sushiswap, pair, tokenA, amountIn, trader)).amountOut;
      const gotA = (await swapV2(world.sushiswap, pair, tokenB, gotB, trader)).amountOut;
      expect(gotA).to.equal(out(gotB, seed - gotB, poolA + amountIn));
      poolA += amountIn - gotA;
    }
    const supply = liquidity + MINIMUM_LIQUIDITY;
    const { amount0, amount1 } = await removeV2Liquidity(pair, liquidity, lp);
    const aIs0 = (await pair.token0()) === (await tokenA.getAddress());
    const [backA, backB] = aIs0 ? [amount0, amount1] : [amount1, amount0];
    expect(backA).to.equal((liquidity * poolA) / supply);
    expect(backB).to.equal((liquidity * seed) / supply);
    // 50,000 A traded in round trips at 0.3% per leg: between 0.55% and 0.6% of it (275-300 A).
    const gain = backA - seed;
    expect(gain).to.be.greaterThan(275n * E18);
    expect(gain).to.be.lessThan(300n * E18);
  });
});
