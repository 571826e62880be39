import { expect } from "chai";
import { network } from "hardhat";
import {
  approveToke,
  deployDirectors,
  E18,
  rolloverWithPrices,
  venueId,
} from "../../helpers/directors.js";

async function setup() {
  const conn = await network.create();
  const d = await deployDirectors(conn);
  const WETH = await d.tWeth.getAddress();
  for (const u of d.users.slice(0, 6)) await approveToke(d, u, await d.staking.getAddress());
  return { conn, d, WETH };
}

describe("LDStaking: stake, unstake requests, transfers, listing", () => {
  it("stake counts from the next cycle and moves TOKE in", async () => {
    const { conn, d, WETH } = await setup();
    const [alice, bob] = d.users;
    const before = await d.toke.balanceOf(alice.address);
    await expect(d.staking.connect(alice).stake(WETH, 100n * E18, bob.address))
      .to.emit(d.staking, "Staked")
      .withArgs(WETH, bob.address, alice.address, 100n * E18);
    expect(before - (await d.toke.balanceOf(alice.address))).to.equal(100n * E18);
    expect(await d.staking.stakeOf(WETH, bob.address)).to.deep.equal([100n * E18, 0n]);
    expect(await d.staking.totalStake(WETH)).to.deep.equal([100n * E18, 0n]);
    await rolloverWithPrices(conn, d);
    expect(await d.staking.stakeOf(WETH, bob.address)).to.deep.equal([100n * E18, 100n * E18]);
    expect(await d.staking.ledgerCycle(WETH)).to.equal(1n);
  });

  it("refuses zero amounts, unlisted Reactors, TOKE Reactors and paused staking", async () => {
    const { d, WETH } = await setup();
    const [alice] = d.users;
    await expect(
      d.staking.connect(alice).stake(WETH, 0n, alice.address),
    ).to.be.revertedWithCustomError(d.staking, "LDStakingZero");
    await expect(
      d.staking.connect(alice).stake(WETH, 1n, d.ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(d.staking, "LDStakingZero");
    const TOKER = await d.tToke.getAddress();
    await expect(d.staking.connect(alice).stake(TOKER, 1n, alice.address))
      .to.be.revertedWithCustomError(d.staking, "LDStakingNotListed")
      .withArgs(TOKER);
    await expect(d.staking.listReactor(TOKER))
      .to.be.revertedWithCustomError(d.staking, "LDStakingBadReactor")
      .withArgs(TOKER);
    await expect(d.staking.listReactor(alice.address)).to.be.revertedWithCustomError(
      d.staking,
      "LDStakingBadReactor",
    );
    await expect(d.staking.listReactor(WETH)).to.be.revertedWithCustomError(
      d.staking,
      "LDStakingAlreadyListed",
    );
    await expect(d.staking.connect(d.guardian).pause(WETH))
      .to.emit(d.staking, "StakingPaused")
      .withArgs(WETH);
    await expect(d.staking.connect(alice).stake(WETH, 1n, alice.address))
      .to.be.revertedWithCustomError(d.staking, "LDStakingPaused")
      .withArgs(WETH);
    await expect(d.staking.unpause(WETH)).to.emit(d.staking, "StakingUnpaused").withArgs(WETH);
    await d.staking.connect(alice).stake(WETH, 1n, alice.address);
    // A Reactor that was never listed has no book to pause, unpause, leave or transfer.
    for (const call of [
      d.staking.connect(d.guardian).pause(TOKER),
      d.staking.unpause(TOKER),
      d.staking.connect(alice).requestUnstake(TOKER, 1n),
      d.staking.connect(alice).transferStake(TOKER, d.users[1].address, 1n),
    ]) {
      await expect(call)
        .to.be.revertedWithCustomError(d.staking, "LDStakingNotListed")
        .withArgs(TOKER);
    }
  });

  it("an unstake request stops voting at once, matures with the cycle and pays out once", async () => {
    const { conn, d, WETH } = await setup();
    const [alice] = d.users;
    const uni = venueId(d, "uniswap");
    await d.venues.allowVenue(WETH, uni);
    await d.staking.connect(alice).stake(WETH, 100n * E18, alice.address);
    await d.staking.connect(alice).vote(WETH, [uni], [10_000n]);
    await rolloverWithPrices(conn, d);
    await d.staking.connect(alice).stake(WETH, 50n * E18, alice.address); // pending

    await expect(d.staking.connect(alice).requestUnstake(WETH, 151n * E18))
      .to.be.revertedWithCustomError(d.staking, "LDStakingExceedsStake")
      .withArgs(alice.address, 151n * E18, 150n * E18);
    // Pending units go first: 50 pending + 30 active.
    await expect(d.staking.connect(alice).requestUnstake(WETH, 80n * E18))
      .to.emit(d.staking, "UnstakeRequested")
      .withArgs(WETH, alice.address, 80n * E18, 1n);
    expect(await d.staking.exitOf(WETH, alice.address)).to.deep.equal([80n * E18, 30n * E18, 1n]);
    expect(await d.staking.stakeOf(WETH, alice.address)).to.deep.equal([70n * E18, 70n * E18]);
    const [active] = await d.staking.tallies(WETH);
    expect(active[0]).to.equal(70n * E18 * 10_000n);
    // A second request in the same cycle adds to it.
    await d.staking.connect(alice).requestUnstake(WETH, 10n * E18);
    expect(await d.staking.exitOf(WETH, alice.address)).to.deep.equal([90n * E18, 40n * E18, 1n]);
    await expect(d.staking.connect(alice).withdraw(WETH, alice.address))
      .to.be.revertedWithCustomError(d.staking, "LDStakingNothingToWithdraw")
      .withArgs(alice.address, 1n);

    await rolloverWithPrices(conn, d);
    // A settled request must be withdrawn before a new one.
    await expect(d.staking.connect(alice).requestUnstake(WETH, 1n))
      .to.be.revertedWithCustomError(d.staking, "LDStakingExitPending")
      .withArgs(alice.address, 1n);
    const before = await d.toke.balanceOf(alice.address);
    await expect(d.staking.connect(alice).withdraw(WETH, alice.address))
      .to.emit(d.staking, "Withdrawn")
      .withArgs(WETH, alice.address, alice.address, 90n * E18);
    expect((await d.toke.balanceOf(alice.address)) - before).to.equal(90n * E18);
    await expect(
      d.staking.connect(alice).withdraw(WETH, alice.address),
    ).to.be.revertedWithCustomError(d.staking, "LDStakingNothingToWithdraw");
    await d.staking.connect(alice).requestUnstake(WETH, 1n);
  });

  it("stake transfers: pending units go first, the receiver counts from the next cycle", async () => {
    const { conn, d, WETH } = await setup();
    const [alice, bob] = d.users;
    await d.staking.connect(alice).stake(WETH, 100n * E18, alice.address);
    await rolloverWithPrices(conn, d);
    await expect(
      d.staking.connect(alice).transferStake(WETH, bob.address, 101n * E18),
    ).to.be.revertedWithCustomError(d.staking, "LDStakingExceedsStake");
    await expect(d.staking.connect(alice).transferStake(WETH, bob.address, 40n * E18))
      .to.emit(d.staking, "StakeTransferred")
      .withArgs(WETH, alice.address, bob.address, 40n * E18);
    expect(await d.staking.stakeOf(WETH, alice.address)).to.deep.equal([60n * E18, 60n * E18]);
    expect(await d.staking.stakeOf(WETH, bob.address)).to.deep.equal([40n * E18, 0n]);
    expect((await d.staking.totalStake(WETH)).active).to.equal(60n * E18);
    await rolloverWithPrices(conn, d);
    expect(await d.staking.stakeOf(WETH, bob.address)).to.deep.equal([40n * E18, 40n * E18]);
  });

  it("a removed Reactor refuses stake and its requests leave at once; added again, exits queue", async () => {
    const { conn, d } = await setup();
    const [alice, bob] = d.users;
    const asset = await d.ethers.deployContract("TestERC20", ["Gone", "GONE", 18]);
    const reactor = await d.deployReactor(await asset.getAddress());
    const R = await reactor.getAddress();
    await d.manager.addReactor(R);
    await d.staking.listReactor(R);
    await d.staking.connect(alice).stake(R, 10n * E18, alice.address);
    await d.staking.connect(bob).stake(R, 10n * E18, bob.address);
    await rolloverWithPrices(conn, d);
    await d.manager.removeReactor(R);
    // The manager no longer settles it: new stake would be stuck, so it is refused.
    expect(await d.staking.isListed(R)).to.equal(false);
    await expect(d.staking.connect(alice).stake(R, 1n, alice.address))
      .to.be.revertedWithCustomError(d.staking, "LDStakingBadReactor")
      .withArgs(R);
    await d.staking.connect(alice).requestUnstake(R, 10n * E18);
    const before = await d.toke.balanceOf(alice.address);
    await d.staking.connect(alice).withdraw(R, alice.address);
    expect((await d.toke.balanceOf(alice.address)) - before).to.equal(10n * E18);
    // Registered again: the same book, with the normal queue (no exit before the cycle settles).
    await d.manager.addReactor(R);
    expect(await d.staking.isListed(R)).to.equal(true);
    await d.staking.connect(bob).requestUnstake(R, 10n * E18);
    const cycle = await d.staking.ledgerCycle(R);
    await expect(d.staking.connect(bob).withdraw(R, bob.address))
      .to.be.revertedWithCustomError(d.staking, "LDStakingNothingToWithdraw")
      .withArgs(bob.address, cycle);
    await d.staking.connect(alice).stake(R, 5n * E18, alice.address);
    await rolloverWithPrices(conn, d);
    await expect(d.staking.connect(bob).withdraw(R, bob.address))
      .to.emit(d.staking, "Withdrawn")
      .withArgs(R, bob.address, bob.address, 10n * E18);
  });

  it("only the controller settles and collects, and it is set once", async () => {
    const { d, WETH } = await setup();
    const [alice] = d.users;
    await expect(d.staking.connect(alice).settle(WETH, 1n, 0n))
      .to.be.revertedWithCustomError(d.staking, "LDStakingOnlyController")
      .withArgs(alice.address);
    await expect(d.staking.connect(alice).collectRewards(WETH, alice.address))
      .to.be.revertedWithCustomError(d.staking, "LDStakingOnlyController")
      .withArgs(alice.address);
    await expect(d.staking.setController(alice.address)).to.be.revertedWithCustomError(
      d.staking,
      "LDStakingControllerSet",
    );
    expect(await d.staking.controller()).to.equal(await d.controller.getAddress());
  });
});
