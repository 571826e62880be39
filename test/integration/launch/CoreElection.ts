import { expect } from "chai";
import { network } from "hardhat";
import type { Contract } from "ethers";
import { DAY, deployArtifact, TOKE, TOKE_SUPPLY } from "../../helpers/launch.js";
import { addLiquidity, deployTokeWethPairs } from "../../helpers/launchDex.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

const LP = (n: number | string) => ethers.parseEther(String(n));
const STAKE_MULTIPLIER = 4;
const LP_MULTIPLIER = 69;

async function deploy() {
  const [governance, guardian, voter, attacker, accomplice, projectA, projectB, stranger] =
    await ethers.getSigners();
  const toke = await ethers.deployContract("Toke", [[governance.address], [TOKE_SUPPLY]]);
  const weth = await deployArtifact(governance, "@uniswap/v2-periphery/build/WETH9.json");
  const { uniPair, sushiPair } = await deployTokeWethPairs(ethers, governance, toke, weth);
  // Seed both pairs at 8,000 TOKE per 2 ETH (TOKE $8 with ETH $32k is irrelevant here: only LP
  // token counts matter), minting the LP tokens to governance.
  await addLiquidity(
    uniPair,
    toke,
    weth,
    governance,
    TOKE(100_000),
    ethers.parseEther("100"),
    governance.address,
  );
  await addLiquidity(
    sushiPair,
    toke,
    weth,
    governance,
    TOKE(100_000),
    ethers.parseEther("100"),
    governance.address,
  );

  const pool = (name: string) =>
    ethers.deployContract("StakingPool", [
      name,
      toke.getAddress(),
      governance.address,
      guardian.address,
    ]);
  const tokePool = await pool(await toke.getAddress());
  const uniPool = await pool(await uniPair.getAddress());
  const sushiPool = await pool(await sushiPair.getAddress());

  const election = await ethers.deployContract("CoreElection", [
    await toke.getAddress(),
    governance.address,
    guardian.address,
  ]);
  await election.connect(governance).addWeightSource(await tokePool.getAddress(), STAKE_MULTIPLIER);
  await election.connect(governance).addWeightSource(await uniPool.getAddress(), LP_MULTIPLIER);
  await election.connect(governance).addWeightSource(await sushiPool.getAddress(), LP_MULTIPLIER);

  for (const w of [voter, attacker, accomplice]) {
    await toke.connect(w).delegate(w.address);
    await toke.connect(w).approve(await tokePool.getAddress(), ethers.MaxUint256);
    await (uniPair.connect(w) as Contract).getFunction("approve")(
      await uniPool.getAddress(),
      ethers.MaxUint256,
    );
    await (sushiPair.connect(w) as Contract).getFunction("approve")(
      await sushiPool.getAddress(),
      ethers.MaxUint256,
    );
  }
  const candidates: Contract[] = [];
  for (let i = 0; i < 6; ++i) {
    candidates.push(
      (await ethers.deployContract("LaunchTestToken", [
        `Project ${i}`,
        `P${i}`,
        18,
      ])) as unknown as Contract,
    );
  }
  const treasury = stranger;
  const funding = await ethers.deployContract("CoreFunding", [
    await election.getAddress(),
    await toke.getAddress(),
    treasury.address,
    governance.address,
    guardian.address,
  ]);
  return {
    governance,
    guardian,
    voter,
    attacker,
    accomplice,
    projectA,
    projectB,
    treasury,
    toke,
    weth,
    uniPair,
    sushiPair,
    tokePool,
    uniPool,
    sushiPool,
    election,
    funding,
    candidates,
  };
}

type F = Awaited<ReturnType<typeof deploy>>;

async function createElection(f: F, snapshot: number, winners = 2) {
  const addrs = await Promise.all(f.candidates.map((c) => c.getAddress()));
  await f.election
    .connect(f.governance)
    .createElection(addrs, snapshot, snapshot + 1, snapshot + 1 + DAY, winners, false);
  return f.election.electionCount();
}

describe("CoRE on real TOKE/WETH pairs (Uniswap V2 + SushiSwap)", () => {
  it("weighs every holding type at the snapshot: 100 wallet + 4 x 100 staked + 69 x (1 Uni + 2 Sushi) LP = 707", async () => {
    const f = await loadFixture(deploy);
    const { governance, voter, toke } = f;
    await toke.connect(governance).transfer(voter.address, TOKE(200));
    await (f.uniPair.connect(governance) as Contract).getFunction("transfer")(voter.address, LP(1));
    await (f.sushiPair.connect(governance) as Contract).getFunction("transfer")(
      voter.address,
      LP(3),
    );
    await f.tokePool.connect(voter).stake(TOKE(100));
    await f.uniPool.connect(voter).stake(LP(1));
    await f.sushiPool.connect(voter).stake(LP(2));
    // One Sushi LP token stays unstaked in the wallet: it counts for nothing.
    const snapshot = (await time.latest()) + 10;
    const id = await createElection(f, snapshot);
    await time.increaseTo(snapshot + 1);
    expect((await f.election.votingWeight(id, voter.address))[0]).to.equal(TOKE(707));
    await f.election.connect(voter).vote(id, [0, 1], [5_000, 5_000]);
    expect((await f.election.tallyOf(id)).slice(0, 2)).to.deep.equal([
      TOKE("353.5"),
      TOKE("353.5"),
    ]);
  });

  it("counts the same TOKE once whether it sits in the wallet, a pool or a pair", async () => {
    const f = await loadFixture(deploy);
    const { governance, attacker, toke, weth } = f;
    await toke.connect(governance).transfer(attacker.address, TOKE(1_000));
    // Before the snapshot: 500 TOKE to the staking pool, 400 TOKE into the Uniswap pair (LP
    // staked), 100 TOKE left in the wallet.
    await f.tokePool.connect(attacker).stake(TOKE(500));
    await networkHelpers.setBalance(attacker.address, ethers.parseEther("1000"));
    const lp = await addLiquidity(
      f.uniPair,
      toke,
      weth,
      attacker,
      TOKE(400),
      ethers.parseEther("0.4"),
      attacker.address,
    );
    await f.uniPool.connect(attacker).stake(lp);
    const snapshot = (await time.latest()) + 10;
    const id = await createElection(f, snapshot);
    await time.increaseTo(snapshot + 1);
    // Wallet votes dropped by everything that left the wallet; pools and pairs hold votes for no one.
    expect(await toke.getPastVotes(attacker.address, snapshot)).to.equal(TOKE(100));
    for (const holder of [f.tokePool, f.uniPair, f.uniPool]) {
      expect(await toke.getPastVotes(await holder.getAddress(), snapshot)).to.equal(0n);
    }
    expect((await f.election.votingWeight(id, attacker.address))[0]).to.equal(
      TOKE(100) + 4n * TOKE(500) + 69n * lp,
    );
  });

  it("a transfer to a second wallet in the snapshot's own second counts once, where it ended", async () => {
    const f = await loadFixture(deploy);
    const { governance, attacker, accomplice, toke } = f;
    await toke.connect(governance).transfer(attacker.address, TOKE(1_000));
    await toke.connect(accomplice).approve(await f.tokePool.getAddress(), ethers.MaxUint256);
    const snapshot = (await time.latest()) + 10;
    const id = await createElection(f, snapshot);
    // In one block at the snapshot second: the attacker hands its TOKE to the accomplice, who
    // stakes it. End-of-second balances: attacker 0, accomplice 1,000 staked.
    await ethers.provider.send("evm_setAutomine", [false]);
    await toke.connect(attacker).transfer(accomplice.address, TOKE(1_000));
    await f.tokePool.connect(accomplice).stake(TOKE(1_000), { gasLimit: 500_000 });
    await time.setNextBlockTimestamp(snapshot);
    await networkHelpers.mine();
    await ethers.provider.send("evm_setAutomine", [true]);
    await time.increaseTo(snapshot + 1);
    expect((await f.election.votingWeight(id, attacker.address))[0]).to.equal(0n);
    expect((await f.election.votingWeight(id, accomplice.address))[0]).to.equal(TOKE(4_000));
    // And after the snapshot, handing the stake back buys the attacker nothing.
    await f.tokePool.connect(accomplice).withdraw(TOKE(1_000));
    await toke.connect(accomplice).transfer(attacker.address, TOKE(1_000));
    await expect(
      f.election.connect(attacker).vote(id, [0], [10_000]),
    ).to.be.revertedWithCustomError(f.election, "CoreElectionNoWeight");
    await f.election.connect(accomplice).vote(id, [0], [10_000]);
    expect((await f.election.tallyOf(id))[0]).to.equal(TOKE(4_000));
  });

  describe("funding the winners (CoreFunding)", () => {
    async function withWinners() {
      const f = await loadFixture(deploy);
      const { governance, voter, toke } = f;
      await toke.connect(governance).transfer(voter.address, TOKE(1_000));
      const snapshot = (await time.latest()) + 10;
      const id = await createElection(f, snapshot, 2);
      await time.increaseTo(snapshot + 1);
      await f.election.connect(voter).vote(id, [1, 3], [6_000, 4_000]);
      await time.increase(DAY + 1);
      await f.election.finalize(id);
      await toke.connect(governance).transfer(await f.funding.getAddress(), TOKE(100_000));
      return { ...f, id };
    }

    it("swaps a winner's tokens for TOKE at the governance rate and records the Reactor request", async () => {
      const f = await withWinners();
      const { governance, projectA, funding, id } = f;
      const token = f.candidates[1];
      const tokenAddr = await token.getAddress();
      // Project token at $2, TOKE at $8: 0.25 TOKE per token, 40,000 tokens for 10,000 TOKE.
      await funding
        .connect(governance)
        .setSwapTerms(
          id,
          tokenAddr,
          projectA.address,
          ethers.parseEther("40000"),
          ethers.parseEther("0.25"),
        );
      expect(await funding.tokeFor(id, tokenAddr)).to.equal(TOKE(10_000));
      await token.getFunction("mint")(projectA.address, ethers.parseEther("40000"));
      await (token.connect(projectA) as Contract).getFunction("approve")(
        await funding.getAddress(),
        ethers.MaxUint256,
      );
      await expect(funding.connect(f.voter).swap(id, tokenAddr))
        .to.be.revertedWithCustomError(funding, "CoreFundingNotProject")
        .withArgs(f.voter.address, projectA.address);
      await expect(funding.connect(projectA).swap(id, tokenAddr))
        .to.emit(funding, "ProjectFunded")
        .withArgs(id, tokenAddr, projectA.address, ethers.parseEther("40000"), TOKE(10_000))
        .and.to.emit(funding, "ReactorRequested")
        .withArgs(id, tokenAddr);
      expect(await f.toke.balanceOf(projectA.address)).to.equal(TOKE(10_000));
      expect(await token.getFunction("balanceOf")(f.treasury.address)).to.equal(
        ethers.parseEther("40000"),
      );
      expect(await funding.reactorRequests()).to.deep.equal([tokenAddr]);
      await expect(funding.connect(projectA).swap(id, tokenAddr)).to.be.revertedWithCustomError(
        funding,
        "CoreFundingAlreadyFunded",
      );
      await expect(
        funding.connect(governance).setSwapTerms(id, tokenAddr, projectA.address, 1n, 1n),
      ).to.be.revertedWithCustomError(funding, "CoreFundingAlreadyFunded");
    });

    it("funds winners only, within bounds, with the TOKE it holds", async () => {
      const f = await withWinners();
      const { governance, projectA, funding, id } = f;
      const loser = await f.candidates[0].getAddress();
      const winner = await f.candidates[3].getAddress();
      const g = funding.connect(governance);
      await expect(g.setSwapTerms(id, loser, projectA.address, 1n, 1n))
        .to.be.revertedWithCustomError(funding, "CoreFundingNotWinner")
        .withArgs(id, loser);
      await expect(
        g.setSwapTerms(id, winner, projectA.address, 0n, 1n),
      ).to.be.revertedWithCustomError(funding, "CoreFundingOutOfBounds");
      await expect(
        g.setSwapTerms(id, winner, projectA.address, 1n, 10n ** 36n + 1n),
      ).to.be.revertedWithCustomError(funding, "CoreFundingOutOfBounds");
      await expect(funding.connect(projectA).swap(id, winner)).to.be.revertedWithCustomError(
        funding,
        "CoreFundingNoTerms",
      );
      // 1M tokens at 1 TOKE each: more TOKE than the 100,000 held.
      await g.setSwapTerms(
        id,
        winner,
        projectA.address,
        ethers.parseEther("1000000"),
        ethers.parseEther("1"),
      );
      await expect(funding.connect(projectA).swap(id, winner))
        .to.be.revertedWithCustomError(funding, "CoreFundingTokeShort")
        .withArgs(TOKE(100_000), TOKE(1_000_000));
    });

    it("restricts terms, recovery and unpause to governance, pause to the guardian", async () => {
      const f = await withWinners();
      const { funding, guardian, governance, projectA, id } = f;
      const winner = await f.candidates[1].getAddress();
      const s = funding.connect(f.voter);
      for (const call of [
        () => s.setSwapTerms(id, winner, projectA.address, 1n, 1n),
        () => s.recoverToke(1n),
        () => s.pause(),
        () => s.unpause(),
        () => funding.connect(guardian).recoverToke(1n),
        () => funding.connect(guardian).setSwapTerms(id, winner, projectA.address, 1n, 1n),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(
          funding,
          "AccessControlUnauthorizedAccount",
        );
      }
      await funding.connect(governance).setSwapTerms(id, winner, projectA.address, 1n, 1n);
      await funding.connect(guardian).pause();
      await expect(funding.connect(projectA).swap(id, winner)).to.be.revertedWithCustomError(
        funding,
        "EnforcedPause",
      );
      await funding.connect(governance).unpause();
      await expect(funding.connect(governance).recoverToke(TOKE(1))).to.changeTokenBalance(
        ethers,
        f.toke,
        f.treasury,
        TOKE(1),
      );
    });
  });

  describe("attacks (issue 19)", () => {
    it("guardian veto after votingEnd: refused once the tally is public; governance (the timelock) may still cancel", async () => {
      const f = await loadFixture(deploy);
      const { governance, guardian, voter, toke } = f;
      await toke.connect(governance).transfer(voter.address, TOKE(100));
      const snapshot = (await time.latest()) + 10;
      const id = await createElection(f, snapshot);
      await time.increaseTo(snapshot + 1);
      await f.election.connect(voter).vote(id, [0], [10_000]);
      const { votingEnd } = await f.election.getElection(id);
      // The last voting second: the guardian may still stop the election...
      const trial = await networkHelpers.takeSnapshot();
      await time.setNextBlockTimestamp(votingEnd);
      await expect(f.election.connect(guardian).cancelElection(id))
        .to.emit(f.election, "ElectionCancelled")
        .withArgs(id, guardian.address);
      await trial.restore();
      // ...but one second later the tally is final and public: a veto is governance's.
      await time.increaseTo(votingEnd + 1n);
      const tally = (await f.election.tallyOf(id))[0];
      console.log(
        `      votingEnd ${votingEnd}; guardian tried at ${votingEnd + 1n} with candidate 0 at ${tally} weight`,
      );
      await expect(f.election.connect(guardian).cancelElection(id))
        .to.be.revertedWithCustomError(f.election, "CoreElectionGuardianTooLate")
        .withArgs(id, votingEnd);
      await expect(f.election.connect(governance).cancelElection(id))
        .to.emit(f.election, "ElectionCancelled")
        .withArgs(id, governance.address);
    });
  });
});
