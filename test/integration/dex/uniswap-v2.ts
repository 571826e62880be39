import { expect } from "chai";
import { getCreate2Address, keccak256, solidityPackedKeccak256 } from "ethers";
import { network } from "hardhat";
import { MAINNET_PAIR_INIT_CODE_HASH } from "../../../scripts/lib/addresses.js";
import { npmArtifacts } from "../../../scripts/lib/artifacts.js";
import { addV2Liquidity, removeV2Liquidity, swapV2 } from "../../../scripts/lib/v2.js";
import { dexFixture, E18 } from "../../helpers/dex-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = () => dexFixture(ethers);

/** Uniswap V2's 0.3% fee, written out from the whitepaper rather than imported from the helper. */
const out = (amountIn: bigint, rIn: bigint, rOut: bigint) =>
  (amountIn * 997n * rOut) / (rIn * 1000n + amountIn * 997n);
const MINIMUM_LIQUIDITY = 1000n;

describe("Uniswap V2 (mainnet bytecode from npm)", function () {
  it("Router02 finds pairs the factory creates: the npm pair hash is mainnet's", async function () {
    const { world, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    const initCodeHash = keccak256(npmArtifacts.uniswapV2Pair().bytecode);
    expect(initCodeHash).to.equal(MAINNET_PAIR_INIT_CODE_HASH.uniswapV2);
    const [a, b] = [await tokenA.getAddress(), await tokenB.getAddress()];
    await (await world.uniswap.factory.createPair(a, b)).wait();
    const [t0, t1] = BigInt(a) < BigInt(b) ? [a, b] : [b, a];
    const salt = solidityPackedKeccak256(["address", "address"], [t0, t1]);
    const factory = await world.uniswap.factory.getAddress();
    expect(await world.uniswap.factory.getPair(a, b)).to.equal(
      getCreate2Address(factory, salt, initCodeHash),
    );
    expect(await world.uniswap.router.factory()).to.equal(factory);
  });

  it("seeds a pair through the router and mints sqrt(a*b) - 1000 LP tokens", async function () {
    const { world, lp, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    // 40,000 A and 10,000 B: sqrt(4e8) = 20,000 LP tokens, minus the 1000 wei locked forever.
    const { pair, liquidity } = await addV2Liquidity(
      world.uniswap,
      tokenA,
      40_000n * E18,
      tokenB,
      10_000n * E18,
      lp,
    );
    expect(liquidity).to.equal(20_000n * E18 - MINIMUM_LIQUIDITY);
    const [r0, r1] = await pair.getReserves();
    expect(r0 + r1).to.equal(50_000n * E18);
  });

  it("swaps exactly the constant-product amount with the 0.3% fee", async function () {
    const { world, lp, trader, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    const { pair } = await addV2Liquidity(
      world.uniswap,
      tokenA,
      100_000n * E18,
      tokenB,
      50_000n * E18,
      lp,
    );
    const amountIn = 1_000n * E18;
    const received = (await swapV2(world.uniswap, pair, tokenA, amountIn, trader)).amountOut;
    expect(received).to.equal(out(amountIn, 100_000n * E18, 50_000n * E18));
    // Hand check: 1000*997*50000/(100000*1000+1000*997) = 493.579... B.
    expect(received / 10n ** 15n).to.equal(493_579n);
  });

  it("pays the LP the swap fees when liquidity is removed", async function () {
    const { world, lp, trader, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    const seed = 100_000n * E18;
    const { pair, liquidity } = await addV2Liquidity(world.uniswap, tokenA, seed, tokenB, seed, lp);
    // A round trip A -> B -> A: without fees the pool would end where it started.
    const amountIn = 5_000n * E18;
    const gotB = (await swapV2(world.uniswap, pair, tokenA, amountIn, trader)).amountOut;
    const rA = seed + amountIn;
    const rB = seed - gotB;
    const gotA = (await swapV2(world.uniswap, pair, tokenB, gotB, trader)).amountOut;
    expect(gotA).to.equal(out(gotB, rB, rA));
    const poolA = rA - gotA; // the pool keeps both legs' fees, on the A side
    const supply = liquidity + MINIMUM_LIQUIDITY;
    const { amount0, amount1 } = await removeV2Liquidity(pair, liquidity, lp);
    const aIs0 = (await pair.token0()) === (await tokenA.getAddress());
    const [backA, backB] = aIs0 ? [amount0, amount1] : [amount1, amount0];
    expect(backA).to.equal((liquidity * poolA) / supply);
    expect(backB).to.equal((liquidity * seed) / supply);
    // Two 0.3% legs cap the gain at 0.6% of the 5,000 A traded (30 A); it is a little less
    // because the second fee is charged on the ~4,749 B received and the first leg's fee moved
    // the price the second leg is paid at. The LP leaves only its 1000-wei share of B behind.
    const gain = backA - seed;
    expect(gain).to.be.greaterThan((amountIn * 55n) / 10_000n);
    expect(gain).to.be.lessThan((amountIn * 60n) / 10_000n);
    expect(seed - backB).to.be.lessThan(E18 / 10n ** 12n);
  });
});
