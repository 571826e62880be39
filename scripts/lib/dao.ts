// TokemakDAO from TypeScript: handles on its contracts, the two-step hand-over (install the
// governor as the timelock's proposer, then the hand-over proposal), the first-business
// proposals and a propose -> vote -> queue -> execute driver for local chains.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { id, ZeroHash, type BytesLike } from "ethers";
import {
  FeeDistributor__factory,
  LDCompensation__factory,
  StakeVotes__factory,
  TokeGovernor__factory,
  type FeeDistributor,
  type LDCompensation,
  type StakeVotes,
  type TokeGovernor,
} from "../../typechain-types/index.js";
import { TIMELOCK_ROLE } from "./dao-config.js";
import { ROLE } from "./protocol-config.js";
import type { System } from "./system.js";

/** Typed handles on the DAO's contracts. */
export interface Dao {
  readonly governor: TokeGovernor;
  readonly stakeVotes: StakeVotes;
  readonly feeDistributor: FeeDistributor;
  readonly ldCompensation: LDCompensation;
}

/** A governance proposal: calls the timelock makes, in order, and its description. */
export interface Proposal {
  readonly targets: string[];
  readonly values: bigint[];
  readonly calldatas: string[];
  readonly description: string;
}

/** GovernorCountingSimple's support values. */
export const VOTE = { against: 0, for: 1, abstain: 2 } as const;

/** Handles on the DAO of `system` (deployed with it by deploy/modules/DAO.ts). */
export function attachDao(system: System, runner: HardhatEthersSigner = system.signer): Dao {
  const dao = system.addresses.dao;
  if (dao === undefined) throw new Error("this deployment has no DAO (deploy/modules/DAO.ts)");
  return {
    governor: TokeGovernor__factory.connect(dao.governor, runner),
    stakeVotes: StakeVotes__factory.connect(dao.stakeVotes, runner),
    feeDistributor: FeeDistributor__factory.connect(dao.feeDistributor, runner),
    ldCompensation: LDCompensation__factory.connect(dao.ldCompensation, runner),
  };
}

/**
 * Step 1 of the hand-over, by the interim governance (the deployer): gives the timelock
 * GOVERNANCE_ROLE if the deployer still holds it alone, then schedules and (after the timelock's
 * delay, fast-forwarded on a local chain) executes the timelock operation that makes the governor
 * a proposer and canceller. The deployer keeps its own timelock roles until the hand-over
 * proposal (step 2) takes them away.
 */
export async function installGovernor(system: System, dao: Dao): Promise<void> {
  const { roles, timelock, signer } = system;
  const timelockAddress = await timelock.getAddress();
  const governor = await dao.governor.getAddress();
  if (!(await roles.hasRole(ROLE.governance, timelockAddress))) {
    await (await roles.connect(signer).grantRole(ROLE.governance, timelockAddress)).wait();
  }
  if (await timelock.hasRole(TIMELOCK_ROLE.proposer, governor)) return;
  const data = [
    timelock.interface.encodeFunctionData("grantRole", [TIMELOCK_ROLE.proposer, governor]),
    timelock.interface.encodeFunctionData("grantRole", [TIMELOCK_ROLE.canceller, governor]),
  ];
  const targets = data.map(() => timelockAddress);
  const values = data.map(() => 0n);
  const salt = id("TokemakDAO: install the governor");
  const delay = await timelock.getMinDelay();
  await (
    await timelock.connect(signer).scheduleBatch(targets, values, data, ZeroHash, salt, delay)
  ).wait();
  await system.connection.networkHelpers.time.increase(delay);
  await (await timelock.connect(signer).executeBatch(targets, values, data, ZeroHash, salt)).wait();
}

/**
 * Step 2, the hand-over proposal: one governance action that makes the timelock the sole
 * holder of GOVERNANCE_ROLE and appoints `guardian` and `keeper` as the sole holders of theirs
 * (every other holder revoked, the deployer included), and takes the timelock's proposer and
 * canceller roles from `interim` (the deployer), leaving the governor as the only proposer.
 */
export async function handOverProposal(
  system: System,
  appointees: { readonly guardian: string; readonly keeper: string; readonly interim: string },
): Promise<Proposal> {
  const { roles, timelock } = system;
  const timelockAddress = await timelock.getAddress();
  const rolesAddress = await roles.getAddress();
  return {
    targets: [rolesAddress, timelockAddress, timelockAddress],
    values: [0n, 0n, 0n],
    calldatas: [
      roles.interface.encodeFunctionData("handOver", [
        timelockAddress,
        appointees.guardian,
        appointees.keeper,
      ]),
      timelock.interface.encodeFunctionData("revokeRole", [
        TIMELOCK_ROLE.proposer,
        appointees.interim,
      ]),
      timelock.interface.encodeFunctionData("revokeRole", [
        TIMELOCK_ROLE.canceller,
        appointees.interim,
      ]),
    ],
    description: "TokemakDAO #1: hand the protocol over to the DAO's timelock",
  };
}

/** The first business (a): pay `amount` of the distributor's reward token from the Treasury to
 *  the fee distributor and stream it to TOKE stakers. */
export async function feeDistributionProposal(
  system: System,
  dao: Dao,
  amount: bigint,
  description = "TokemakDAO: distribute protocol fees to TOKE stakers",
): Promise<Proposal> {
  const distributor = await dao.feeDistributor.getAddress();
  const reward = await dao.feeDistributor.rewardToken();
  return {
    targets: [await system.treasury.getAddress(), distributor],
    values: [0n, 0n],
    calldatas: [
      system.treasury.interface.encodeFunctionData("pay", [reward, distributor, amount]),
      dao.feeDistributor.interface.encodeFunctionData("distribute", [amount]),
    ],
    description,
  };
}

/** The first business (b): pay `amount` TOKE from the Treasury to the compensation contract and
 *  split it over `slashIds` in proportion to their losses. */
export async function compensationProposal(
  system: System,
  dao: Dao,
  slashIds: readonly bigint[],
  amount: bigint,
  description = "TokemakDAO: compensate LDs slashed by past losses",
): Promise<Proposal> {
  const compensation = await dao.ldCompensation.getAddress();
  return {
    targets: [await system.treasury.getAddress(), compensation],
    values: [0n, 0n],
    calldatas: [
      system.treasury.interface.encodeFunctionData("pay", [
        await system.toke.getAddress(),
        compensation,
        amount,
      ]),
      dao.ldCompensation.interface.encodeFunctionData("fund", [[...slashIds], amount]),
    ],
    description,
  };
}

/** A proposal calling `target` with `calldata` (e.g. a parameter change). */
export function singleCallProposal(
  target: string,
  calldata: BytesLike,
  description: string,
): Proposal {
  return { targets: [target], values: [0n], calldatas: [calldata.toString()], description };
}

/** What `passProposal` did: the proposal id and the governor's state at each step. */
export interface ProposalRun {
  readonly proposalId: bigint;
  readonly snapshot: bigint;
  readonly executedBlock: number;
}

/** The clock control a local chain offers (Hardhat's network helpers' `time`). */
export interface TimeTravel {
  increaseTo(timestamp: bigint): Promise<unknown>;
}

/**
 * Runs `proposal` through `governor` on a local chain: `proposer` proposes, time moves past the
 * voting delay, each voter votes for, time moves past the voting period, the proposal is queued
 * in the timelock, time moves past its delay, and it is executed.
 */
export async function passProposal(
  governor: TokeGovernor,
  time: TimeTravel,
  proposal: Proposal,
  proposer: HardhatEthersSigner,
  voters: readonly HardhatEthersSigner[],
): Promise<ProposalRun> {
  const proposalId = await propose(governor, proposal, proposer);
  const snapshot = await governor.proposalSnapshot(proposalId);
  await time.increaseTo(snapshot + 1n);
  for (const voter of voters) {
    await (await governor.connect(voter).castVote(proposalId, VOTE.for)).wait();
  }
  await time.increaseTo((await governor.proposalDeadline(proposalId)) + 1n);
  const args = proposalArgs(proposal);
  await (await governor.connect(proposer).queue(...args)).wait();
  await time.increaseTo(await governor.proposalEta(proposalId));
  const receipt = await (await governor.connect(proposer).execute(...args)).wait();
  if (receipt === null) throw new Error("the execution returned no receipt");
  return { proposalId, snapshot, executedBlock: receipt.blockNumber };
}

/** Submits `proposal` and returns its id. */
export async function propose(
  governor: TokeGovernor,
  proposal: Proposal,
  proposer: HardhatEthersSigner,
): Promise<bigint> {
  const { targets, values, calldatas, description } = proposal;
  await (await governor.connect(proposer).propose(targets, values, calldatas, description)).wait();
  return governor.hashProposal(...proposalArgs(proposal));
}

/** The (targets, values, calldatas, descriptionHash) the governor's queue/execute take. */
export function proposalArgs(proposal: Proposal) {
  return [proposal.targets, proposal.values, proposal.calldatas, id(proposal.description)] as const;
}

/** One row of the role matrix: who holds `role` on `contract`. */
export interface RoleRow {
  readonly contract: string;
  readonly address: string;
  readonly role: string;
  readonly holders: readonly string[];
}

const ACCESS_CONTROL_ABI = [
  "event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)",
  "event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender)",
  "function supportsInterface(bytes4 interfaceId) view returns (bool)",
  "function owner() view returns (address)",
];
/** ERC-165 id of OpenZeppelin's IAccessControl. */
const IACCESS_CONTROL_ID = "0x7965db0b";

/**
 * Every role of every contract of `system` (and its DAO), read from the chain: for each contract
 * that is an OpenZeppelin AccessControl (ERC-165), its members replayed from RoleGranted /
 * RoleRevoked events; for each with an `owner()` (Ownable), the owner. Role names are resolved
 * from `names` (role id -> name) where known.
 */
export async function roleMatrix(
  system: System,
  names: Readonly<Record<string, string>>,
): Promise<RoleRow[]> {
  const { ethers } = system.connection;
  const iface = new ethers.Interface(ACCESS_CONTROL_ABI);
  const contracts = systemContracts(system);
  const rows: RoleRow[] = [];
  for (const [name, address] of contracts) {
    const probe = new ethers.Contract(address, ACCESS_CONTROL_ABI, ethers.provider);
    const owner = await probe.owner().catch(() => undefined);
    if (typeof owner === "string") {
      rows.push({ contract: name, address, role: "owner", holders: [owner] });
    }
    const isAccessControl = await probe.supportsInterface(IACCESS_CONTROL_ID).catch(() => false);
    if (isAccessControl !== true) continue;
    const events = [
      ...(await probe.queryFilter("RoleGranted", 0, "latest")),
      ...(await probe.queryFilter("RoleRevoked", 0, "latest")),
    ].sort((x, y) => x.blockNumber - y.blockNumber || x.index - y.index);
    const members = new Map<string, Set<string>>();
    for (const event of events) {
      const parsed = iface.parseLog(event);
      if (parsed === null) continue;
      const role = parsed.args[0] as string;
      const account = parsed.args[1] as string;
      const set = members.get(role) ?? new Set<string>();
      if (parsed.name === "RoleGranted") set.add(account);
      else set.delete(account);
      members.set(role, set);
    }
    for (const [role, set] of members) {
      rows.push({ contract: name, address, role: names[role] ?? role, holders: [...set] });
    }
  }
  return rows;
}

/** Name and address of every contract the system's address book lists (DEX world excluded). */
export function systemContracts(system: System): [string, string][] {
  const a = system.addresses;
  const list: [string, string][] = [
    ["ProtocolRoles", a.protocolRoles],
    ["TimelockController", a.timelock],
    ["Toke", a.toke],
    ["Treasury", a.treasury],
    ["CycleManager", a.cycleManager],
    ["WethGateway", a.wethGateway],
    ["VenueRegistry", a.venueRegistry],
    ["LDStaking", a.ldStaking],
    ["LDVoteRelay", a.ldVoteRelay],
    ["PriceFeed", a.priceFeed],
    ["EmissionController", a.emissionController],
    ["TwapOracle", a.twapOracle],
    ["LiquidityAllocator", a.liquidityAllocator],
  ];
  for (const [venue, address] of Object.entries(a.adapters))
    list.push([`Adapter_${venue}`, address]);
  for (const [symbol, address] of Object.entries(a.reactors))
    list.push([`Reactor_${symbol}`, address]);
  if (a.dao !== undefined) {
    list.push(
      ["TokeGovernor", a.dao.governor],
      ["StakeVotes", a.dao.stakeVotes],
      ["FeeDistributor", a.dao.feeDistributor],
      ["LDCompensation", a.dao.ldCompensation],
    );
  }
  return list;
}
