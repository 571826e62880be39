// Coverage of CoreElection's and CoreFunding's remaining guards and views: zero addresses at
// deployment, a fee-on-transfer winner token that would deliver less than agreed, the guardian's
// pause, and the read-back of what the constructor and governance set.
import { expect } from "chai";
import { network } from "hardhat";
import type { Contract } from "ethers";
import { DAY, TOKE, TOKE_SUPPLY } from "../../helpers/launch.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

const STAKE_MULTIPLIER = 4;
const BPS = 10_000n;
/** TestFeeToken burns 1% of every transfer between two accounts. */
const FEE_BPS = 100n;

async function deploy() {
  const [governance, guardian, voter, project, treasury, stranger] = await ethers.getSigners();
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
  await toke.connect(governance).transfer(voter.address, TOKE(1_000));
  await toke.connect(voter).delegate(voter.address);
  const feeToken = (await ethers.deployContract("TestFeeToken")) as unknown as Contract;
  const plainToken = (await ethers.deployContract("LaunchTestToken", [
    "Project",
    "PRJ",
    18,
  ])) as unknown as Contract;
  const candidates = [await feeToken.getAddress(), await plainToken.getAddress()];
  const snapshot = (await time.latest()) + 10;
  await election
    .connect(governance)
    .createElection(candidates, snapshot, snapshot + 1, snapshot + 1 + DAY, 2, false);
  const id = await election.electionCount();
  await time.increaseTo(snapshot + 1);
  await election.connect(voter).vote(id, [0, 1], [7_000, 3_000]);
  await time.increase(DAY + 1);
  await election.finalize(id);
  const funding = await ethers.deployContract("CoreFunding", [
    await election.getAddress(),
    await toke.getAddress(),
    treasury.address,
    governance.address,
    guardian.address,
  ]);
  await toke.connect(governance).transfer(await funding.getAddress(), TOKE(10_000));
  return {
    governance,
    guardian,
    voter,
    project,
    treasury,
    stranger,
    toke,
    pool,
    election,
    funding,
    feeToken,
    plainToken,
    candidates,
    snapshot,
    id,
  };
}

describe("coverage: CoreElection and CoreFunding guards and views", () => {
  it("CoreElection refuses a zero TOKE, governance or guardian, and a zero weight source", async () => {
    const f = await loadFixture(deploy);
    const factory = await ethers.getContractFactory("CoreElection");
    const toke = await f.toke.getAddress();
    const zero = ethers.ZeroAddress;
    for (const args of [
      [zero, f.governance.address, f.guardian.address],
      [toke, zero, f.guardian.address],
      [toke, f.governance.address, zero],
    ] as [string, string, string][]) {
      await expect(factory.deploy(...args)).to.be.revertedWithCustomError(
        factory,
        "CoreElectionZeroAddress",
      );
    }
    await expect(
      f.election.connect(f.governance).addWeightSource(zero, STAKE_MULTIPLIER),
    ).to.be.revertedWithCustomError(f.election, "CoreElectionZeroAddress");
    expect(await f.election.weightSources()).to.have.length(1);
  });

  it("CoreElection reads back its token, sources, election, candidates and votes", async () => {
    const f = await loadFixture(deploy);
    expect(await f.election.toke()).to.equal(await f.toke.getAddress());
    const sources = await f.election.weightSources();
    expect(sources.map((s) => [s.source, s.multiplier])).to.deep.equal([
      [await f.pool.getAddress(), BigInt(STAKE_MULTIPLIER)],
    ]);
    const e = await f.election.getElection(f.id);
    expect(e.snapshot).to.equal(BigInt(f.snapshot));
    expect(e.votingStart).to.equal(BigInt(f.snapshot + 1));
    expect(e.votingEnd).to.equal(BigInt(f.snapshot + 1 + DAY));
    expect(await f.election.candidatesOf(f.id)).to.deep.equal(f.candidates);
    expect(await f.election.hasVoted(f.id, f.voter.address)).to.equal(true);
    expect(await f.election.hasVoted(f.id, f.stranger.address)).to.equal(false);
    // The voter's 1,000 TOKE sit in the wallet: weight 1,000, split 70/30.
    expect(await f.election.tallyOf(f.id)).to.deep.equal([TOKE(700), TOKE(300)]);
    expect(await f.election.winnersOf(f.id)).to.deep.equal(f.candidates);
  });

  it("CoreFunding refuses every zero address at deployment and a zero project in its terms", async () => {
    const f = await loadFixture(deploy);
    const factory = await ethers.getContractFactory("CoreFunding");
    const zero = ethers.ZeroAddress;
    const good = [
      await f.election.getAddress(),
      await f.toke.getAddress(),
      f.treasury.address,
      f.governance.address,
      f.guardian.address,
    ];
    for (let i = 0; i < good.length; ++i) {
      const args = [...good] as [string, string, string, string, string];
      args[i] = zero;
      await expect(factory.deploy(...args)).to.be.revertedWithCustomError(
        factory,
        "CoreFundingZeroAddress",
      );
    }
    await expect(
      f.funding.connect(f.governance).setSwapTerms(f.id, f.candidates[1], zero, TOKE(1), TOKE(1)),
    ).to.be.revertedWithCustomError(f.funding, "CoreFundingZeroAddress");
    expect((await f.funding.termsOf(f.id, f.candidates[1])).project).to.equal(zero);
  });

  it("CoreFunding refuses a winner token that delivers less than the agreed amount, and nothing moves", async () => {
    const f = await loadFixture(deploy);
    const amount = TOKE(1_000);
    await f.funding
      .connect(f.governance)
      .setSwapTerms(f.id, f.candidates[0], f.project.address, amount, TOKE("0.5"));
    await f.feeToken.getFunction("mint")(f.project.address, amount);
    await (f.feeToken.connect(f.project) as Contract).getFunction("approve")(
      await f.funding.getAddress(),
      amount,
    );
    const received = amount - (amount * FEE_BPS) / BPS;
    await expect(f.funding.connect(f.project).swap(f.id, f.candidates[0]))
      .to.be.revertedWithCustomError(f.funding, "CoreFundingShortDelivery")
      .withArgs(received, amount);
    expect((await f.funding.termsOf(f.id, f.candidates[0])).funded).to.equal(false);
    expect(await f.funding.reactorRequests()).to.deep.equal([]);
    expect(await f.toke.balanceOf(f.project.address)).to.equal(0n);
    expect(await f.feeToken.getFunction("balanceOf")(f.project.address)).to.equal(amount);
  });

  it("CoreFunding: the guardian pauses swaps, governance resumes them; the views read back", async () => {
    const f = await loadFixture(deploy);
    expect(await f.funding.election()).to.equal(await f.election.getAddress());
    expect(await f.funding.toke()).to.equal(await f.toke.getAddress());
    expect(await f.funding.treasury()).to.equal(f.treasury.address);
    const amount = TOKE(400);
    const rate = TOKE("0.25");
    await f.funding
      .connect(f.governance)
      .setSwapTerms(f.id, f.candidates[1], f.project.address, amount, rate);
    const terms = await f.funding.termsOf(f.id, f.candidates[1]);
    expect([terms.project, terms.tokenAmount, terms.tokePerToken, terms.funded]).to.deep.equal([
      f.project.address,
      amount,
      rate,
      false,
    ]);
    await f.plainToken.getFunction("mint")(f.project.address, amount);
    await (f.plainToken.connect(f.project) as Contract).getFunction("approve")(
      await f.funding.getAddress(),
      amount,
    );
    await expect(f.funding.connect(f.stranger).pause()).to.be.revertedWithCustomError(
      f.funding,
      "AccessControlUnauthorizedAccount",
    );
    await f.funding.connect(f.guardian).pause();
    await expect(
      f.funding.connect(f.project).swap(f.id, f.candidates[1]),
    ).to.be.revertedWithCustomError(f.funding, "EnforcedPause");
    await expect(f.funding.connect(f.guardian).unpause()).to.be.revertedWithCustomError(
      f.funding,
      "AccessControlUnauthorizedAccount",
    );
    await f.funding.connect(f.governance).unpause();
    // 400 tokens at 0.25 TOKE each: 100 TOKE.
    await expect(f.funding.connect(f.project).swap(f.id, f.candidates[1]))
      .to.emit(f.funding, "ProjectFunded")
      .withArgs(f.id, f.candidates[1], f.project.address, amount, (amount * rate) / TOKE(1));
    expect(await f.toke.balanceOf(f.project.address)).to.equal(TOKE(100));
    expect(await f.plainToken.getFunction("balanceOf")(f.treasury.address)).to.equal(amount);
  });
});
