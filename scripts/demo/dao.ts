// The demo's last act: TokemakDAO takes over. TOKE holders (the LDs, whose staked TOKE votes
// too) install the governor, pass the hand-over proposal (every role to the timelock, the
// deployer's removed), then the first business: protocol fees (the Treasury's WETH) streamed to
// TOKE stakers, which they claim at the end of the stream.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import pc from "picocolors";
import {
  attachDao,
  feeDistributionProposal,
  handOverProposal,
  installGovernor,
  passProposal,
  type Dao,
} from "../lib/dao.js";
import { ROLE } from "../lib/protocol-config.js";
import type { System } from "../lib/system.js";
import { fmtAmount } from "../lib/format.js";
import { consoleTable, markdownTable, type Grid } from "./report.js";

/** TOKE each voter receives from the deployer's allocation before the vote (a community sale). */
const VOTER_TOKE = 1_000_000n * 10n ** 18n;
/** Share of the Treasury's WETH the fee proposal distributes, basis points. */
const FEE_SHARE_BPS = 5_000n;
const BPS = 10_000n;

/** One staker's part of the fee distribution. */
export interface FeeClaim {
  readonly account: string;
  readonly stakedToke: bigint;
  readonly claimedWeth: bigint;
}

/** What the DAO did in the demo, with the blocks to check it at. */
export interface DaoOutcome {
  readonly handOverProposal: bigint;
  readonly handOverBlock: number;
  readonly governanceHolders: readonly string[];
  readonly deployerHasRoles: boolean;
  /** Zero when the Treasury held no WETH fees yet (a short run): nothing was proposed. */
  readonly feeProposal: bigint;
  readonly feeBlock: number;
  readonly distributedWeth: bigint;
  readonly claims: readonly FeeClaim[];
  /** Coverage and singularity after the hand-over, in words. */
  readonly singularity: string;
}

/** The accounts with LD stake (from the stake-votes source's checkpoints). */
async function stakers(system: System, dao: Dao): Promise<HardhatEthersSigner[]> {
  const events = await dao.stakeVotes.queryFilter(dao.stakeVotes.filters.StakeCheckpointed());
  const accounts = new Set(events.map((e) => e.args.account));
  const signers = await system.connection.ethers.getSigners();
  return signers.filter((s) => accounts.has(s.address));
}

/**
 * The coverage views after the hand-over: which Reactors the Treasury has covered K cycles in a
 * row (EmissionController.snapshotOf), and the protocol-wide singularity() (every Reactor).
 */
async function singularityLine(system: System): Promise<string> {
  const { emissions } = system;
  const [{ singularityCycles: k }, all] = await Promise.all([
    emissions.coverageCurve(),
    emissions.singularity(),
  ]);
  const covered: string[] = [];
  for (const [symbol, reactor] of Object.entries(system.reactors)) {
    const snapshot = await emissions.snapshotOf(reactor);
    if (snapshot.coveredCycles >= k) covered.push(`${symbol} (${snapshot.coveredCycles} cycles)`);
  }
  return `${covered.length === 0 ? "no Reactor" : covered.join(", ")} covered by the Treasury at least K = ${k} cycles in a row; every Reactor: ${all ? "reached" : "not reached"}`;
}

/** Runs the hand-over and the fee-distribution proposal on `system` (a local chain). */
export async function runDaoFinale(system: System): Promise<DaoOutcome> {
  const dao = attachDao(system);
  const { ethers, networkHelpers } = system.connection;
  const deployer = system.signer;
  const voters = await stakers(system, dao);
  if (voters.length === 0) throw new Error("no LD stake: nobody to vote");
  for (const voter of voters) {
    await (await system.toke.connect(deployer).transfer(voter.address, VOTER_TOKE)).wait();
    await (await system.toke.connect(voter).delegate(voter.address)).wait();
  }
  await networkHelpers.time.increase(1);

  // The guardian and keeper the DAO appoints (stand-ins for a multisig and a keeper bot).
  const guardian = ethers.Wallet.createRandom().address;
  const keeper = ethers.Wallet.createRandom().address;
  await installGovernor(system, dao);
  const handOver = await passProposal(
    dao.governor,
    networkHelpers.time,
    await handOverProposal(system, { guardian, keeper, interim: deployer.address }),
    voters[0],
    voters,
  );
  const governanceHolders: string[] = [];
  const count = await system.roles.getRoleMemberCount(ROLE.governance);
  for (let i = 0n; i < count; ++i)
    governanceHolders.push(await system.roles.getRoleMember(ROLE.governance, i));
  let deployerHasRoles = false;
  for (const role of [ROLE.governance, ROLE.guardian, ROLE.keeper]) {
    deployerHasRoles ||= await system.roles.hasRole(role, deployer.address);
  }

  const weth = system.assets.WETH;
  const held = await system.treasury.holdings(await weth.getAddress());
  const amount = (held * FEE_SHARE_BPS) / BPS;
  const claims: FeeClaim[] = [];
  let fee = { proposalId: 0n, executedBlock: 0 };
  if (amount !== 0n) {
    fee = await passProposal(
      dao.governor,
      networkHelpers.time,
      await feeDistributionProposal(
        system,
        dao,
        amount,
        "TokemakDAO #2: WETH fees to TOKE stakers",
      ),
      voters[0],
      voters,
    );
    await networkHelpers.time.increaseTo(await dao.feeDistributor.periodFinish());
    for (const voter of voters) {
      const stakedToke = await dao.stakeVotes.getVotes(voter.address);
      const before = await weth.balanceOf(voter.address);
      await (await dao.feeDistributor.connect(voter).claim(voter.address)).wait();
      claims.push({
        account: voter.address,
        stakedToke,
        claimedWeth: (await weth.balanceOf(voter.address)) - before,
      });
    }
  }
  return {
    handOverProposal: handOver.proposalId,
    handOverBlock: handOver.executedBlock,
    governanceHolders,
    deployerHasRoles,
    feeProposal: fee.proposalId,
    feeBlock: fee.executedBlock,
    distributedWeth: amount,
    claims,
    singularity: await singularityLine(system),
  };
}

function claimsGrid(outcome: DaoOutcome): Grid {
  const staked = outcome.claims.reduce((sum, c) => sum + c.stakedToke, 0n);
  return {
    head: ["staker", "staked TOKE", "share", "WETH claimed"],
    rows: outcome.claims.map((c) => [
      `${c.account.slice(0, 10)}…`,
      fmtAmount(c.stakedToke, 18, 0),
      staked === 0n ? "-" : `${(Number((c.stakedToke * 10_000n) / staked) / 100).toFixed(2)}%`,
      fmtAmount(c.claimedWeth, 18, 6),
    ]),
  };
}

function summaryLines(outcome: DaoOutcome): string[] {
  const claimed = outcome.claims.reduce((sum, c) => sum + c.claimedWeth, 0n);
  return [
    `Hand-over: proposal ${outcome.handOverProposal.toString().slice(0, 12)}… executed at block ${outcome.handOverBlock}; GOVERNANCE_ROLE held by ${outcome.governanceHolders.join(", ")} (the timelock); the deployer ${outcome.deployerHasRoles ? "STILL holds a role" : "holds no role"}`,
    outcome.feeProposal === 0n
      ? "Fee distribution: the Treasury holds no WETH fees yet (a short run): nothing proposed"
      : `Fee distribution: proposal ${outcome.feeProposal.toString().slice(0, 12)}… executed at block ${outcome.feeBlock}: ${fmtAmount(outcome.distributedWeth, 18, 6)} WETH from the Treasury streamed over 7 days; ${fmtAmount(claimed, 18, 6)} WETH claimed by ${outcome.claims.length} stakers, pro rata to staked TOKE`,
    `Singularity: ${outcome.singularity}`,
  ];
}

/** The DAO's part of the console report. */
export function renderDaoConsole(outcome: DaoOutcome): string {
  return [
    pc.bold("\nTokemakDAO"),
    ...summaryLines(outcome),
    consoleTable(claimsGrid(outcome)),
  ].join("\n");
}

/** The DAO's part of reports/report.md. */
export function renderDaoMarkdown(outcome: DaoOutcome): string {
  return [
    "",
    "## TokemakDAO: hand-over and first business",
    "",
    ...summaryLines(outcome).map((l) => `- ${l}`),
    "",
    markdownTable(claimsGrid(outcome)),
    "",
  ].join("\n");
}
