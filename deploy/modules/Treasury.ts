import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import RolesModule from "./Roles.js";

/** The Treasury: protocol-controlled value (fees, surplus), paid out only by governance. */
export default buildModule("Treasury", (m) => {
  const { protocolRoles } = m.useModule(RolesModule);
  const treasury = m.contract("Treasury", [protocolRoles]);
  return { treasury };
});
