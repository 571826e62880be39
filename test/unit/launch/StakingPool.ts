import { expect } from "chai";
import { network } from "hardhat";
import { TOKE, TOKE_SUPPLY, WEEK } from "../../helpers/launch.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

// 604,800 TOKE over a week = exactly 1 TOKE per second.
const WEEK_FUNDING = TOKE(604_800);
const ONE_PER_SECOND = TOKE(1);

async function deploy() {
  const [governance, guardian, alice, bob, carol] = await ethers.getSigners();
  const toke = await ethers.deployContract("Toke", [[governance.address], [TOKE_SUPPLY]]);
  const pool = await ethers.deployContract("StakingPool", [
    await toke.getAddress(),
    await toke.getAddress(),
    governance.address,
    guardian.address,
  ]);
  for (const w of [alice, bob, carol]) {
    await toke.connect(governance).transfer(w.address, TOKE(10_000));
    await toke.connect(w).approve(await pool.getAddress(), ethers.MaxUint256);
  }
  await toke.connect(governance).approve(await pool.getAddress(), ethers.MaxUint256);
  return { governance, guardian, alice, bob, carol, toke, pool };
}

describe("StakingPool (TOKE pool: the staking token is the reward token)", () => {
  it("checkpoints stakes on the timestamp clock and refuses present or future lookups", async () => {
    const { alice, pool } = await loadFixture(deploy);
    const t0 = (await time.latest()) + 10;
    await time.setNextBlockTimestamp(t0);
    await pool.connect(alice).stake(TOKE(100));
    await time.setNextBlockTimestamp(t0 + 10);
    await pool.connect(alice).stake(TOKE(50));
    await time.setNextBlockTimestamp(t0 + 20);
    await pool.connect(alice).withdraw(TOKE(30));
    await time.increase(5);
    expect(await pool.getPastStake(alice.address, t0 - 1)).to.equal(0n);
    expect(await pool.getPastStake(alice.address, t0)).to.equal(TOKE(100));
    expect(await pool.getPastStake(alice.address, t0 + 9)).to.equal(TOKE(100));
    expect(await pool.getPastStake(alice.address, t0 + 10)).to.equal(TOKE(150));
    expect(await pool.getPastStake(alice.address, t0 + 20)).to.equal(TOKE(120));
    expect(await pool.getPastTotalStake(t0 + 10)).to.equal(TOKE(150));
    const now = await time.latest();
    await expect(pool.getPastStake(alice.address, now + 1)).to.be.revertedWithCustomError(
      pool,
      "StakingPoolFutureLookup",
    );
    expect(await pool.CLOCK_MODE()).to.equal("mode=timestamp");
  });

  it("splits rewards by stake and time; a late staker earns nothing from before it joined", async () => {
    const { governance, alice, bob, pool } = await loadFixture(deploy);
    const t0 = (await time.latest()) + 10;
    await time.setNextBlockTimestamp(t0);
    await pool.connect(alice).stake(TOKE(100));
    await time.setNextBlockTimestamp(t0 + 10);
    await pool.connect(governance).fundRewards(WEEK_FUNDING, WEEK);
    expect(await pool.rewardRate()).to.equal(ONE_PER_SECOND);
    await time.setNextBlockTimestamp(t0 + 110);
    await pool.connect(bob).stake(TOKE(300));
    expect(await pool.earned(bob.address)).to.equal(0n);
    await time.increaseTo(t0 + 210);
    // Alice: 100 s alone (100 TOKE) + 100 s at 1/4 (25 TOKE). Bob: 100 s at 3/4.
    expect(await pool.earned(alice.address)).to.equal(TOKE(125));
    expect(await pool.earned(bob.address)).to.equal(TOKE(75));
    await time.setNextBlockTimestamp(t0 + 220);
    await expect(pool.connect(alice).claimRewards()).to.changeTokenBalance(
      ethers,
      await tokeOf(pool),
      alice,
      TOKE("127.5"),
    );
    expect(await pool.earned(alice.address)).to.equal(0n);
  });

  it("queues what accrues while nothing is staked and re-spreads it at the next funding", async () => {
    const { governance, alice, pool } = await loadFixture(deploy);
    const t0 = (await time.latest()) + 10;
    await time.setNextBlockTimestamp(t0);
    await pool.connect(governance).fundRewards(TOKE(3_600), 3_600);
    await time.setNextBlockTimestamp(t0 + 600);
    await pool.connect(alice).stake(TOKE(1));
    expect(await pool.queuedRewards()).to.equal(TOKE(600));
    await time.increaseTo(t0 + 3_600);
    // Alice earned the 3,000 s she was staked; 600 TOKE wait for the next funding.
    expect(await pool.earned(alice.address)).to.equal(TOKE(3_000));
    await time.setNextBlockTimestamp(t0 + 4_000);
    await pool.connect(governance).fundRewards(0n, 3_600);
    expect(await pool.rewardRate()).to.equal(TOKE(600) / 3_600n);
    await time.increaseTo(t0 + 8_000);
    await pool.connect(alice).claimRewards();
    await pool.connect(alice).withdraw(TOKE(1));
    // Staked and reward TOKE are one token here: she ends with her stake plus all rewards but the
    // division remainder (600e18 % 3600 wei) that stays queued. With one staker of 1 TOKE,
    // rewardPerToken has no rounding dust (1e18 divides every emitted amount times 1e18).
    const remainder = TOKE(600) % 3_600n;
    expect(await pool.queuedRewards()).to.equal(remainder);
    expect(await (await tokeOf(pool)).balanceOf(alice.address)).to.equal(
      TOKE(10_000) + TOKE(3_600) - remainder,
    );
  });

  it("pays rewards only from funding: stakes are never touched", async () => {
    const { governance, alice, bob, pool } = await loadFixture(deploy);
    await pool.connect(alice).stake(TOKE(1_000));
    await pool.connect(bob).stake(TOKE(3_000));
    await pool.connect(governance).fundRewards(TOKE(3_600), 3_600);
    await time.increase(10_000);
    const toke = await tokeOf(pool);
    await pool.connect(alice).claimRewards();
    await pool.connect(bob).claimRewards();
    await pool.connect(alice).withdraw(TOKE(1_000));
    await pool.connect(bob).withdraw(TOKE(3_000));
    const paid =
      (await toke.balanceOf(alice.address)) + (await toke.balanceOf(bob.address)) - TOKE(20_000);
    expect(paid).to.be.lessThanOrEqual(TOKE(3_600));
    expect(TOKE(3_600) - paid).to.be.lessThan(10n ** 6n);
    expect(await toke.balanceOf(await pool.getAddress())).to.equal(TOKE(3_600) - paid);
  });

  it("bounds the reward duration and refuses a rate that rounds to zero", async () => {
    const { governance, pool } = await loadFixture(deploy);
    await expect(pool.connect(governance).fundRewards(TOKE(1), 3_599))
      .to.be.revertedWithCustomError(pool, "StakingPoolBadRewardDuration")
      .withArgs(3_599, 3_600, 4 * 365 * 86_400);
    await expect(
      pool.connect(governance).fundRewards(TOKE(1), 4 * 365 * 86_400 + 1),
    ).to.be.revertedWithCustomError(pool, "StakingPoolBadRewardDuration");
    await expect(pool.connect(governance).fundRewards(100n, 3_600))
      .to.be.revertedWithCustomError(pool, "StakingPoolRewardRateZero")
      .withArgs(100n, 3_600);
  });

  it("restricts funding and unpausing to governance, pausing to the guardian; pause stops stakes only", async () => {
    const { governance, guardian, alice, pool } = await loadFixture(deploy);
    await pool.connect(alice).stake(TOKE(10));
    await pool.connect(governance).fundRewards(TOKE(3_600), 3_600);
    for (const call of [
      () => pool.connect(alice).fundRewards(TOKE(1), 3_600),
      () => pool.connect(guardian).fundRewards(TOKE(1), 3_600),
      () => pool.connect(alice).pause(),
      () => pool.connect(governance).pause(),
      () => pool.connect(alice).unpause(),
    ]) {
      await expect(call()).to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount");
    }
    await pool.connect(guardian).pause();
    await expect(pool.connect(alice).stake(TOKE(1))).to.be.revertedWithCustomError(
      pool,
      "EnforcedPause",
    );
    await time.increase(100);
    await pool.connect(alice).claimRewards();
    await pool.connect(alice).withdraw(TOKE(10));
    await expect(pool.connect(guardian).unpause()).to.be.revertedWithCustomError(
      pool,
      "AccessControlUnauthorizedAccount",
    );
    await pool.connect(governance).unpause();
    await pool.connect(alice).stake(TOKE(1));
  });

  it("rejects zero amounts and withdrawals above the stake", async () => {
    const { alice, pool } = await loadFixture(deploy);
    await expect(pool.connect(alice).stake(0n)).to.be.revertedWithCustomError(
      pool,
      "StakingPoolZeroAmount",
    );
    await pool.connect(alice).stake(TOKE(5));
    await expect(pool.connect(alice).withdraw(TOKE(5) + 1n))
      .to.be.revertedWithCustomError(pool, "StakingPoolInsufficientStake")
      .withArgs(alice.address, TOKE(5) + 1n, TOKE(5));
  });
});

async function tokeOf(pool: { rewardToken(): Promise<string> }) {
  return ethers.getContractAt("Toke", await pool.rewardToken());
}
