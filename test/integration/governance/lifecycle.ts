import { expect } from "chai";
import { network } from "hardhat";
import { encodeBytes32String } from "ethers";
import {
  compensationProposal,
  feeDistributionProposal,
  passProposal,
  propose,
  proposalArgs,
  singleCallProposal,
  VOTE,
  type Dao,
  type Proposal,
} from "../../../scripts/lib/dao.js";
import type { System } from "../../../scripts/lib/system.js";
import { deployDao, QUORUM_BPS, type DaoFixture } from "../../helpers/dao.js";
import { approveToke, E18 } from "../../helpers/directors.js";

const conn = await network.create();
const { networkHelpers } = conn;
const { time } = networkHelpers;

/** Alice: 300k TOKE in her wallet, self-delegated. Bob: 300k TOKE staked on tWETH. */
const WALLET = 300_000n * E18;
const STAKED = 300_000n * E18;
const BPS = 10_000n;

async function fixture() {
  const f = await deployDao(conn);
  const [alice, bob, carol, dave] = f.users;
  await f.toke.transfer(alice.address, WALLET - 100_000n * E18);
  await f.toke.transfer(bob.address, STAKED - 100_000n * E18);
  await f.toke.connect(alice).delegate(alice.address);
  await approveToke(f, bob, await f.staking.getAddress());
  await f.staking.connect(bob).stake(await f.tWeth.getAddress(), STAKED, bob.address);
  await time.increase(1);
  return { ...f, alice, bob, carol, dave };
}

/** The lib's handles, from the fixture (the lib's proposal builders take a System and a Dao). */
function asSystem(f: DaoFixture): { system: System; dao: Dao } {
  const system = { treasury: f.treasury, toke: f.toke } as unknown as System;
  const dao = { feeDistributor: f.feeDistributor, ldCompensation: f.ldCompensation } as Dao;
  return { system, dao };
}

describe("TokemakDAO: proposals end to end (propose -> vote -> queue -> execute)", function () {
  it("passes a parameter change (the quorum) with TOKE held plus TOKE staked", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const governor = await f.governor.getAddress();
    const proposal = singleCallProposal(
      governor,
      f.governor.interface.encodeFunctionData("updateQuorumNumerator", [500n]),
      "quorum to 5%",
    );
    const run = await passProposal(f.governor, time, proposal, f.alice, [f.alice, f.bob]);
    expect(await f.governor["quorumNumerator()"]()).to.equal(500n);
    // For: Alice's delegated wallet TOKE plus Bob's staked TOKE, at the snapshot.
    const [, forVotes] = await f.governor.proposalVotes(run.proposalId);
    expect(forVotes).to.equal(WALLET + STAKED);
    expect(await f.governor.state(run.proposalId)).to.equal(7n); // Executed
  });

  it("refuses a parameter outside its bounds, even from a passed proposal", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const proposal = singleCallProposal(
      await f.governor.getAddress(),
      f.governor.interface.encodeFunctionData("updateQuorumNumerator", [50n]),
      "quorum to 0.5%",
    );
    await expect(passProposal(f.governor, time, proposal, f.alice, [f.alice, f.bob]))
      .to.be.revertedWithCustomError(f.governor, "TokeGovernorBadQuorum")
      .withArgs(50n, 100n, 3_000n);
  });

  it("defeats a proposal that does not reach the quorum", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const supply = await f.toke.totalSupply();
    // 4% of the supply is above Alice's 300k alone.
    expect((supply * QUORUM_BPS) / BPS).to.be.gt(WALLET);
    const proposal = singleCallProposal(
      await f.governor.getAddress(),
      f.governor.interface.encodeFunctionData("updateQuorumNumerator", [500n]),
      "quorum to 5%, alone",
    );
    const id = await propose(f.governor, proposal, f.alice);
    await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
    await f.governor.connect(f.alice).castVote(id, VOTE.for);
    await time.increaseTo((await f.governor.proposalDeadline(id)) + 1n);
    expect(await f.governor.quorum(await f.governor.proposalSnapshot(id))).to.equal(
      (supply * QUORUM_BPS) / BPS,
    );
    expect(await f.governor.state(id)).to.equal(3n); // Defeated
    await expect(f.governor.queue(...proposalArgs(proposal))).to.be.revertedWithCustomError(
      f.governor,
      "GovernorUnexpectedProposalState",
    );
    expect(await f.governor["quorumNumerator()"]()).to.equal(QUORUM_BPS);
  });

  it("gives TOKE borrowed after the snapshot no weight, held or staked", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const proposal = singleCallProposal(
      await f.governor.getAddress(),
      f.governor.interface.encodeFunctionData("updateQuorumNumerator", [500n]),
      "quorum to 5%, with a loan",
    );
    const id = await propose(f.governor, proposal, f.alice);
    await time.increaseTo((await f.governor.proposalSnapshot(id)) + 1n);
    // Carol borrows 2M TOKE after the snapshot: half delegated, half staked.
    const loan = 2_000_000n * E18;
    await f.toke.transfer(f.carol.address, loan);
    await f.toke.connect(f.carol).delegate(f.carol.address);
    await approveToke(f, f.carol, await f.staking.getAddress());
    await f.staking.connect(f.carol).stake(await f.tUsdc.getAddress(), loan / 2n, f.carol.address);
    expect(await f.governor.getVotes(f.carol.address, (await time.latest()) - 1)).to.be.gt(0n);
    await expect(f.governor.connect(f.carol).castVote(id, VOTE.for))
      .to.emit(f.governor, "VoteCast")
      .withArgs(f.carol.address, id, VOTE.for, 0n, "");
    const [, forVotes] = await f.governor.proposalVotes(id);
    expect(forVotes).to.equal(0n);
  });

  it("counts stake once: staking moves weight, LD delegation and stake transfer add none", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const reactor = await f.tWeth.getAddress();
    // Alice's wallet TOKE votes through Dave; then she stakes 100k of it.
    await f.toke.connect(f.alice).delegate(f.dave.address);
    await approveToke(f, f.alice, await f.staking.getAddress());
    const staked = 100_000n * E18;
    await f.staking.connect(f.alice).stake(reactor, staked, f.alice.address);
    // Her LD venue votes go to Dave too: that moves no governance weight.
    await f.staking.connect(f.alice).delegate(reactor, f.dave.address);
    await time.increase(1);
    const proposal = singleCallProposal(
      await f.governor.getAddress(),
      f.governor.interface.encodeFunctionData("updateQuorumNumerator", [500n]),
      "quorum to 5%, double?",
    );
    const id = await propose(f.governor, proposal, f.bob);
    const snapshot = await f.governor.proposalSnapshot(id);
    await time.increaseTo(snapshot + 1n);
    // Dave: his own 100k (not delegated: 0) + Alice's wallet (300k - 100k staked).
    expect(await f.governor.getVotes(f.dave.address, snapshot)).to.equal(WALLET - staked);
    expect(await f.governor.getVotes(f.alice.address, snapshot)).to.equal(staked);
    await f.governor.connect(f.dave).castVote(id, VOTE.for);
    await f.governor.connect(f.alice).castVote(id, VOTE.for);
    await expect(f.governor.connect(f.alice).castVote(id, VOTE.for))
      .to.be.revertedWithCustomError(f.governor, "GovernorAlreadyCastVote")
      .withArgs(f.alice.address);
    // Moving the stake after the snapshot gives its new owner nothing for this proposal.
    await f.staking.connect(f.alice).transferStake(reactor, f.carol.address, staked);
    await expect(f.governor.connect(f.carol).castVote(id, VOTE.for))
      .to.emit(f.governor, "VoteCast")
      .withArgs(f.carol.address, id, VOTE.for, 0n, "");
    const [, forVotes] = await f.governor.proposalVotes(id);
    expect(forVotes).to.equal(WALLET); // Alice's 300k, counted once
  });

  it("first business (a): distributes Treasury fees to TOKE stakers by stake value", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const { system, dao } = asSystem(f);
    // Dave stakes 100k on tUSDC: the stakers are Bob (300k) and Dave (100k).
    await approveToke(f, f.dave, await f.staking.getAddress());
    await f.staking
      .connect(f.dave)
      .stake(await f.tUsdc.getAddress(), 100_000n * E18, f.dave.address);
    // 12 WETH of fees in the Treasury.
    const fees = 12n * E18;
    await f.weth.deposit({ value: fees });
    await f.weth.approve(await f.treasury.getAddress(), fees);
    await f.treasury.deposit(await f.weth.getAddress(), fees, encodeBytes32String("FEES"));
    const proposal: Proposal = await feeDistributionProposal(system, dao, fees);
    await passProposal(f.governor, time, proposal, f.alice, [f.alice, f.bob]);
    expect(await f.weth.balanceOf(await f.feeDistributor.getAddress())).to.equal(fees);
    await time.increaseTo(await f.feeDistributor.periodFinish());
    // Pro rata to TOKE staked over the whole stream: 3/4 and 1/4, less rounding dust.
    const bobShare = (fees * 3n) / 4n;
    const daveShare = fees / 4n;
    const dust = 10n ** 6n;
    for (const [who, share] of [
      [f.bob, bobShare],
      [f.dave, daveShare],
    ] as const) {
      const before = await f.weth.balanceOf(who.address);
      await f.feeDistributor.connect(who).claim(who.address);
      const got = (await f.weth.balanceOf(who.address)) - before;
      expect(got)
        .to.be.lte(share)
        .and.gte(share - dust);
    }
    expect(await f.feeDistributor.claimable(f.bob.address)).to.equal(0n);
  });

  it("first business (b): compensates slashed LDs pro rata to their losses", async function () {
    const f = await networkHelpers.loadFixture(fixture);
    const { system, dao } = asSystem(f);
    const reactor = await f.tWeth.getAddress();
    await approveToke(f, f.dave, await f.staking.getAddress());
    await f.staking.connect(f.dave).stake(reactor, 100_000n * E18, f.dave.address);
    // The waterfall slashes 40k of the 400k on tWETH into the Treasury: Bob loses 30k, Dave 10k.
    await f.staking.connect(f.slasher).slash(reactor, 40_000n * E18, await f.treasury.getAddress());
    expect(await f.stakeVotes.slashCount()).to.equal(1n);
    // Carol stakes after the slash: she lost nothing.
    await approveToke(f, f.carol, await f.staking.getAddress());
    await f.staking.connect(f.carol).stake(reactor, 50_000n * E18, f.carol.address);
    const paid = 20_000n * E18;
    const proposal = await compensationProposal(system, dao, [0n], paid);
    await passProposal(f.governor, time, proposal, f.alice, [f.alice, f.bob]);
    expect(await f.ldCompensation.fundedOf(0n)).to.equal(paid);
    // Each receives paid x own loss / total loss.
    expect(await f.ldCompensation.claimable(0n, f.bob.address)).to.equal((paid * 30n) / 40n);
    expect(await f.ldCompensation.claimable(0n, f.dave.address)).to.equal((paid * 10n) / 40n);
    expect(await f.ldCompensation.claimable(0n, f.carol.address)).to.equal(0n);
    const before = await f.toke.balanceOf(f.dave.address);
    await f.ldCompensation.connect(f.dave).claim([0n], f.dave.address);
    expect((await f.toke.balanceOf(f.dave.address)) - before).to.equal((paid * 10n) / 40n);
    // A second claim pays nothing more.
    await f.ldCompensation.connect(f.dave).claim([0n], f.dave.address);
    expect((await f.toke.balanceOf(f.dave.address)) - before).to.equal((paid * 10n) / 40n);
  });
});
