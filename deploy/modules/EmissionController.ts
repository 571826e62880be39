import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture } from "@nomicfoundation/ignition-core";
import { EMISSION_DEFAULTS } from "../../scripts/lib/protocol-config.js";
import CycleManagerModule from "./CycleManager.js";
import LDStakingModule from "./LDStaking.js";
import PriceFeedModule from "./PriceFeed.js";
import type { AnyModule } from "./Reactor.js";
import RolesModule from "./Roles.js";
import TokeModule from "./Toke.js";

/**
 * TOKE emissions: the cycle manager's emission hook and the stake ledger's settler, with the
 * TOKE Reactor (`tokeReactor`) as the pooled LD option; the deployer funds its reserve.
 *
 * Parameters (module "EmissionController"): emissionPerCycle (TOKE wei, default 1,000 TOKE),
 * floorBps (balance floor, default 2,500), reserve (TOKE wei the deployer funds, default 10M).
 */
export function emissionControllerModule(tokeReactor: AnyModule) {
  return buildModule("EmissionController", (m) => {
    const { protocolRoles } = m.useModule(RolesModule);
    const { toke } = m.useModule(TokeModule);
    const { cycleManager } = m.useModule(CycleManagerModule);
    const { ldStaking } = m.useModule(LDStakingModule);
    const { priceFeed } = m.useModule(PriceFeedModule);
    const reactor = m.useModule(tokeReactor).reactor as ContractFuture<string>;
    const emissionController = m.contract("EmissionController", [
      protocolRoles,
      toke,
      cycleManager,
      ldStaking,
      priceFeed,
      m.getParameter("emissionPerCycle", EMISSION_DEFAULTS.emissionPerCycleWei),
      m.getParameter("floorBps", EMISSION_DEFAULTS.floorBps),
    ]);
    m.call(ldStaking, "setController", [emissionController]);
    m.call(cycleManager, "setEmissionHook", [emissionController]);
    m.call(emissionController, "setPoolReactor", [reactor]);
    const reserve = m.getParameter("reserve", EMISSION_DEFAULTS.reserveWei);
    const approved = m.call(toke, "approve", [emissionController, reserve], {
      id: "approveReserve",
    });
    m.call(emissionController, "fund", [reserve], { after: [approved] });
    return { emissionController };
  });
}
