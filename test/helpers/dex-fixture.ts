import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import { deployDexWorld } from "../../scripts/lib/dex-world.js";
import { deployTestToken } from "../../scripts/lib/tokens.js";

/** 1e18: one whole 18-decimal token. */
export const E18 = 10n ** 18n;
/** What each actor holds of each test token at the start. */
export const START_BALANCE = 1_000_000n * E18;

/**
 * The local DEX world plus two 18-decimal test tokens held by the LP and the trader. Wrap it in
 * `networkHelpers.loadFixture` so each test starts from the same snapshot.
 */
export async function dexFixture(ethers: HardhatEthers) {
  const world = await deployDexWorld(ethers);
  const [, lp, trader, other] = await ethers.getSigners();
  const holders = [lp, trader, other];
  const tokenA = await deployTestToken(ethers, "TKA", 18, holders, START_BALANCE);
  const tokenB = await deployTestToken(ethers, "TKB", 18, holders, START_BALANCE);
  return { world, lp, trader, other, tokenA, tokenB };
}
