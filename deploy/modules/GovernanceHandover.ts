import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { ROLE } from "../../scripts/lib/protocol-config.js";
import type { AnyModule } from "./Reactor.js";
import RolesModule from "./Roles.js";

/**
 * Moves GOVERNANCE_ROLE from the deployer to the timelock, after every module in `after` (the
 * whole wiring) has run: from then on every parameter change waits out the timelock's delay.
 */
export function governanceHandoverModule(after: readonly AnyModule[]) {
  return buildModule("GovernanceHandover", (m) => {
    const { protocolRoles, timelock } = m.useModule(RolesModule);
    const granted = m.call(protocolRoles, "grantRole", [ROLE.governance, timelock], {
      id: "grantTimelock",
      after: [...after],
    });
    m.call(protocolRoles, "renounceRole", [ROLE.governance, m.getAccount(0)], {
      id: "renounceDeployer",
      after: [granted],
    });
    return {};
  });
}
