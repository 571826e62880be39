import { expect } from "chai";
import { network } from "hardhat";
import { approveToke, deployDirectors, E18 } from "../../helpers/directors.js";
import { rollover } from "../../helpers/core.js";

const conn = await network.create();
const { networkHelpers } = conn;
const fixture = async () => {
  const d = await deployDirectors(conn);
  const [slasher] = d.users.slice(-1);
  await d.staking.setSlasher(slasher.address);
  return { ...d, slasher };
};

/** The loss waterfall's step 2 hook in LD staking: `slash`. */
describe("LDStaking.slash (loss waterfall step 2)", function () {
  it("takes TOKE pro rata from every staker and open request, and pays the rest out at the new rate", async function () {
    const d = await networkHelpers.loadFixture(fixture);
    const [carol, dave] = d.users;
    const reactor = await d.tWeth.getAddress();
    await approveToke(d, carol, await d.staking.getAddress());
    await approveToke(d, dave, await d.staking.getAddress());
    await d.staking.connect(carol).stake(reactor, 600n * E18, carol.address);
    await d.staking.connect(dave).stake(reactor, 400n * E18, dave.address);
    // Dave asks for 100 back: his request stays exposed until he withdraws it.
    await d.staking.connect(dave).requestUnstake(reactor, 100n * E18);

    const to = d.users[5].address;
    const received = await d.toke.balanceOf(to);
    // 1,000 units (900 staked + 100 requested) lose 250 TOKE: 0.25 TOKE per unit.
    await expect(d.staking.connect(d.slasher).slash(reactor, 250n * E18, to))
      .to.emit(d.staking, "StakeSlashed")
      .withArgs(reactor, to, 250n * E18, (3n * E18) / 4n);
    expect((await d.toke.balanceOf(to)) - received).to.equal(250n * E18);

    // Everyone keeps 75%: carol's 600 are worth 450, dave's request of 100 pays 75.
    await rollover(conn, d.manager);
    const before = await d.toke.balanceOf(dave.address);
    await d.staking.connect(dave).withdraw(reactor, dave.address);
    expect((await d.toke.balanceOf(dave.address)) - before).to.equal(75n * E18);
    await d.staking.connect(carol).requestUnstake(reactor, 600n * E18);
    await rollover(conn, d.manager);
    const carolBefore = await d.toke.balanceOf(carol.address);
    await d.staking.connect(carol).withdraw(reactor, carol.address);
    expect((await d.toke.balanceOf(carol.address)) - carolBefore).to.equal(450n * E18);

    // New stake after a slash buys units at the new rate: 75 TOKE are 100 units.
    await d.staking.connect(carol).stake(reactor, 75n * E18, carol.address);
    const [units] = await d.staking.stakeOf(reactor, carol.address);
    expect(units).to.equal(100n * E18);
  });

  it("emissions weigh slashed stake at its TOKE value, not its units", async function () {
    const d = await networkHelpers.loadFixture(fixture);
    const [carol] = d.users;
    const reactor = await d.tWeth.getAddress();
    await approveToke(d, carol, await d.staking.getAddress());
    await d.staking.connect(carol).stake(reactor, 1_000n * E18, carol.address);
    await rollover(conn, d.manager); // the stake is active from here on
    // 1,000 units lose 250 TOKE: each unit is now worth 0.75 TOKE.
    await d.staking.connect(d.slasher).slash(reactor, 250n * E18, d.users[5].address);
    await rollover(conn, d.manager);
    const settled = await d.controller.queryFilter(d.controller.filters.ReactorSettled(reactor));
    const last = settled[settled.length - 1];
    expect(last.args.stakeValue).to.equal(750n * E18);
  });

  it("takes at most what is staked, keeps the ledger listed, and answers only the slasher", async function () {
    const d = await networkHelpers.loadFixture(fixture);
    const [carol, mallory] = d.users;
    const reactor = await d.tWeth.getAddress();
    await approveToke(d, carol, await d.staking.getAddress());
    await d.staking.connect(carol).stake(reactor, 100n * E18, carol.address);
    await expect(d.staking.connect(mallory).slash(reactor, 1n, mallory.address))
      .to.be.revertedWithCustomError(d.staking, "LDStakingOnlySlasher")
      .withArgs(mallory.address);
    await expect(d.staking.setSlasher(mallory.address)).to.be.revertedWithCustomError(
      d.staking,
      "LDStakingSlasherSet",
    );

    const to = d.users[5].address;
    const before = await d.toke.balanceOf(to);
    await (await d.staking.connect(d.slasher).slash(reactor, 1_000n * E18, to)).wait();
    // The rate stops at 1 wei per unit (zero would mark the Reactor unlisted): 100 units keep 100 wei.
    expect((await d.toke.balanceOf(to)) - before).to.equal(100n * E18 - 100n);
    expect(await d.staking.isListed(reactor)).to.equal(true);
    // An unlisted Reactor has nothing to slash.
    expect(
      await d.staking.connect(d.slasher).slash.staticCall(d.users[6].address, 1n, to),
    ).to.equal(0n);
  });
});
