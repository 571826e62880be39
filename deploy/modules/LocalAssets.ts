import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { LOCAL_TOKENS } from "../../scripts/lib/protocol-config.js";
import DexWorldModule from "./DexWorld.js";

/**
 * The assets of a local chain: WETH from the DEX world, and test tokens (anyone may mint) for
 * USDC and two project assets. Same result keys as ExternalAssets.ts where they overlap.
 */
export default buildModule("LocalAssets", (m) => {
  const { weth } = m.useModule(DexWorldModule);
  const token = (symbol: keyof typeof LOCAL_TOKENS) =>
    m.contract("TestERC20", [LOCAL_TOKENS[symbol].name, symbol, LOCAL_TOKENS[symbol].decimals], {
      id: symbol,
    });
  return { weth, usdc: token("USDC"), alcx: token("ALCX"), fxs: token("FXS") };
});
