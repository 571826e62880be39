import { expect } from "chai";
import { network } from "hardhat";
import { ROLE } from "../../../scripts/lib/protocol-config.js";
import { singleCallProposal } from "../../../scripts/lib/dao.js";
import { deployDao } from "../../helpers/dao.js";
import { approveToke, E18 } from "../../helpers/directors.js";

const conn = await network.create();
const { networkHelpers } = conn;
const { time } = networkHelpers;

async function fixture() {
  const f = await deployDao(conn);
  const [alice, bob, attacker] = f.users;
  await approveToke(f, bob, await f.staking.getAddress());
  await f.staking.connect(bob).stake(await f.tWeth.getAddress(), 100_000n * E18, bob.address);
  return { ...f, alice, bob, attacker };
}

/** Access control, bounds and accounting attacks on the DAO's contracts. */
describe("TokemakDAO: attacks", function () {
  it("only LD staking reports stake; only governance sets the listener, once", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const reactor = await f.tWeth.getAddress();
    await expect(f.stakeVotes.connect(f.attacker).stakeChanged(reactor, f.attacker.address, 1n))
      .to.be.revertedWithCustomError(f.stakeVotes, "StakeVotesOnlyStaking")
      .withArgs(f.attacker.address);
    await expect(f.stakeVotes.connect(f.attacker).stakeSlashed(reactor, 1n, 1n))
      .to.be.revertedWithCustomError(f.stakeVotes, "StakeVotesOnlyStaking")
      .withArgs(f.attacker.address);
    await expect(f.stakeVotes.connect(f.attacker).setListener(f.attacker.address))
      .to.be.revertedWithCustomError(f.stakeVotes, "RoleGatedUnauthorized")
      .withArgs(f.attacker.address, ROLE.governance);
    await expect(f.stakeVotes.setListener(f.attacker.address))
      .to.be.revertedWithCustomError(f.stakeVotes, "StakeVotesListenerSet")
      .withArgs(await f.feeDistributor.getAddress());
    await expect(f.staking.setStakeVotes(f.attacker.address))
      .to.be.revertedWithCustomError(f.staking, "LDStakingStakeVotesSet")
      .withArgs(await f.stakeVotes.getAddress());
    await expect(f.staking.connect(f.attacker).setStakeVotes(f.attacker.address))
      .to.be.revertedWithCustomError(f.staking, "RoleGatedUnauthorized")
      .withArgs(f.attacker.address, ROLE.governance);
  });

  it("reads weight only in the past, and a slash lowers it from the slash on", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const reactor = await f.tWeth.getAddress();
    const now = BigInt(await time.latest());
    await expect(f.stakeVotes.getPastVotes(f.bob.address, now + 1n))
      .to.be.revertedWithCustomError(f.stakeVotes, "StakeVotesFutureLookup")
      .withArgs(now + 1n, now);
    await time.increase(10);
    const before = BigInt(await time.latest());
    // 100k units lose 25k TOKE: a unit is worth 0.75 TOKE.
    await f.staking.connect(f.slasher).slash(reactor, 25_000n * E18, f.attacker.address);
    await time.increase(1);
    expect(await f.stakeVotes.getPastVotes(f.bob.address, before)).to.equal(100_000n * E18);
    expect(await f.stakeVotes.getVotes(f.bob.address)).to.equal(75_000n * E18);
    expect(await f.stakeVotes.rateOf(reactor)).to.equal((3n * E18) / 4n);
    // The unstake request still counts (staking never costs weight) until withdrawn.
    await f.staking.connect(f.bob).requestUnstake(reactor, 100_000n * E18);
    expect(await f.stakeVotes.getVotes(f.bob.address)).to.equal(75_000n * E18);
  });

  it("fee distributor: only the source reports, only governance distributes, within its funds", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const reactor = await f.tWeth.getAddress();
    await expect(
      f.feeDistributor.connect(f.attacker).unitsChanged(reactor, f.attacker.address, 0n, 1n, E18),
    )
      .to.be.revertedWithCustomError(f.feeDistributor, "FeeDistributorOnlySource")
      .withArgs(f.attacker.address);
    await expect(f.feeDistributor.connect(f.attacker).rateChanged(reactor, 1n))
      .to.be.revertedWithCustomError(f.feeDistributor, "FeeDistributorOnlySource")
      .withArgs(f.attacker.address);
    await expect(f.feeDistributor.connect(f.attacker).distribute(1n))
      .to.be.revertedWithCustomError(f.feeDistributor, "RoleGatedUnauthorized")
      .withArgs(f.attacker.address, ROLE.governance);
    // Nothing received: nothing to distribute; and what is committed cannot be re-used.
    await expect(f.feeDistributor.distribute(1n))
      .to.be.revertedWithCustomError(f.feeDistributor, "FeeDistributorUnfunded")
      .withArgs(1n, 0n);
    await f.weth.deposit({ value: 10n * E18 });
    await f.weth.transfer(await f.feeDistributor.getAddress(), 10n * E18);
    await f.feeDistributor.distribute(10n * E18);
    await expect(f.feeDistributor.distribute(1n))
      .to.be.revertedWithCustomError(f.feeDistributor, "FeeDistributorUnfunded")
      .withArgs(1n, 0n);
    await expect(f.feeDistributor.setDistributionSeconds(3_600))
      .to.be.revertedWithCustomError(f.feeDistributor, "FeeDistributorBadPeriod")
      .withArgs(3_600n, 86_400n, 30n * 86_400n);
    // A staker who arrives halfway earns only from then on: the stream is by time.
    await time.increaseTo((await f.feeDistributor.periodFinish()) - (7n * 86_400n) / 2n);
    await approveToke(f, f.alice, await f.staking.getAddress());
    await f.staking.connect(f.alice).stake(reactor, 100_000n * E18, f.alice.address);
    const joined = BigInt(await time.latest());
    const finish = await f.feeDistributor.periodFinish();
    await time.increaseTo(finish);
    const alice = await f.feeDistributor.claimable(f.alice.address);
    const bob = await f.feeDistributor.claimable(f.bob.address);
    // Bob: all of the stream before Alice joined, half after; Alice: half after she joined.
    const after = (10n * E18 * (finish - joined)) / (7n * 86_400n);
    expect(alice).to.be.closeTo(after / 2n, 10n ** 6n);
    expect(bob).to.be.closeTo(10n * E18 - after / 2n, 10n ** 6n);
    expect(alice + bob).to.be.lte(10n * E18);
  });

  it("compensation: only governance funds, within its funds, only real slashes", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    await expect(f.ldCompensation.connect(f.attacker).fund([0n], 1n))
      .to.be.revertedWithCustomError(f.ldCompensation, "RoleGatedUnauthorized")
      .withArgs(f.attacker.address, ROLE.governance);
    await expect(f.ldCompensation.fund([0n], 1n))
      .to.be.revertedWithCustomError(f.ldCompensation, "LDCompensationUnfunded")
      .withArgs(1n, 0n);
    await f.toke.transfer(await f.ldCompensation.getAddress(), 1_000n * E18);
    await expect(f.ldCompensation.fund([0n], 1n))
      .to.be.revertedWithCustomError(f.stakeVotes, "StakeVotesUnknownSlash")
      .withArgs(0n);
    await expect(f.ldCompensation.fund([], 1n)).to.be.revertedWithCustomError(
      f.ldCompensation,
      "LDCompensationZero",
    );
    // Two slashes of 10k and 30k share 1,000 TOKE as 250 and 750.
    const reactor = await f.tWeth.getAddress();
    await f.staking.connect(f.slasher).slash(reactor, 10_000n * E18, f.attacker.address);
    await f.staking.connect(f.slasher).slash(reactor, 30_000n * E18, f.attacker.address);
    await f.ldCompensation.fund([0n, 1n], 1_000n * E18);
    expect(await f.ldCompensation.fundedOf(0n)).to.equal(250n * E18);
    expect(await f.ldCompensation.fundedOf(1n)).to.equal(750n * E18);
    // Bob held every unit at both slashes: all of it is his, once.
    await f.ldCompensation.connect(f.bob).claim([0n, 1n, 1n], f.bob.address);
    expect(await f.ldCompensation.committed()).to.equal(0n);
    expect(await f.ldCompensation.claimable(1n, f.bob.address)).to.equal(0n);
  });

  it("hand-over and proposals: governance only, no zero appointee, threshold enforced", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const a = f.attacker.address;
    await expect(f.roles.connect(f.attacker).handOver(a, a, a))
      .to.be.revertedWithCustomError(f.roles, "AccessControlUnauthorizedAccount")
      .withArgs(a, ROLE.governance);
    await expect(f.roles.handOver(a, conn.ethers.ZeroAddress, a))
      .to.be.revertedWithCustomError(f.roles, "ProtocolRolesZeroHandOver")
      .withArgs(a, conn.ethers.ZeroAddress, a);
    // The attacker's 100k TOKE are not delegated: 0 weight, under the 10k threshold.
    const p = singleCallProposal(
      await f.governor.getAddress(),
      f.governor.interface.encodeFunctionData("updateQuorumNumerator", [500n]),
      "attack",
    );
    await expect(
      f.governor.connect(f.attacker).propose(p.targets, p.values, p.calldatas, p.description),
    ).to.be.revertedWithCustomError(f.governor, "GovernorInsufficientProposerVotes");
    // Governance functions of the governor answer only to the timelock.
    await expect(f.governor.updateQuorumNumerator(500n))
      .to.be.revertedWithCustomError(f.governor, "GovernorOnlyExecutor")
      .withArgs(f.governance.address);
  });
});
