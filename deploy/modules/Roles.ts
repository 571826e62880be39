import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import {
  ROLE,
  TIMELOCK_MIN_DELAY_SECONDS,
  ZERO_ADDRESS,
} from "../../scripts/lib/protocol-config.js";

/**
 * The role registry and governance's timelock. The deployer holds GOVERNANCE_ROLE while the
 * system is wired (registering Reactors, setting hooks); GovernanceHandover.ts later moves it to
 * the timelock on public networks. The timelock has no admin, anyone may execute a ready
 * operation, and only `timelockProposer` may schedule.
 *
 * Parameters (module "Roles"):
 * - timelockMinDelay: seconds between scheduling and executing (default 2 days)
 * - timelockProposer: who may schedule (default: the deployer; a multisig in production)
 * - guardian:         GUARDIAN_ROLE, may pause deposits and venue moves (default: the deployer)
 * - keeper:           KEEPER_ROLE, may pass tighter rollover bounds (default: the deployer)
 */
export default buildModule("Roles", (m) => {
  const deployer = m.getAccount(0);
  const proposer = m.getParameter("timelockProposer", deployer);
  const timelock = m.contract("TimelockController", [
    m.getParameter("timelockMinDelay", TIMELOCK_MIN_DELAY_SECONDS),
    [proposer],
    [ZERO_ADDRESS], // executors: the zero address lets anyone execute a ready operation
    ZERO_ADDRESS, // no admin: the timelock administers itself
  ]);
  const protocolRoles = m.contract("ProtocolRoles", [deployer]);
  m.call(protocolRoles, "grantRole", [ROLE.guardian, m.getParameter("guardian", deployer)], {
    id: "grantGuardian",
  });
  m.call(protocolRoles, "grantRole", [ROLE.keeper, m.getParameter("keeper", deployer)], {
    id: "grantKeeper",
  });
  return { protocolRoles, timelock };
});
