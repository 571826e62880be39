import type {
  FeeDistributor,
  LDCompensation,
  StakeVotes,
  TimelockController,
  TokeGovernor,
} from "../../typechain-types/index.js";
import { DAO_DEFAULTS, TIMELOCK_ROLE } from "../../scripts/lib/dao-config.js";
import { ROLE } from "../../scripts/lib/protocol-config.js";
import type { Connection } from "./core.js";
import { deployDirectors, E18 } from "./directors.js";

/** The timelock's delay in the DAO tests, seconds (the deployment default: 2 days). */
export const TIMELOCK_DELAY = 2n * 24n * 3600n;
/** Quorum of the test governor, basis points (4% of the TOKE supply). */
export const QUORUM_BPS = 400n;
/** Proposal threshold of the test governor, TOKE wei. */
export const THRESHOLD = 10_000n * E18;

/**
 * The directors' system (deployDirectors) with TokemakDAO on top, wired as deploy/modules/DAO.ts
 * wires it: StakeVotes hooked into LD staking, the fee distributor (paying WETH) as its listener,
 * LD compensation (paying TOKE), a TimelockController holding GOVERNANCE_ROLE with the governor
 * as its only proposer, and the governor (default delays, 4% quorum). The last user is the
 * slasher, so tests can slash stake directly. Signer 0 keeps GOVERNANCE_ROLE too (the interim
 * governance before the hand-over) and 10M TOKE, which it does not delegate.
 */
export async function deployDao(conn: Connection) {
  const d = await deployDirectors(conn);
  const { ethers, governance } = d;
  const slasher = d.users[d.users.length - 1];
  await d.staking.setSlasher(slasher.address);
  const rolesAddress = await d.roles.getAddress();
  const stakeVotes = (await ethers.deployContract("StakeVotes", [
    rolesAddress,
    await d.staking.getAddress(),
  ])) as unknown as StakeVotes;
  await d.staking.setStakeVotes(await stakeVotes.getAddress());
  const feeDistributor = (await ethers.deployContract("FeeDistributor", [
    rolesAddress,
    await d.weth.getAddress(),
    await stakeVotes.getAddress(),
    DAO_DEFAULTS.feeDistributionSeconds,
  ])) as unknown as FeeDistributor;
  await stakeVotes.setListener(await feeDistributor.getAddress());
  const ldCompensation = (await ethers.deployContract("LDCompensation", [
    rolesAddress,
    await d.toke.getAddress(),
    await stakeVotes.getAddress(),
  ])) as unknown as LDCompensation;
  const timelock = (await ethers.deployContract("TimelockController", [
    TIMELOCK_DELAY,
    [],
    [ethers.ZeroAddress],
    governance.address,
  ])) as unknown as TimelockController;
  const governor = (await ethers.deployContract("TokeGovernor", [
    await d.toke.getAddress(),
    await stakeVotes.getAddress(),
    await timelock.getAddress(),
    DAO_DEFAULTS.votingDelaySeconds,
    DAO_DEFAULTS.votingPeriodSeconds,
    THRESHOLD,
    QUORUM_BPS,
  ])) as unknown as TokeGovernor;
  const timelockAddress = await timelock.getAddress();
  await timelock.grantRole(TIMELOCK_ROLE.proposer, await governor.getAddress());
  await timelock.grantRole(TIMELOCK_ROLE.canceller, await governor.getAddress());
  await timelock.renounceRole(TIMELOCK_ROLE.admin, governance.address);
  await d.roles.grantRole(ROLE.governance, timelockAddress);
  return { ...d, slasher, stakeVotes, feeDistributor, ldCompensation, timelock, governor };
}

export type DaoFixture = Awaited<ReturnType<typeof deployDao>>;
