import { expect } from "chai";
import { network } from "hardhat";
import DexWorldModule from "../../../deploy/modules/DexWorld.js";
import {
  createWeightedPool,
  joinWeightedPool,
  swapBalancer,
} from "../../../scripts/lib/balancer.js";
import { attachDexWorld } from "../../../scripts/lib/dex-world.js";
import { deployTestToken } from "../../../scripts/lib/tokens.js";
import { addV2Liquidity, swapV2 } from "../../../scripts/lib/v2.js";

const { ethers, ignition } = await network.create();
const E18 = 10n ** 18n;

describe("Ignition module deploy/modules/DexWorld.ts", function () {
  it("deploys a wired DEX world that trades on every venue", async function () {
    const deployed = await ignition.deploy(DexWorldModule);
    const address = async (c: { getAddress(): Promise<string> }) => c.getAddress();
    const world = await attachDexWorld(
      ethers,
      {
        weth: await address(deployed.weth),
        uniswapV2Factory: await address(deployed.uniswapV2Factory),
        uniswapV2Router02: await address(deployed.uniswapV2Router02),
        sushiswapFactory: await address(deployed.sushiswapFactory),
        balancerVault: await address(deployed.balancerVault),
        balancerAuthorizer: await address(deployed.balancerAuthorizer),
        balancerFeeProvider: await address(deployed.balancerFeeProvider),
        balancerWeightedPoolFactory: await address(deployed.balancerWeightedPoolFactory),
        balancerWeightedPoolFactoryVersion: 3,
      },
      "local",
    );
    const weth = await world.weth.getAddress();
    const vault = await world.balancer.vault.getAddress();
    expect(await world.uniswap.router.factory()).to.equal(await world.uniswap.factory.getAddress());
    expect(await world.uniswap.router.WETH()).to.equal(weth);
    expect(await world.balancer.vault.WETH()).to.equal(weth);
    expect(await world.balancer.vault.getAuthorizer()).to.equal(
      await world.balancer.authorizer.getAddress(),
    );
    expect(await world.balancer.weightedPoolFactory.contract.getVault()).to.equal(vault);

    const [, lp, trader] = await ethers.getSigners();
    const a = await deployTestToken(ethers, "IGA", 18, [lp, trader], 1_000_000n * E18);
    const b = await deployTestToken(ethers, "IGB", 18, [lp], 1_000_000n * E18);
    for (const venue of [world.uniswap, world.sushiswap]) {
      const { pair } = await addV2Liquidity(venue, a, 10_000n * E18, b, 10_000n * E18, lp);
      // 100 in against 10,000/10,000: 100*997*10000/(10000*1000+100*997) = 98.71... out.
      const got = (await swapV2(venue, pair, a, 100n * E18, trader)).amountOut;
      expect(got / 10n ** 16n, venue.name).to.equal(9_871n);
    }
    const [aa, ba] = [await a.getAddress(), await b.getAddress()];
    const half = E18 / 2n;
    const pool = await createWeightedPool(
      world.balancer,
      [
        { token: aa, weight: half },
        { token: ba, weight: half },
      ],
      3n * 10n ** 15n,
      lp,
    );
    await joinWeightedPool(world.balancer, pool, lp, [
      { token: aa, amount: 10_000n * E18 },
      { token: ba, amount: 10_000n * E18 },
    ]);
    // 50/50 is constant product: 10000 * (1 - 10000/(10000 + 99.7)) = 98.71... out.
    const got = (await swapBalancer(world.balancer, pool, aa, ba, 100n * E18, trader)).amountOut;
    expect(got / 10n ** 16n).to.equal(9_871n);
  });
});
