import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { ALLOCATOR_DEFAULTS } from "../../scripts/lib/protocol-config.js";
import CycleManagerModule from "./CycleManager.js";
import LDStakingModule from "./LDStaking.js";
import type { AnyModule } from "./Reactor.js";
import RolesModule from "./Roles.js";
import TokeModule from "./Toke.js";
import TreasuryModule from "./Treasury.js";

/**
 * The rollover's venue step: targets from LD votes, TWAP-bounded moves, fees to the Treasury
 * and the loss waterfall. Wired as the cycle manager's allocator, the Treasury's loss cover, the
 * stake's slasher; reads votes from LD staking.
 *
 * Parameters (module "LiquidityAllocator"): maxSlippageBps (default 100), minMoveBps (default 100),
 * recallBufferBps (default 500: the share of each Reactor kept idle for exits).
 */
export function liquidityAllocatorModule(oracle: AnyModule) {
  return buildModule("LiquidityAllocator", (m) => {
    const { protocolRoles } = m.useModule(RolesModule);
    const { toke } = m.useModule(TokeModule);
    const { treasury } = m.useModule(TreasuryModule);
    const { cycleManager } = m.useModule(CycleManagerModule);
    const { ldStaking } = m.useModule(LDStakingModule);
    const { twapOracle } = m.useModule(oracle);
    const liquidityAllocator = m.contract("LiquidityAllocator", [
      protocolRoles,
      cycleManager,
      twapOracle,
      treasury,
      toke,
      m.getParameter("maxSlippageBps", ALLOCATOR_DEFAULTS.maxSlippageBps),
      m.getParameter("minMoveBps", ALLOCATOR_DEFAULTS.minMoveBps),
    ]);
    m.call(liquidityAllocator, "setStakeDirectory", [ldStaking]);
    m.call(ldStaking, "setSlasher", [liquidityAllocator]);
    m.call(treasury, "setLossCover", [liquidityAllocator]);
    m.call(cycleManager, "setAllocator", [liquidityAllocator]);
    m.call(liquidityAllocator, "setRecallBuffer", [
      m.getParameter("recallBufferBps", ALLOCATOR_DEFAULTS.recallBufferBps),
    ]);
    return { liquidityAllocator };
  });
}
