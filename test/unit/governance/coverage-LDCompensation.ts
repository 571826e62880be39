// Coverage of LDCompensation's and StakeVotes' remaining guards: a slash record with no loss to
// compensate, a zero receiver, the zero-address checks, the cap on tracked Reactors, and the
// views. StakeVotes takes its reports from a plain account (its `staking`), as LD staking would
// send them, so each record is exactly the one the test writes.
import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();
const { loadFixture } = networkHelpers;

const E18 = 10n ** 18n;
const RATE_ONE = E18;
const REACTOR = "0x00000000000000000000000000000000000000A0";

async function deploy() {
  const [governance, staking, alice, bob, stranger] = await ethers.getSigners();
  const roles = await ethers.deployContract("ProtocolRoles", [governance.address]);
  const toke = await ethers.deployContract("Toke", [[governance.address], [1_000_000n * E18]]);
  const stakeVotes = await ethers.deployContract("StakeVotes", [roles, staking.address]);
  const compensation = await ethers.deployContract("LDCompensation", [roles, toke, stakeVotes]);
  await toke.transfer(compensation, 1_000n * E18);
  return { governance, staking, alice, bob, stranger, roles, toke, stakeVotes, compensation };
}

describe("coverage: LDCompensation guards and views", () => {
  it("reads back its token and source; nothing is claimable before funding", async () => {
    const f = await loadFixture(deploy);
    expect(await f.compensation.token()).to.equal(await f.toke.getAddress());
    expect(await f.compensation.source()).to.equal(await f.stakeVotes.getAddress());
    expect(await f.compensation.fundedOf(0n)).to.equal(0n);
    expect(await f.compensation.claimable(0n, f.alice.address)).to.equal(0n);
  });

  it("refuses to fund a slash that took nothing, or one taken from no stake, and commits nothing", async () => {
    const f = await loadFixture(deploy);
    const sv = f.stakeVotes.connect(f.staking);
    // Slash 0: recorded before anyone staked (no units). Then Alice 300 and Bob 100 units.
    await sv.stakeSlashed(REACTOR, 5n * E18, RATE_ONE);
    await sv.stakeChanged(REACTOR, f.alice.address, 300n * E18);
    await sv.stakeChanged(REACTOR, f.bob.address, 100n * E18);
    // Slash 1: nothing taken. Slash 2: 40 TOKE taken, the rate falls by 10%.
    await sv.stakeSlashed(REACTOR, 0n, RATE_ONE);
    await sv.stakeSlashed(REACTOR, 40n * E18, (9n * RATE_ONE) / 10n);
    expect(await f.stakeVotes.slashCount()).to.equal(3n);
    for (const id of [0n, 1n]) {
      await expect(f.compensation.fund([2n, id], 100n * E18))
        .to.be.revertedWithCustomError(f.compensation, "LDCompensationNoLoss")
        .withArgs(id);
    }
    expect(await f.compensation.committed()).to.equal(0n);
    // The real loss is funded and split by the units held at the slash: 3/4 and 1/4.
    await expect(f.compensation.fund([2n], 100n * E18))
      .to.emit(f.compensation, "Funded")
      .withArgs(2n, 100n * E18);
    expect(await f.compensation.claimable(2n, f.alice.address)).to.equal(75n * E18);
    expect(await f.compensation.claimable(2n, f.bob.address)).to.equal(25n * E18);
  });

  it("refuses a claim to the zero address; a claim with nothing owed pays nothing", async () => {
    const f = await loadFixture(deploy);
    const sv = f.stakeVotes.connect(f.staking);
    await sv.stakeChanged(REACTOR, f.alice.address, 100n * E18);
    await sv.stakeSlashed(REACTOR, 10n * E18, (9n * RATE_ONE) / 10n);
    await f.compensation.fund([0n], 60n * E18);
    await expect(
      f.compensation.connect(f.alice).claim([0n], ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(f.compensation, "LDCompensationZero");
    const before = await f.toke.balanceOf(f.stranger.address);
    await f.compensation.connect(f.stranger).claim([0n], f.stranger.address);
    expect(await f.toke.balanceOf(f.stranger.address)).to.equal(before);
    await expect(f.compensation.connect(f.alice).claim([0n], f.alice.address))
      .to.emit(f.compensation, "Claimed")
      .withArgs(0n, f.alice.address, f.alice.address, 60n * E18);
    expect(await f.compensation.committed()).to.equal(0n);
  });
});

describe("coverage: StakeVotes and ProtocolRoles guards", () => {
  it("refuses a zero staking reporter and a zero listener", async () => {
    const f = await loadFixture(deploy);
    const factory = await ethers.getContractFactory("StakeVotes");
    await expect(factory.deploy(f.roles, ethers.ZeroAddress)).to.be.revertedWithCustomError(
      factory,
      "StakeVotesZeroAddress",
    );
    await expect(f.stakeVotes.setListener(ethers.ZeroAddress)).to.be.revertedWithCustomError(
      f.stakeVotes,
      "StakeVotesZeroAddress",
    );
    expect(await f.stakeVotes.listener()).to.equal(ethers.ZeroAddress);
  });

  it("tracks at most MAX_REACTORS Reactors; known ones still report past the cap", async () => {
    const f = await loadFixture(deploy);
    const sv = f.stakeVotes.connect(f.staking);
    const max = await f.stakeVotes.MAX_REACTORS();
    const reactor = (i: bigint) =>
      ethers.getAddress(`0x${(0x1000n + i).toString(16).padStart(40, "0")}`);
    for (let i = 0n; i < max; ++i) await sv.stakeChanged(reactor(i), f.alice.address, 1n);
    await expect(sv.stakeChanged(reactor(max), f.alice.address, 1n))
      .to.be.revertedWithCustomError(f.stakeVotes, "StakeVotesTooManyReactors")
      .withArgs(max);
    await expect(sv.stakeSlashed(reactor(max), 1n, RATE_ONE))
      .to.be.revertedWithCustomError(f.stakeVotes, "StakeVotesTooManyReactors")
      .withArgs(max);
    await expect(sv.stakeChanged(reactor(0n), f.alice.address, 7n))
      .to.emit(f.stakeVotes, "StakeCheckpointed")
      .withArgs(reactor(0n), f.alice.address, 7n);
  });

  it("ProtocolRoles refuses a zero first governance", async () => {
    const factory = await ethers.getContractFactory("ProtocolRoles");
    await expect(factory.deploy(ethers.ZeroAddress)).to.be.revertedWithCustomError(
      factory,
      "ProtocolRolesZeroGovernance",
    );
    const [governance] = await ethers.getSigners();
    const roles = await factory.deploy(governance.address);
    expect(await roles.hasRole(await roles.GOVERNANCE_ROLE(), governance.address)).to.equal(true);
  });
});
