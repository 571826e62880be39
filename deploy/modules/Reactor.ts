import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type {
  ContractFuture,
  IgnitionModule,
  IgnitionModuleResult,
} from "@nomicfoundation/ignition-core";
import CycleManagerModule from "./CycleManager.js";
import RolesModule from "./Roles.js";
import TreasuryModule from "./Treasury.js";

/** Any module, as far as composition cares. */
export type AnyModule = IgnitionModule<string, string, IgnitionModuleResult<string>>;

/** Where a Reactor's asset comes from: the `key` result of an asset module. */
export interface AssetRef {
  readonly module: AnyModule;
  readonly key: string;
}

/** Ignition module id of the Reactor for `symbol` (its address is at `<id>#Reactor`). */
export const reactorModuleId = (symbol: string) => `Reactor_${symbol}`;

/**
 * The Reactor (and tAsset) of one asset, registered with the cycle manager by the deployer
 * (who holds GOVERNANCE_ROLE while the system is wired). One module per asset: module id
 * `Reactor_<SYMBOL>`. `registerAfter` (the previous Reactor's module) fixes the registration
 * order, which is the order the rollover settles Reactors in. Build each Reactor module once per
 * composition and pass the object around: Ignition requires one object per module id.
 */
export function reactorModule(symbol: string, asset: AssetRef, registerAfter?: AnyModule) {
  return buildModule(reactorModuleId(symbol), (m) => {
    const { protocolRoles } = m.useModule(RolesModule);
    const { treasury } = m.useModule(TreasuryModule);
    const { cycleManager } = m.useModule(CycleManagerModule);
    const assets = m.useModule(asset.module);
    const token = assets[asset.key] as ContractFuture<string> | undefined;
    if (token === undefined) throw new Error(`${asset.module.id} has no result "${asset.key}"`);
    const reactor = m.contract("Reactor", [token, cycleManager, protocolRoles, treasury]);
    m.call(cycleManager, "addReactor", [reactor], {
      after: registerAfter === undefined ? [] : [registerAfter],
    });
    return { reactor };
  });
}
