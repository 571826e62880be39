import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { CYCLE_SECONDS } from "../../scripts/lib/protocol-config.js";
import RolesModule from "./Roles.js";

/**
 * The cycle clock and rollover state machine.
 *
 * Parameters (module "CycleManager"):
 * - firstStart:   when cycle 0 starts, unix seconds (required; `deploySystem` and
 *                 `npm run deploy` fill it with the chain's latest block time when it is 0)
 * - cycleSeconds: cycle length in seconds (default 7 days)
 */
export default buildModule("CycleManager", (m) => {
  const { protocolRoles } = m.useModule(RolesModule);
  const cycleManager = m.contract("CycleManager", [
    protocolRoles,
    m.getParameter<bigint>("firstStart"),
    m.getParameter("cycleSeconds", CYCLE_SECONDS),
  ]);
  return { cycleManager };
});
