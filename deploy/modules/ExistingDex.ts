import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { npmArtifacts } from "../../scripts/lib/artifacts.js";
import type { VenueName } from "../../scripts/lib/protocol-config.js";

/**
 * The venues that already exist on a fork or a public network, by address. Only the venues the
 * network uses are asked for.
 *
 * Parameters (module "ExistingDex"): uniswapV2Factory; sushiswapFactory (SushiSwap);
 * balancerVault and balancerWeightedPoolFactory (Balancer V2).
 */
export function existingDexModule(venues: readonly VenueName[]) {
  return buildModule("ExistingDex", (m) => {
    const v2Factory = npmArtifacts.uniswapV2Factory();
    const uniswapV2Factory = m.contractAt(
      "UniswapV2Factory",
      v2Factory,
      m.getParameter<string>("uniswapV2Factory"),
      {
        id: "UniswapV2Factory",
      },
    );
    const results = { uniswapV2Factory } as Record<string, typeof uniswapV2Factory>;
    if (venues.includes("sushiswap")) {
      results.sushiswapFactory = m.contractAt(
        "SushiSwapFactory",
        v2Factory,
        m.getParameter<string>("sushiswapFactory"),
      );
    }
    if (venues.includes("balancer")) {
      results.balancerVault = m.contractAt(
        "Vault",
        npmArtifacts.balancerVault(),
        m.getParameter<string>("balancerVault"),
      );
      results.balancerWeightedPoolFactory = m.contractAt(
        "WeightedPoolFactory",
        npmArtifacts.balancerWeightedPoolFactory(),
        m.getParameter<string>("balancerWeightedPoolFactory"),
      );
    }
    return results;
  });
}
