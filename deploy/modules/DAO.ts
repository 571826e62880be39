import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture } from "@nomicfoundation/ignition-core";
import { DAO_DEFAULTS } from "../../scripts/lib/dao-config.js";
import CycleManagerModule from "./CycleManager.js";
import LDStakingModule from "./LDStaking.js";
import type { AssetRef } from "./Reactor.js";
import RolesModule from "./Roles.js";
import TokeModule from "./Toke.js";
import TreasuryModule from "./Treasury.js";

/**
 * TokemakDAO: the governor over TOKE and staked TOKE (its proposals run through the Roles
 * timelock), the stake-votes source hooked into LD staking, the fee distributor (paying
 * `rewardAsset`, e.g. WETH fees, to TOKE stakers) as the source's listener, the LD compensation
 * contract, and the Treasury's cycle manager (for protocol-controlled liquidity). It runs while
 * the deployer still holds GOVERNANCE_ROLE; the governor becomes the timelock's proposer and
 * takes over the roles in the hand-over (scripts/lib/dao.ts), not here.
 *
 * Parameters (module "DAO"): votingDelay, votingPeriod (seconds), proposalThreshold (TOKE wei),
 * quorumBps, feeDistributionSeconds; defaults in scripts/lib/dao-config.ts.
 */
export function daoModule(rewardAsset: AssetRef) {
  return buildModule("DAO", (m) => {
    const { protocolRoles, timelock } = m.useModule(RolesModule);
    const { toke } = m.useModule(TokeModule);
    const { treasury } = m.useModule(TreasuryModule);
    const { cycleManager } = m.useModule(CycleManagerModule);
    const { ldStaking } = m.useModule(LDStakingModule);
    const reward = m.useModule(rewardAsset.module)[rewardAsset.key] as ContractFuture<string>;

    const stakeVotes = m.contract("StakeVotes", [protocolRoles, ldStaking]);
    m.call(ldStaking, "setStakeVotes", [stakeVotes]);
    const feeDistributor = m.contract("FeeDistributor", [
      protocolRoles,
      reward,
      stakeVotes,
      m.getParameter("feeDistributionSeconds", DAO_DEFAULTS.feeDistributionSeconds),
    ]);
    m.call(stakeVotes, "setListener", [feeDistributor]);
    const ldCompensation = m.contract("LDCompensation", [protocolRoles, toke, stakeVotes]);
    const governor = m.contract("TokeGovernor", [
      toke,
      stakeVotes,
      timelock,
      m.getParameter("votingDelay", DAO_DEFAULTS.votingDelaySeconds),
      m.getParameter("votingPeriod", DAO_DEFAULTS.votingPeriodSeconds),
      m.getParameter("proposalThreshold", DAO_DEFAULTS.proposalThresholdWei),
      m.getParameter("quorumBps", DAO_DEFAULTS.quorumBps),
    ]);
    m.call(treasury, "setCycleManager", [cycleManager]);
    return { governor, stakeVotes, feeDistributor, ldCompensation };
  });
}
