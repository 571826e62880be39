import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import CycleManagerModule from "./CycleManager.js";
import RolesModule from "./Roles.js";
import TokeModule from "./Toke.js";
import VenueRegistryModule from "./VenueRegistry.js";

/** LD staking: TOKE stake per Reactor, venue votes, delegation, and its EIP-712 vote relay. */
export default buildModule("LDStaking", (m) => {
  const { protocolRoles } = m.useModule(RolesModule);
  const { toke } = m.useModule(TokeModule);
  const { cycleManager } = m.useModule(CycleManagerModule);
  const { venueRegistry } = m.useModule(VenueRegistryModule);
  const ldStaking = m.contract("LDStaking", [protocolRoles, toke, cycleManager, venueRegistry]);
  // The staking contract deploys its own relay; expose it as a handle.
  const ldVoteRelay = m.contractAt("LDVoteRelay", m.staticCall(ldStaking, "relay"));
  return { ldStaking, ldVoteRelay };
});
