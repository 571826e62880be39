import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { expect } from "chai";
import { getCreate2Address, solidityPackedKeccak256 } from "ethers";
import { network } from "hardhat";
import { MAINNET, MAINNET_PAIR_INIT_CODE_HASH } from "../../../scripts/lib/addresses.js";
import {
  BALANCER_ONE,
  createWeightedPool,
  joinWeightedPool,
  swapBalancer,
} from "../../../scripts/lib/balancer.js";
import { forkDexWorld, type DexWorld } from "../../../scripts/lib/dex-world.js";
import { deployTestToken } from "../../../scripts/lib/tokens.js";
import { swapV2, v2PairAt, v2Reserves } from "../../../scripts/lib/v2.js";
import { requireMainnetFork } from "../../helpers/fork.js";
import { weightedOutGivenIn } from "../../helpers/weighted-math.js";

const E18 = 10n ** 18n;
/** Forking fetches state over RPC: allow for a slow endpoint. */
const FORK_TIMEOUT_MS = 300_000;

describe("Mainnet fork: the real Uniswap V2, SushiSwap and Balancer V2", function () {
  this.timeout(FORK_TIMEOUT_MS);
  let world: DexWorld;
  let lp: HardhatEthersSigner;
  let trader: HardhatEthersSigner;

  before(async function () {
    requireMainnetFork(this);
    const { ethers } = await network.create("mainnetFork");
    world = await forkDexWorld(ethers);
    [, lp, trader] = await ethers.getSigners();
  });

  it("finds mainnet's SushiSwap WETH/USDC pair at CREATE2 with mainnet's init-code hash", async function () {
    const [t0, t1] =
      BigInt(MAINNET.usdc) < BigInt(MAINNET.weth)
        ? [MAINNET.usdc, MAINNET.weth]
        : [MAINNET.weth, MAINNET.usdc];
    const salt = solidityPackedKeccak256(["address", "address"], [t0, t1]);
    const expected = getCreate2Address(
      MAINNET.sushiswapFactory,
      salt,
      MAINNET_PAIR_INIT_CODE_HASH.sushiswap,
    );
    expect(await world.sushiswap.factory.getPair(MAINNET.weth, MAINNET.usdc)).to.equal(expected);
  });

  it("swaps WETH for USDC on Uniswap V2 for the constant-product amount", async function () {
    const weth = world.weth.connect(trader);
    await (await weth.deposit({ value: 10n * E18 })).wait();
    const pair = v2PairAt(await world.uniswap.factory.getPair(MAINNET.weth, MAINNET.usdc), trader);
    const { reserveIn, reserveOut } = await v2Reserves(pair, weth);
    const amountIn = E18;
    const got = (await swapV2(world.uniswap, pair, weth, amountIn, trader)).amountOut;
    expect(got).to.equal((amountIn * 997n * reserveOut) / (reserveIn * 1000n + amountIn * 997n));
  });

  it("creates, initialises and trades a weighted pool on the real Vault", async function () {
    // Test tokens on the real Vault, through mainnet's weighted pool factory v4.
    const a = await deployTestToken(world.ethers, "FKA", 18, [lp, trader], 1_000_000n * E18);
    const b = await deployTestToken(world.ethers, "FKB", 18, [lp], 1_000_000n * E18);
    const [aa, ba] = [await a.getAddress(), await b.getAddress()];
    const w80 = (BALANCER_ONE * 80n) / 100n;
    const fee = 3n * 10n ** 15n;
    const pool = await createWeightedPool(
      world.balancer,
      [
        { token: aa, weight: w80 },
        { token: ba, weight: BALANCER_ONE - w80 },
      ],
      fee,
      lp,
    );
    await joinWeightedPool(world.balancer, pool, lp, [
      { token: aa, amount: 80_000n * E18 },
      { token: ba, amount: 5_000n * E18 },
    ]);
    const got = (await swapBalancer(world.balancer, pool, aa, ba, 1_000n * E18, trader)).amountOut;
    const expected = weightedOutGivenIn(
      80_000n * E18,
      w80,
      5_000n * E18,
      BALANCER_ONE - w80,
      1_000n * E18,
      fee,
    );
    // Mainnet's protocol fee is taken in BPT on joins and exits, so the swap itself pays the
    // formula; pow's error bound is 2e-14 of the out balance (see balancer-v2.ts).
    expect(got).to.be.lessThanOrEqual(expected);
    expect(expected - got).to.be.lessThanOrEqual((5_000n * E18 * 2n) / 10n ** 14n + 1n);
  });
});
