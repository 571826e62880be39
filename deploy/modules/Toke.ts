import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { TOKE_SUPPLY_WEI } from "../../scripts/lib/protocol-config.js";

/**
 * TOKE: the whole fixed supply is minted to one recipient (the deployer by default), who funds
 * the emissions reserve, the launch sale and the Treasury from it in later modules.
 *
 * Parameters (module "Toke"):
 * - supply:    total supply in wei (default 100,000,000 TOKE)
 * - recipient: who receives it (default: the deployer)
 */
export default buildModule("Toke", (m) => {
  const recipient = m.getParameter("recipient", m.getAccount(0));
  const toke = m.contract("Toke", [[recipient], [m.getParameter("supply", TOKE_SUPPLY_WEI)]]);
  return { toke };
});
