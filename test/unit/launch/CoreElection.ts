import { expect } from "chai";
import { network } from "hardhat";
import { DAY, TOKE, TOKE_SUPPLY } from "../../helpers/launch.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

const HOUR = 3_600;
const STAKE_MULTIPLIER = 4;

async function deploy() {
  const [governance, guardian, alice, bob, carol, dave, stranger] = await ethers.getSigners();
  const toke = await ethers.deployContract("Toke", [[governance.address], [TOKE_SUPPLY]]);
  const pool = await ethers.deployContract("StakingPool", [
    await toke.getAddress(),
    await toke.getAddress(),
    governance.address,
    guardian.address,
  ]);
  const election = await ethers.deployContract("CoreElection", [
    await toke.getAddress(),
    governance.address,
    guardian.address,
  ]);
  await election.connect(governance).addWeightSource(await pool.getAddress(), STAKE_MULTIPLIER);
  for (const w of [alice, bob, carol, dave]) {
    await toke.connect(governance).transfer(w.address, TOKE(1_000));
    await toke.connect(w).delegate(w.address);
    await toke.connect(w).approve(await pool.getAddress(), ethers.MaxUint256);
  }
  // Candidate project tokens: any address is a candidate; plain accounts keep the test small.
  const candidates = Array.from({ length: 6 }, (_, i) =>
    ethers.getAddress(`0x${(i + 1).toString(16).padStart(40, "0")}`),
  );
  return {
    governance,
    guardian,
    alice,
    bob,
    carol,
    dave,
    stranger,
    toke,
    pool,
    election,
    candidates,
  };
}

type F = Awaited<ReturnType<typeof deploy>>;

/// Creates an election whose snapshot is 10 s from now and whose voting opens 1 s later.
async function schedule(f: F, winners = 2, loyaltyBonus = false, candidates = f.candidates) {
  const now = await time.latest();
  const snapshot = now + 10;
  const start = snapshot + 1;
  const end = start + DAY;
  await f.election
    .connect(f.governance)
    .createElection(candidates, snapshot, start, end, winners, loyaltyBonus);
  return { id: await f.election.electionCount(), snapshot, start, end };
}

describe("CoreElection", () => {
  describe("configuration", () => {
    it("restricts every privileged function to its role", async () => {
      const f = await loadFixture(deploy);
      const s = f.election.connect(f.stranger);
      const now = await time.latest();
      for (const call of [
        () => s.addWeightSource(f.stranger.address, 4),
        () => s.removeWeightSource(f.pool.getAddress()),
        () => s.createElection(f.candidates, now + 10, now + 11, now + DAY, 2, false),
        () =>
          f.election
            .connect(f.guardian)
            .createElection(f.candidates, now + 10, now + 11, now + DAY, 2, false),
        () => f.election.connect(f.guardian).addWeightSource(f.stranger.address, 4),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(
          f.election,
          "AccessControlUnauthorizedAccount",
        );
      }
      const { id } = await schedule(f);
      await expect(s.cancelElection(id)).to.be.revertedWithCustomError(
        f.election,
        "AccessControlUnauthorizedAccount",
      );
      await expect(f.election.connect(f.guardian).cancelElection(id))
        .to.emit(f.election, "ElectionCancelled")
        .withArgs(id, f.guardian.address);
      await expect(
        f.election.connect(f.governance).cancelElection(id),
      ).to.be.revertedWithCustomError(f.election, "CoreElectionNotOpen");
    });

    it("bounds weight sources and freezes them while an election is open", async () => {
      const f = await loadFixture(deploy);
      const g = f.election.connect(f.governance);
      await expect(g.addWeightSource(f.stranger.address, 0)).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionBadMultiplier",
      );
      await expect(g.addWeightSource(f.stranger.address, 1_001)).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionBadMultiplier",
      );
      await expect(g.addWeightSource(f.pool.getAddress(), 4)).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionSourceExists",
      );
      for (let i = 1; i < 8; ++i)
        await g.addWeightSource(
          ethers.getAddress(`0x${(0x100 + i).toString(16).padStart(40, "0")}`),
          4,
        );
      await expect(g.addWeightSource(f.stranger.address, 4)).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionTooManySources",
      );
      await g.removeWeightSource(ethers.getAddress(`0x${(0x101).toString(16).padStart(40, "0")}`));
      await expect(g.removeWeightSource(f.stranger.address)).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionSourceUnknown",
      );
      const { id } = await schedule(f);
      await expect(g.addWeightSource(f.stranger.address, 4))
        .to.be.revertedWithCustomError(f.election, "CoreElectionInProgress")
        .withArgs(id);
      await expect(g.removeWeightSource(f.pool.getAddress())).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionInProgress",
      );
    });

    it("validates candidates, winners and the schedule; one election at a time", async () => {
      const f = await loadFixture(deploy);
      const g = f.election.connect(f.governance);
      const now = await time.latest();
      const [c0, c1] = f.candidates;
      const ok = [now + 10, now + 11, now + 11 + DAY] as const;
      await expect(g.createElection([c0], ...ok, 1, false)).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionBadCandidates",
      );
      await expect(g.createElection([c0, c1], ...ok, 3, false)).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionBadCandidates",
      );
      await expect(g.createElection([c0, c1], ...ok, 0, false)).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionBadCandidates",
      );
      const many = Array.from({ length: 65 }, (_, i) =>
        ethers.getAddress(`0x${(0x1000 + i).toString(16).padStart(40, "0")}`),
      );
      await expect(g.createElection(many, ...ok, 5, false)).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionBadCandidates",
      );
      await expect(g.createElection([c0, c1, c0], ...ok, 1, false))
        .to.be.revertedWithCustomError(f.election, "CoreElectionBadCandidate")
        .withArgs(c0);
      await expect(
        g.createElection([c0, ethers.ZeroAddress], ...ok, 1, false),
      ).to.be.revertedWithCustomError(f.election, "CoreElectionBadCandidate");
      for (const [s, b, e] of [
        [now - 1, now + 11, now + DAY],
        [now + 10, now + 10, now + DAY],
        [now + 10, now + 11, now + 11 + HOUR - 1],
        [now + 10, now + 11, now + 11 + 31 * DAY],
        [now + 10, now + 91 * DAY, now + 92 * DAY],
      ]) {
        await expect(g.createElection([c0, c1], s, b, e, 1, false)).to.be.revertedWithCustomError(
          f.election,
          "CoreElectionBadSchedule",
        );
      }
      await expect(g.createElection([c0, c1], ...ok, 1, true)).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionNoPreviousElection",
      );
      await g.createElection([c0, c1], ...ok, 1, false);
      await expect(g.createElection([c0, c1], ...ok, 1, false)).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionInProgress",
      );
    });
  });

  describe("voting", () => {
    it("weighs 1 per self-delegated wallet TOKE and 4 per staked TOKE at the snapshot", async () => {
      const f = await loadFixture(deploy);
      const { toke, pool, alice, bob, carol } = f;
      await pool.connect(alice).stake(TOKE(250)); // wallet 750 + 4 x 250 = 1,750
      await toke.connect(carol).delegate(ethers.ZeroAddress); // undelegated TOKE counts for no one
      const { id, start } = await schedule(f);
      await time.increaseTo(start);
      expect(await f.election.votingWeight(id, alice.address)).to.deep.equal([TOKE(1_750), 0n]);
      expect(await f.election.votingWeight(id, bob.address)).to.deep.equal([TOKE(1_000), 0n]);
      expect(await f.election.votingWeight(id, carol.address)).to.deep.equal([0n, 0n]);
      await expect(f.election.connect(carol).vote(id, [0], [10_000]))
        .to.be.revertedWithCustomError(f.election, "CoreElectionNoWeight")
        .withArgs(carol.address);
      await expect(f.election.connect(alice).vote(id, [0, 2], [6_000, 4_000]))
        .to.emit(f.election, "Voted")
        .withArgs(id, alice.address, TOKE(1_750), 0n, [0n, 2n], [6_000n, 4_000n]);
      expect((await f.election.tallyOf(id)).slice(0, 3)).to.deep.equal([
        TOKE(1_050),
        0n,
        TOKE(700),
      ]);
      await expect(f.election.connect(alice).vote(id, [1], [10_000]))
        .to.be.revertedWithCustomError(f.election, "CoreElectionAlreadyVoted")
        .withArgs(id, alice.address);
    });

    it("ignores what moves after the snapshot: a stake, a transfer to another voter", async () => {
      const f = await loadFixture(deploy);
      const { toke, pool, alice, bob, dave } = f;
      const { id, snapshot, start } = await schedule(f);
      await time.increaseTo(snapshot + 1);
      // After the snapshot Alice stakes everything, and Dave hands his TOKE to Bob.
      await pool.connect(alice).stake(TOKE(1_000));
      await toke.connect(dave).transfer(bob.address, TOKE(1_000));
      if ((await time.latest()) < start) await time.increaseTo(start);
      expect((await f.election.votingWeight(id, alice.address))[0]).to.equal(TOKE(1_000));
      expect((await f.election.votingWeight(id, bob.address))[0]).to.equal(TOKE(1_000));
      expect((await f.election.votingWeight(id, dave.address))[0]).to.equal(TOKE(1_000));
      // The same 1,000 TOKE of Dave's votes once, from Dave.
      await f.election.connect(dave).vote(id, [0], [10_000]);
      await f.election.connect(bob).vote(id, [0], [10_000]);
      expect((await f.election.tallyOf(id))[0]).to.equal(TOKE(2_000));
    });

    it("counts TOKE moved into the pool before the snapshot once, at 4x, not also in the wallet", async () => {
      const f = await loadFixture(deploy);
      await f.pool.connect(f.alice).stake(TOKE(1_000));
      const { id, start } = await schedule(f);
      await time.increaseTo(start);
      expect((await f.election.votingWeight(id, f.alice.address))[0]).to.equal(TOKE(4_000));
    });

    it("rejects votes outside the window and malformed splits", async () => {
      const f = await loadFixture(deploy);
      const { id, start, end } = await schedule(f);
      const v = f.election.connect(f.alice);
      await expect(v.vote(id, [0], [10_000])).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionNotVoting",
      );
      await time.increaseTo(start);
      await expect(v.vote(id, [0, 1], [10_000])).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionVoteLengthMismatch",
      );
      await expect(v.vote(id, [], [])).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionVoteLengthMismatch",
      );
      await expect(v.vote(id, [1, 1], [1, 1])).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionBadCandidateIndex",
      );
      await expect(v.vote(id, [2, 1], [1, 1])).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionBadCandidateIndex",
      );
      await expect(v.vote(id, [6], [1])).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionBadCandidateIndex",
      );
      await expect(v.vote(id, [0, 1], [6_000, 4_001]))
        .to.be.revertedWithCustomError(f.election, "CoreElectionBadShares")
        .withArgs(10_001);
      await expect(v.vote(id, [0, 1], [0, 4_000])).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionBadShares",
      );
      await expect(v.vote(id + 1n, [0], [1])).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionNotOpen",
      );
      // A partial vote is allowed: the rest of the weight simply is not cast.
      await v.vote(id, [3], [2_500]);
      expect((await f.election.tallyOf(id))[3]).to.equal(TOKE(250));
      await time.increaseTo(end + 1);
      await expect(f.election.connect(f.bob).vote(id, [0], [1])).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionNotVoting",
      );
    });
  });

  describe("winners", () => {
    it("takes the top N; on equal votes the lower index wins; no votes, no win", async () => {
      const f = await loadFixture(deploy);
      const { id, start, end } = await schedule(f, 3);
      await time.increaseTo(start);
      // Candidates 4 and 1 tie at 1,000; candidate 2 leads with 2,000; 0, 3 and 5 get nothing.
      await f.election.connect(f.alice).vote(id, [2], [10_000]);
      await f.election.connect(f.bob).vote(id, [2], [10_000]);
      await f.election.connect(f.carol).vote(id, [4], [10_000]);
      await f.election.connect(f.dave).vote(id, [1], [10_000]);
      await expect(f.election.finalize(id)).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionNotEnded",
      );
      await time.increaseTo(end + 1);
      const c = f.candidates;
      await expect(f.election.connect(f.stranger).finalize(id))
        .to.emit(f.election, "ElectionFinalized")
        .withArgs(id, [c[2], c[1], c[4]]);
      expect(await f.election.isWinner(id, c[1])).to.equal(true);
      expect(await f.election.isWinner(id, c[0])).to.equal(false);
      await expect(f.election.finalize(id)).to.be.revertedWithCustomError(
        f.election,
        "CoreElectionNotOpen",
      );
    });

    it("elects fewer than N when fewer candidates have votes", async () => {
      const f = await loadFixture(deploy);
      const { id, start, end } = await schedule(f, 5);
      await time.increaseTo(start);
      await f.election.connect(f.alice).vote(id, [5], [10_000]);
      await time.increaseTo(end + 1);
      await f.election.finalize(id);
      expect(await f.election.winnersOf(id)).to.deep.equal([f.candidates[5]]);
    });
  });

  describe("loyalty bonus (CoRE 2)", () => {
    it("adds min(previous weight, current weight)", async () => {
      const f = await loadFixture(deploy);
      const { toke, pool, governance, alice, bob, carol, dave } = f;
      // CoRE 1: everyone holds 1,000 TOKE in the wallet (weight 1,000); Dave stakes 250 (1,750).
      await pool.connect(dave).stake(TOKE(250));
      const first = await schedule(f);
      await time.increaseTo(first.end + 1);
      await f.election.finalize(first.id);
      // Between the elections: Alice keeps her position, Bob adds 1,000, Carol sells 600,
      // Dave unstakes (1,000 in the wallet now).
      await toke.connect(governance).transfer(bob.address, TOKE(1_000));
      await toke.connect(carol).transfer(governance.address, TOKE(600));
      await pool.connect(dave).withdraw(TOKE(250));
      const second = await schedule(f, 2, true);
      expect((await f.election.getElection(second.id)).bonusFrom).to.equal(first.id);
      await time.increaseTo(second.start);
      expect(await f.election.votingWeight(second.id, alice.address)).to.deep.equal([
        TOKE(1_000),
        TOKE(1_000),
      ]);
      expect(await f.election.votingWeight(second.id, bob.address)).to.deep.equal([
        TOKE(2_000),
        TOKE(1_000),
      ]);
      expect(await f.election.votingWeight(second.id, carol.address)).to.deep.equal([
        TOKE(400),
        TOKE(400),
      ]);
      expect(await f.election.votingWeight(second.id, dave.address)).to.deep.equal([
        TOKE(1_000),
        TOKE(1_000),
      ]);
      await expect(f.election.connect(bob).vote(second.id, [1], [10_000]))
        .to.emit(f.election, "Voted")
        .withArgs(second.id, bob.address, TOKE(3_000), TOKE(1_000), [1n], [10_000n]);
    });

    it("reads the bonus from the last finalised election, skipping a cancelled one", async () => {
      const f = await loadFixture(deploy);
      const first = await schedule(f);
      await time.increaseTo(first.end + 1);
      await f.election.finalize(first.id);
      const cancelled = await schedule(f);
      await f.election.connect(f.governance).cancelElection(cancelled.id);
      const third = await schedule(f, 2, true);
      expect((await f.election.getElection(third.id)).bonusFrom).to.equal(first.id);
    });
  });
});
