// Coverage of TokeGovernor's bounded parameters at deployment, its clock check against the
// stake-votes source, its views, and a proposer's cancel. StakeVotes reports from a plain
// account here (its `staking`), so no LD staking is needed to build a governor.
import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();
const { loadFixture } = networkHelpers;

const HOUR = 3_600n;
const DAY = 24n * HOUR;
const SUPPLY = 1_000_000n * 10n ** 18n;
const BPS = 10_000n;
const QUORUM_BPS = 400n;
const TIMELOCK_DELAY = 2n * DAY;

async function deploy() {
  const [governance, staking, proposer] = await ethers.getSigners();
  const roles = await ethers.deployContract("ProtocolRoles", [governance.address]);
  const toke = await ethers.deployContract("Toke", [[governance.address], [SUPPLY]]);
  const stakeVotes = await ethers.deployContract("StakeVotes", [roles, staking.address]);
  const timelock = await ethers.deployContract("TimelockController", [
    TIMELOCK_DELAY,
    [],
    [ethers.ZeroAddress],
    governance.address,
  ]);
  const factory = await ethers.getContractFactory("TokeGovernor");
  /** Constructor arguments with the valid defaults, overridden one at a time by the tests. */
  const args = (
    over: Partial<{ delay: bigint; period: bigint; threshold: bigint; token: string }> = {},
  ) =>
    [
      over.token ?? toke,
      stakeVotes,
      timelock,
      over.delay ?? DAY,
      over.period ?? 5n * DAY,
      over.threshold ?? 0n,
      QUORUM_BPS,
    ] as const;
  const governor = await factory.deploy(...args());
  await timelock.grantRole(await timelock.PROPOSER_ROLE(), governor);
  await timelock.grantRole(await timelock.CANCELLER_ROLE(), governor);
  return {
    governance,
    staking,
    proposer,
    roles,
    toke,
    stakeVotes,
    timelock,
    factory,
    args,
    governor,
  };
}

describe("coverage: TokeGovernor bounds, clock check, views and cancel", () => {
  it("refuses a voting delay outside [1 hour, 14 days]", async () => {
    const f = await loadFixture(deploy);
    for (const delay of [HOUR - 1n, 14n * DAY + 1n]) {
      await expect(f.factory.deploy(...f.args({ delay })))
        .to.be.revertedWithCustomError(f.factory, "TokeGovernorBadVotingDelay")
        .withArgs(delay, HOUR, 14n * DAY);
    }
    // The bounds themselves are accepted.
    const low = await f.factory.deploy(...f.args({ delay: HOUR }));
    expect(await low.votingDelay()).to.equal(HOUR);
  });

  it("refuses a voting period outside [1 day, 30 days]", async () => {
    const f = await loadFixture(deploy);
    for (const period of [DAY - 1n, 30n * DAY + 1n]) {
      await expect(f.factory.deploy(...f.args({ period })))
        .to.be.revertedWithCustomError(f.factory, "TokeGovernorBadVotingPeriod")
        .withArgs(period, DAY, 30n * DAY);
    }
    const high = await f.factory.deploy(...f.args({ period: 30n * DAY }));
    expect(await high.votingPeriod()).to.equal(30n * DAY);
  });

  it("refuses a proposal threshold above 1% of the TOKE supply", async () => {
    const f = await loadFixture(deploy);
    const max = (SUPPLY * 100n) / BPS;
    await expect(f.factory.deploy(...f.args({ threshold: max + 1n })))
      .to.be.revertedWithCustomError(f.factory, "TokeGovernorBadProposalThreshold")
      .withArgs(max + 1n, max);
    const atMax = await f.factory.deploy(...f.args({ threshold: max }));
    expect(await atMax.proposalThreshold()).to.equal(max);
  });

  it("refuses a token whose clock differs from the stake-votes source's (block number vs timestamp)", async () => {
    const f = await loadFixture(deploy);
    // A plain ERC-20 has no clock(): the governor falls back to block numbers, StakeVotes counts
    // seconds, so weights from the two would be read at different points.
    const plain = await ethers.deployContract("TestERC20", ["Plain", "PLN", 18]);
    expect(await f.stakeVotes.clock()).to.not.equal(BigInt(await ethers.provider.getBlockNumber()));
    await expect(
      f.factory.deploy(...f.args({ token: await plain.getAddress() })),
    ).to.be.revertedWithCustomError(f.factory, "TokeGovernorClockMismatch");
  });

  it("reads back its stake-votes source and quorum denominator", async () => {
    const f = await loadFixture(deploy);
    expect(await f.governor.stakeVotes()).to.equal(await f.stakeVotes.getAddress());
    expect(await f.governor.quorumDenominator()).to.equal(BPS);
    expect(await f.governor["quorumNumerator()"]()).to.equal(QUORUM_BPS);
  });

  it("lets the proposer cancel a pending proposal, and nobody else", async () => {
    const f = await loadFixture(deploy);
    const targets = [await f.governor.getAddress()];
    const values = [0n];
    const calldatas = [f.governor.interface.encodeFunctionData("updateQuorumNumerator", [500n])];
    const description = "quorum to 5%";
    const descriptionHash = ethers.id(description);
    await f.governor.connect(f.proposer).propose(targets, values, calldatas, description);
    const id = await f.governor.hashProposal(targets, values, calldatas, descriptionHash);
    expect(await f.governor.state(id)).to.equal(0n); // Pending
    await expect(
      f.governor.connect(f.governance).cancel(targets, values, calldatas, descriptionHash),
    )
      .to.be.revertedWithCustomError(f.governor, "GovernorUnableToCancel")
      .withArgs(id, f.governance.address);
    await expect(f.governor.connect(f.proposer).cancel(targets, values, calldatas, descriptionHash))
      .to.emit(f.governor, "ProposalCanceled")
      .withArgs(id);
    expect(await f.governor.state(id)).to.equal(2n); // Canceled
  });
});
