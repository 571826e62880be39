// npm start: deploys the DEX world on Hardhat's in-process chain, seeds one ALPHA/BETA pool per
// venue at the same price (1 ALPHA = 0.5 BETA) and sells the same 1,000 ALPHA on each.
import Table from "cli-table3";
import { formatUnits } from "ethers";
import { network } from "hardhat";
import pc from "picocolors";
import {
  BALANCER_ONE,
  createWeightedPool,
  joinWeightedPool,
  swapBalancer,
} from "./lib/balancer.js";
import { deployDexWorld } from "./lib/dex-world.js";
import { deployTestToken } from "./lib/tokens.js";
import { addV2Liquidity, swapV2, v2AmountOut, type SwapResult } from "./lib/v2.js";

const E18 = 10n ** 18n;
const SWAP_IN = 1_000n * E18;
const SWAP_FEE = 3n * 10n ** 15n; // 0.3% on every venue, for a like-for-like comparison
const W80 = (BALANCER_ONE * 80n) / 100n;

interface Row {
  venue: string;
  pool: string;
  result: SwapResult;
}

const fmt = (amount: bigint) =>
  Number(formatUnits(amount, 18)).toLocaleString("en-US", { maximumFractionDigits: 4 });

const { ethers } = await network.create();
console.log(
  pc.dim("Deploying WETH9, Uniswap V2, SushiSwap and Balancer V2 from their npm bytecode..."),
);
const world = await deployDexWorld(ethers);
const [, lp, trader] = await ethers.getSigners();
const alpha = await deployTestToken(ethers, "ALPHA", 18, [lp, trader], 10_000_000n * E18);
const beta = await deployTestToken(ethers, "BETA", 18, [lp], 10_000_000n * E18);
const [a, b] = [await alpha.getAddress(), await beta.getAddress()];

const rows: Row[] = [];
for (const venue of [world.uniswap, world.sushiswap]) {
  const { pair } = await addV2Liquidity(venue, alpha, 100_000n * E18, beta, 50_000n * E18, lp);
  rows.push({
    venue: venue.name === "uniswap" ? "Uniswap V2 (Router02)" : "SushiSwap (pair direct)",
    pool: "x*y=k  100,000 ALPHA / 50,000 BETA",
    result: await swapV2(venue, pair, alpha, SWAP_IN, trader),
  });
}
// 80/20 at the same spot price: (50,000 / 0.2) / (400,000 / 0.8) = 0.5 BETA per ALPHA.
const weighted = await createWeightedPool(
  world.balancer,
  [
    { token: a, weight: W80 },
    { token: b, weight: BALANCER_ONE - W80 },
  ],
  SWAP_FEE,
  lp,
);
await joinWeightedPool(world.balancer, weighted, lp, [
  { token: a, amount: 400_000n * E18 },
  { token: b, amount: 50_000n * E18 },
]);
rows.push({
  venue: "Balancer V2 (Vault.swap)",
  pool: "80/20  400,000 ALPHA / 50,000 BETA",
  result: await swapBalancer(world.balancer, weighted, a, b, SWAP_IN, trader),
});

const table = new Table({
  head: ["Venue", "Pool", "Sold", "Received", "Price", "vs spot", "Gas"].map((h) => pc.cyan(h)),
  colAligns: ["left", "left", "right", "right", "right", "right", "right"],
  style: { head: [], border: [] }, // colours come from picocolors, which honours NO_COLOR and CI
});
const spotOut = SWAP_IN / 2n; // 0.5 BETA per ALPHA on every pool
for (const { venue, pool, result } of rows) {
  const shortfallBps = ((spotOut - result.amountOut) * 10_000n) / spotOut;
  table.push([
    venue,
    pool,
    `${fmt(SWAP_IN)} ALPHA`,
    pc.green(`${fmt(result.amountOut)} BETA`),
    (Number(result.amountOut) / Number(SWAP_IN)).toFixed(5),
    `-${(Number(shortfallBps) / 100).toFixed(2)}%`,
    result.gasUsed.toLocaleString("en-US"),
  ]);
}
console.log(pc.bold("\nOne swap of 1,000 ALPHA for BETA on each venue (0.3% fee everywhere)"));
console.log(table.toString());
const expectedV2 = v2AmountOut(SWAP_IN, 100_000n * E18, 50_000n * E18);
console.log(
  pc.dim(
    [
      `Constant product: 1000*0.997*50000/(100000+1000*0.997) = ${fmt(expectedV2)} BETA on both V2 venues.`,
      "vs spot: shortfall against 0.5 BETA/ALPHA (fee + price impact); the deeper 80/20 pool moves less.",
      "SushiSwap gas is transfer + pair.swap from a wallet (no router: see scripts/lib/dex-config.ts).",
    ].join("\n"),
  ),
);
