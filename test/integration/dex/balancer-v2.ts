import { expect } from "chai";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";
import {
  BALANCER_ONE,
  createWeightedPool,
  exitWeightedPool,
  joinWeightedPool,
  swapBalancer,
} from "../../../scripts/lib/balancer.js";
import type { TestToken } from "../../../scripts/lib/dex-types.js";
import type { DexWorld } from "../../../scripts/lib/dex-world.js";
import { dexFixture, E18 } from "../../helpers/dex-fixture.js";
import {
  twoTokenInvariant,
  weightedOutGivenIn,
  relativeError,
} from "../../helpers/weighted-math.js";

const { ethers, networkHelpers } = await network.create();
const fixture = () => dexFixture(ethers);

const SWAP_FEE = 3n * 10n ** 15n; // 0.3%
const W80 = (BALANCER_ONE * 80n) / 100n;
const W20 = BALANCER_ONE - W80;
const W50 = BALANCER_ONE / 2n;
/** BPT the pool mints to the zero address on initialisation (BasePool._getMinimumBpt()). */
const MINIMUM_BPT = 10n ** 6n;
/** Relative tolerance (1e18 = 100%) for results that involve no `pow` but Balancer's rounding. */
const POW_TOLERANCE = 10n ** 6n;
/**
 * LogExpMath.pow is accurate to 1e-14 of the power (FixedPoint.MAX_POW_RELATIVE_ERROR), and
 * powUp adds that much again. A swap pays B_out * (1 - power), so the error on the amount out is
 * bounded by B_out * 2e-14, however small the swap.
 */
const MAX_POW_RELATIVE_ERROR = 10n ** 4n;
const powError = (balanceOut: bigint) =>
  (balanceOut * 2n * MAX_POW_RELATIVE_ERROR) / BALANCER_ONE + 1n;

/** A pool of A (weight wA) and B (weight wB), initialised by the LP with `seedA` and `seedB`. */
async function seededPool(
  world: DexWorld,
  tokens: { tokenA: TestToken; tokenB: TestToken },
  wA: bigint,
  seedA: bigint,
  seedB: bigint,
) {
  const [, lp] = await ethers.getSigners();
  const [a, b] = [await tokens.tokenA.getAddress(), await tokens.tokenB.getAddress()];
  const handle = await createWeightedPool(
    world.balancer,
    [
      { token: a, weight: wA },
      { token: b, weight: BALANCER_ONE - wA },
    ],
    SWAP_FEE,
    lp,
  );
  const bpt = await joinWeightedPool(world.balancer, handle, lp, [
    { token: a, amount: seedA },
    { token: b, amount: seedB },
  ]);
  return { handle, bpt, a, b };
}

describe("Balancer V2 weighted pools (mainnet Vault and factory bytecode from npm)", function () {
  it("creates a pool with sorted tokens, the weights and the swap fee asked for", async function () {
    const { world, lp, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    const [a, b] = [await tokenA.getAddress(), await tokenB.getAddress()];
    const handle = await createWeightedPool(
      world.balancer,
      [
        { token: a, weight: W80 },
        { token: b, weight: W20 },
      ],
      SWAP_FEE,
      lp,
    );
    const aFirst = BigInt(a) < BigInt(b);
    expect(handle.tokens).to.deep.equal(aFirst ? [a, b] : [b, a]);
    expect(await handle.pool.getNormalizedWeights()).to.deep.equal(
      aFirst ? [W80, W20] : [W20, W80],
    );
    expect(await handle.pool.getSwapFeePercentage()).to.equal(SWAP_FEE);
    const [registered] = await world.balancer.vault.getPool(handle.poolId);
    expect(registered).to.equal(await handle.pool.getAddress());
    const [vaultTokens] = await world.balancer.vault.getPoolTokens(handle.poolId);
    expect(vaultTokens).to.deep.equal(handle.tokens);
  });

  it("initialises with BPT = 2 x invariant, minus the minimum BPT locked at 0x0", async function () {
    const { world, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    // 50/50 of 40,000 A and 10,000 B: invariant sqrt(40,000 * 10,000) = 20,000; BPT 40,000.
    const { handle, bpt } = await seededPool(
      world,
      { tokenA, tokenB },
      W50,
      40_000n * E18,
      10_000n * E18,
    );
    expect(await handle.pool.balanceOf(ZeroAddress)).to.equal(MINIMUM_BPT);
    expect(relativeError(bpt + MINIMUM_BPT, 40_000n * E18)).to.be.lessThanOrEqual(POW_TOLERANCE);
    const invariant = twoTokenInvariant(40_000n * E18, W50, 10_000n * E18, W50);
    expect(invariant).to.equal(20_000n * E18);
    expect(relativeError(await handle.pool.getInvariant(), invariant)).to.be.lessThanOrEqual(
      POW_TOLERANCE,
    );
  });

  it("swaps into the 80% side for the weighted out-given-in amount (exponent 4)", async function () {
    const { world, trader, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    const [seedA, seedB] = [80_000n * E18, 5_000n * E18];
    const { handle, a, b } = await seededPool(world, { tokenA, tokenB }, W80, seedA, seedB);
    const amountIn = 2_000n * E18;
    const received = (await swapBalancer(world.balancer, handle, a, b, amountIn, trader)).amountOut;
    const expected = weightedOutGivenIn(seedA, W80, seedB, W20, amountIn, SWAP_FEE);
    expect(received).to.be.lessThanOrEqual(expected); // the Vault rounds in the pool's favour
    expect(expected - received).to.be.lessThanOrEqual(powError(seedB));
    // Hand check: 5000 * (1 - (80000 / 81994)^4) = 468.92... B.
    expect(received / 10n ** 16n).to.equal(46_892n);
  });

  it("swaps into the 20% side for the weighted out-given-in amount (exponent 1/4)", async function () {
    const { world, trader, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    const [seedA, seedB] = [80_000n * E18, 5_000n * E18];
    const { handle, a, b } = await seededPool(world, { tokenA, tokenB }, W80, seedA, seedB);
    const amountIn = 100n * E18;
    const received = (await swapBalancer(world.balancer, handle, b, a, amountIn, trader)).amountOut;
    const expected = weightedOutGivenIn(seedB, W20, seedA, W80, amountIn, SWAP_FEE);
    expect(received).to.be.lessThanOrEqual(expected);
    expect(expected - received).to.be.lessThanOrEqual(powError(seedA));
    // Hand check: 80000 * (1 - (5000 / 5099.7)^(1/4)) = 393.90... A.
    expect(received / 10n ** 16n).to.equal(39_390n);
  });

  it("mints BPT pro rata for a proportional join", async function () {
    const { world, other, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    const { handle, a, b } = await seededPool(
      world,
      { tokenA, tokenB },
      W80,
      80_000n * E18,
      5_000n * E18,
    );
    const supply = await handle.pool.totalSupply();
    // A 10% proportional join: no swap, so no fee, and 10% of the supply in BPT.
    const bpt = await joinWeightedPool(world.balancer, handle, other, [
      { token: a, amount: 8_000n * E18 },
      { token: b, amount: 500n * E18 },
    ]);
    expect(relativeError(bpt, supply / 10n)).to.be.lessThanOrEqual(POW_TOLERANCE);
    expect(bpt).to.be.lessThanOrEqual(supply / 10n);
  });

  it("pays the LP the swap fees on exit", async function () {
    const { world, lp, trader, tokenA, tokenB } = await networkHelpers.loadFixture(fixture);
    const seed = 100_000n * E18;
    const { handle, bpt, a, b } = await seededPool(world, { tokenA, tokenB }, W50, seed, seed);
    const amountIn = 5_000n * E18;
    for (let i = 0; i < 4; i++) {
      const gotB = (await swapBalancer(world.balancer, handle, a, b, amountIn, trader)).amountOut;
      await swapBalancer(world.balancer, handle, b, a, gotB, trader);
    }
    const [, balances] = await world.balancer.vault.getPoolTokens(handle.poolId);
    const supply = await handle.pool.totalSupply();
    const amounts = await exitWeightedPool(world.balancer, handle, lp, bpt);
    const aIndex = handle.tokens.indexOf(a);
    const [backA, backB] = [amounts[aIndex], amounts[1 - aIndex]];
    // Proportional exit in Balancer's fixed point: ratio = bpt / supply, then balance * ratio,
    // each rounded down.
    const ratio = (bpt * BALANCER_ONE) / supply;
    expect(backA).to.equal((balances[aIndex] * ratio) / BALANCER_ONE);
    expect(backB).to.equal((balances[1 - aIndex] * ratio) / BALANCER_ONE);
    expect(seed - backB).to.be.lessThan(E18 / 10n ** 6n);
    // 20,000 A traded in round trips at 0.3% per leg: between 0.55% and 0.6% of it.
    const gain = backA - seed;
    expect(gain).to.be.greaterThan(110n * E18);
    expect(gain).to.be.lessThan(120n * E18);
    expect(await handle.pool.balanceOf(lp.address)).to.equal(0n);
  });
});
