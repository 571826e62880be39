import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import CycleManagerModule from "./CycleManager.js";
import RolesModule from "./Roles.js";

/** Which venues each Reactor's LDs may vote for (governance allows them per Reactor). */
export default buildModule("VenueRegistry", (m) => {
  const { protocolRoles } = m.useModule(RolesModule);
  const { cycleManager } = m.useModule(CycleManagerModule);
  const venueRegistry = m.contract("VenueRegistry", [protocolRoles, cycleManager]);
  return { venueRegistry };
});
