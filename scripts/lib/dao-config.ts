// The DAO's deployment defaults (deploy/modules/DAO.ts, scripts/lib/dao.ts). No Hardhat import
// here, so Ignition can load it on its own.
import { id, parseUnits } from "ethers";

/** Defaults of the governor and the first-business contracts (module "DAO" parameters). */
export const DAO_DEFAULTS = {
  /** Seconds from proposing to the vote snapshot (bounds: 1 hour to 14 days). */
  votingDelaySeconds: 24n * 3600n,
  /** Seconds of voting (bounds: 1 to 30 days). */
  votingPeriodSeconds: 5n * 24n * 3600n,
  /** Weight needed to propose, TOKE wei (at most 1% of the supply). */
  proposalThresholdWei: parseUnits("100000", 18),
  /** Quorum, basis points of the TOKE supply (bounds: 100 to 3,000). */
  quorumBps: 400n,
  /** Seconds a fee distribution streams over (bounds: 1 to 30 days). */
  feeDistributionSeconds: 7n * 24n * 3600n,
} as const;

/** TimelockController's role ids (keccak256 of the role's name; the admin role is zero). */
export const TIMELOCK_ROLE = {
  admin: `0x${"00".repeat(32)}`,
  proposer: id("PROPOSER_ROLE"),
  executor: id("EXECUTOR_ROLE"),
  canceller: id("CANCELLER_ROLE"),
} as const;
