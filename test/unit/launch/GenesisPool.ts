import { expect } from "chai";
import { network } from "hardhat";
import type { Contract } from "ethers";
import { DAY, TOKE, TOKE_SUPPLY, USDC, WEEK } from "../../helpers/launch.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

async function deploy() {
  // The depositor is a plain account here; test/integration/launch drives it from DeGenesis.
  const [governance, guardian, depositor, participant, outsider] = await ethers.getSigners();
  const toke = await ethers.deployContract("Toke", [[governance.address], [TOKE_SUPPLY]]);
  const usdc = (await ethers.deployContract("LaunchTestToken", [
    "USD Coin",
    "USDC",
    6,
  ])) as unknown as Contract;
  const now = await time.latest();
  const privateUntil = now + 2 * WEEK;
  const lockedUntil = now + 8 * WEEK;
  const pool = await ethers.deployContract("GenesisPool", [
    await usdc.getAddress(),
    await toke.getAddress(),
    governance.address,
    guardian.address,
    depositor.address,
    privateUntil,
    lockedUntil,
  ]);
  for (const w of [depositor, participant, outsider]) {
    await usdc.getFunction("mint")(w.address, USDC(1_000_000));
    await (usdc.connect(w) as Contract).getFunction("approve")(
      await pool.getAddress(),
      ethers.MaxUint256,
    );
  }
  const reactor = (await ethers.deployContract("LaunchTestReactor", [
    await usdc.getAddress(),
  ])) as unknown as Contract;
  return {
    governance,
    guardian,
    depositor,
    participant,
    outsider,
    toke,
    usdc,
    pool,
    reactor,
    privateUntil,
    lockedUntil,
  };
}

describe("GenesisPool", () => {
  it("validates its schedule", async () => {
    const { governance, guardian, depositor, toke, usdc, pool } = await loadFixture(deploy);
    const now = await time.latest();
    const args = [
      await usdc.getAddress(),
      await toke.getAddress(),
      governance.address,
      guardian.address,
      depositor.address,
    ];
    for (const [p, l] of [
      [now - 1, now + WEEK],
      [now + WEEK, now + WEEK - 1],
      [now + WEEK, now + 366 * DAY],
    ]) {
      await expect(
        ethers.deployContract("GenesisPool", [...args, p, l]),
      ).to.be.revertedWithCustomError(pool, "GenesisPoolBadSchedule");
    }
  });

  it("is private to participants until privateUntil, then public", async () => {
    const { depositor, participant, outsider, pool, privateUntil } = await loadFixture(deploy);
    await expect(pool.connect(outsider).stake(USDC(10)))
      .to.be.revertedWithCustomError(pool, "GenesisPoolPrivate")
      .withArgs(outsider.address, privateUntil);
    await expect(pool.connect(participant).stake(USDC(10))).to.be.revertedWithCustomError(
      pool,
      "GenesisPoolPrivate",
    );
    await pool.connect(depositor).depositFor(participant.address, USDC(500));
    expect(await pool.isParticipant(participant.address)).to.equal(true);
    // A participant may add its own funds during the private period.
    await pool.connect(participant).stake(USDC(100));
    expect(await pool.balanceOf(participant.address)).to.equal(USDC(600));
    await time.setNextBlockTimestamp(privateUntil - 1);
    await expect(pool.connect(outsider).stake(USDC(10))).to.be.revertedWithCustomError(
      pool,
      "GenesisPoolPrivate",
    );
    await time.setNextBlockTimestamp(privateUntil);
    await pool.connect(outsider).stake(USDC(10));
    expect(await pool.balanceOf(outsider.address)).to.equal(USDC(10));
  });

  it("only the depositor deposits for participants", async () => {
    const { participant, outsider, pool } = await loadFixture(deploy);
    await expect(pool.connect(outsider).depositFor(participant.address, USDC(1)))
      .to.be.revertedWithCustomError(pool, "GenesisPoolNotDepositor")
      .withArgs(outsider.address);
  });

  it("locks stakes until the end, then lets each staker withdraw or convert", async () => {
    const { governance, depositor, participant, outsider, usdc, pool, reactor, lockedUntil } =
      await loadFixture(deploy);
    await pool.connect(depositor).depositFor(participant.address, USDC(500));
    await pool.connect(depositor).depositFor(outsider.address, USDC(300));
    await expect(pool.connect(participant).withdraw(USDC(1)))
      .to.be.revertedWithCustomError(pool, "GenesisPoolLocked")
      .withArgs(lockedUntil);
    await expect(pool.connect(participant).convertToReactor(0n)).to.be.revertedWithCustomError(
      pool,
      "GenesisPoolReactorNotSet",
    );
    await pool.connect(governance).setReactor(await reactor.getAddress());
    await expect(pool.connect(participant).convertToReactor(0n)).to.be.revertedWithCustomError(
      pool,
      "GenesisPoolLocked",
    );
    await time.increaseTo(lockedUntil);
    // A fresh ERC-4626 vault mints 1 share per asset unit; asking for more reverts.
    await expect(pool.connect(participant).convertToReactor(USDC(500) + 1n))
      .to.be.revertedWithCustomError(pool, "GenesisPoolSlippage")
      .withArgs(USDC(500), USDC(500) + 1n);
    await expect(pool.connect(participant).convertToReactor(USDC(500)))
      .to.emit(pool, "ConvertedToReactor")
      .withArgs(participant.address, USDC(500), USDC(500));
    expect(await reactor.getFunction("balanceOf")(participant.address)).to.equal(USDC(500));
    expect(await pool.balanceOf(participant.address)).to.equal(0n);
    // The other staker takes the asset back instead.
    await expect(pool.connect(outsider).withdraw(USDC(300))).to.changeTokenBalance(
      ethers,
      usdc,
      outsider,
      USDC(300),
    );
  });

  it("accepts a Reactor over its own asset only, once, from governance only", async () => {
    const { governance, outsider, toke, pool, reactor } = await loadFixture(deploy);
    const wrong = await ethers.deployContract("LaunchTestReactor", [await toke.getAddress()]);
    await expect(
      pool.connect(outsider).setReactor(await reactor.getAddress()),
    ).to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount");
    await expect(
      pool.connect(governance).setReactor(await wrong.getAddress()),
    ).to.be.revertedWithCustomError(pool, "GenesisPoolReactorAssetMismatch");
    await pool.connect(governance).setReactor(await reactor.getAddress());
    await expect(
      pool.connect(governance).setReactor(await reactor.getAddress()),
    ).to.be.revertedWithCustomError(pool, "GenesisPoolReactorAlreadySet");
  });

  it("earns TOKE at the accelerated rate governance funds, claimable while locked", async () => {
    const { governance, depositor, participant, toke, pool } = await loadFixture(deploy);
    await pool.connect(depositor).depositFor(participant.address, USDC(500));
    await toke.connect(governance).approve(await pool.getAddress(), TOKE(2_419_200));
    const t0 = (await time.latest()) + 10;
    await time.setNextBlockTimestamp(t0);
    // 2 TOKE per second for two weeks.
    await pool.connect(governance).fundRewards(TOKE(2_419_200), 2 * WEEK);
    await time.setNextBlockTimestamp(t0 + 1_000);
    await expect(pool.connect(participant).claimRewards()).to.changeTokenBalance(
      ethers,
      toke,
      participant,
      TOKE(2_000),
    );
  });

  it("deposits keep working while stakes are paused (a DeGenesis claim must not block)", async () => {
    const { guardian, depositor, participant, pool } = await loadFixture(deploy);
    await pool.connect(guardian).pause();
    await pool.connect(depositor).depositFor(participant.address, USDC(1));
    await expect(pool.connect(participant).stake(USDC(1))).to.be.revertedWithCustomError(
      pool,
      "EnforcedPause",
    );
  });
});
