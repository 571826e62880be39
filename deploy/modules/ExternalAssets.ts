import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { npmArtifacts } from "../../scripts/lib/artifacts.js";

/**
 * The assets of a fork or a public network: contracts that already exist there.
 *
 * Parameters (module "ExternalAssets"):
 * - weth: the canonical WETH9 address
 * - usdc: the USDC address
 */
export default buildModule("ExternalAssets", (m) => {
  const weth = m.contractAt("IWETH9", m.getParameter<string>("weth"), { id: "WETH" });
  const usdc = m.contractAt("USDC", npmArtifacts.erc20(), m.getParameter<string>("usdc"));
  return { weth, usdc };
});
