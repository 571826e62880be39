import { expect } from "chai";
import { network } from "hardhat";
import {
  approveToke,
  deployDirectors,
  depositTo,
  E18,
  rolloverWithPrices,
} from "../../helpers/directors.js";

// Properties of LD staking an LD (or an integrator holding TOKE for them) relies on, checked
// through the public API only: stake, requestUnstake, withdraw, the controller's claim, slash.

const conn = await network.create();
const { networkHelpers } = conn;
const RATE_SCALE = E18;

const fixture = async () => {
  const d = await deployDirectors(conn);
  const slasher = d.users[d.users.length - 1];
  await d.staking.setSlasher(slasher.address);
  const staking = await d.staking.getAddress();
  for (const u of d.users.slice(0, 4)) await approveToke(d, u, staking);
  return { ...d, slasher, reactor: await d.tWeth.getAddress() };
};
type Fixture = Awaited<ReturnType<typeof fixture>>;

/** What `units` pay out at `rate` (TOKE per unit, 1e18 = 1:1), rounded down as paid. */
const valueOf = (units: bigint, rate: bigint) => (units * rate) / RATE_SCALE;

/** The rate a slash published (StakeSlashed's last argument). */
async function slashAndReadRate(d: Fixture, amount: bigint): Promise<bigint> {
  const receipt = await (
    await d.staking.connect(d.slasher).slash(d.reactor, amount, d.users[6].address)
  ).wait();
  const parsed = receipt!.logs
    .map((l) => d.staking.interface.parseLog(l))
    .find((e) => e?.name === "StakeSlashed");
  return parsed!.args.rate as bigint;
}

describe("properties: LD staking", function () {
  it("an unstake request's reward, claimed twice before the withdrawal and once after, is paid exactly once", async function () {
    const d = await networkHelpers.loadFixture(fixture);
    const [carol, dave, , , lp] = d.users;
    // LPs on tWETH (10 WETH = 1,000 TOKE of value), so that the Reactor's LD side earns.
    await depositTo(d, d.tWeth, lp, 10n * E18);
    await d.staking.connect(carol).stake(d.reactor, 1_000n * E18, carol.address);
    await d.staking.connect(dave).stake(d.reactor, 500n * E18, dave.address);
    await rolloverWithPrices(conn, d); // both stakes active from here on
    await rolloverWithPrices(conn, d); // and weighed for the next cycle's emissions
    // Carol asks for all of hers back: the request earns its share of this cycle's reward.
    await d.staking.connect(carol).requestUnstake(d.reactor, 1_000n * E18);
    await rolloverWithPrices(conn, d);
    const settled = await d.controller.queryFilter(d.controller.filters.ReactorSettled(d.reactor));
    const ldReward = settled[settled.length - 1].args.ldReward;
    expect(ldReward).to.be.greaterThan(0n);

    const claim = async (who: typeof carol) => {
      const before = await d.toke.balanceOf(who.address);
      await (await d.controller.connect(who).claim([], [d.reactor], who.address)).wait();
      return (await d.toke.balanceOf(who.address)) - before;
    };
    const first = await claim(carol);
    const second = await claim(carol);
    const before = await d.toke.balanceOf(carol.address);
    await (await d.staking.connect(carol).withdraw(d.reactor, carol.address)).wait();
    const withdrawn = (await d.toke.balanceOf(carol.address)) - before;
    const third = await claim(carol);
    const daves = await claim(dave);

    // Paid once: nothing on the second claim, nothing after the withdrawal, the stake back 1:1.
    expect(second).to.equal(0n);
    expect(third).to.equal(0n);
    expect(withdrawn).to.equal(1_000n * E18);
    expect(await d.staking.earned(d.reactor, carol.address)).to.equal(0n);
    // ...and not zero times: carol (1,000 of 1,500 staked) and dave (500) shared the cycle's LD
    // reward 2:1; each share is rounded down by the accumulators (under 1 wei per 1e18 units).
    expect(first + daves).to.be.lessThanOrEqual(ldReward);
    // 1,500 TOKE of units: the accumulators may keep back up to 1,500 wei (carried, not paid).
    const dust = (1_500n * E18) / E18;
    expect(first + daves).to.be.greaterThanOrEqual(ldReward - dust);
    expect(first).to.be.closeTo((ldReward * 2n) / 3n, dust);

    // A later cycle pays carol nothing more for the request she withdrew.
    await rolloverWithPrices(conn, d);
    expect(await d.staking.earned(d.reactor, carol.address)).to.equal(0n);
    expect(await claim(carol)).to.equal(0n);
  });

  it("rewards booked by a stake change after the settle, then claimed twice, are paid exactly once", async function () {
    const d = await networkHelpers.loadFixture(fixture);
    const [carol, , , , lp] = d.users;
    await depositTo(d, d.tWeth, lp, 10n * E18);
    await d.staking.connect(carol).stake(d.reactor, 1_000n * E18, carol.address);
    for (let i = 0; i < 3; ++i) await rolloverWithPrices(conn, d);
    const owed = await d.staking.earned(d.reactor, carol.address);
    expect(owed).to.be.greaterThan(0n);
    // A top-up after the settle books what carol earned so far into her position...
    await d.staking.connect(carol).stake(d.reactor, 1n, carol.address);
    expect(await d.staking.earned(d.reactor, carol.address)).to.equal(owed);
    // ...and the first claim pays it, the second nothing.
    const claim = async () => {
      const before = await d.toke.balanceOf(carol.address);
      await (await d.controller.connect(carol).claim([], [d.reactor], carol.address)).wait();
      return (await d.toke.balanceOf(carol.address)) - before;
    };
    expect(await claim()).to.equal(owed);
    expect(await claim()).to.equal(0n);
    expect(await d.staking.earned(d.reactor, carol.address)).to.equal(0n);
  });

  it("after any slash LD staking's TOKE covers every stake and open request at the slashed rate, and the last holder withdraws", async function () {
    const d = await networkHelpers.loadFixture(fixture);
    const holders = d.users.slice(0, 4);
    // Uneven stakes, so that no cut divides them evenly.
    const stakes = [333_333_333_333_333_333_333n, 1n * E18 + 1n, 12_345n, 77_777n * E18 + 7n];
    for (let i = 0; i < holders.length; ++i)
      await d.staking.connect(holders[i]).stake(d.reactor, stakes[i], holders[i].address);
    await rolloverWithPrices(conn, d);
    // One open request from before the slashes (it bears them too).
    await d.staking.connect(holders[1]).requestUnstake(d.reactor, stakes[1] / 3n);

    const staking = await d.staking.getAddress();
    const unitsOf = async (i: number) => {
      const [total] = await d.staking.stakeOf(d.reactor, holders[i].address);
      return total + (await d.staking.exitOf(d.reactor, holders[i].address)).units;
    };
    const allUnits = async () => {
      let u = 0n;
      for (let i = 0; i < holders.length; ++i) u += await unitsOf(i);
      return u;
    };
    // Rounding dust the stakers may lose beyond the slashed amounts: each cut rounds the rate
    // down by under (units / 1e18 + 1) wei of TOKE in all; each holder's payout rounds down.
    let dust = BigInt(holders.length);
    let rate = RATE_SCALE;
    const covered = async () => {
      let owed = 0n;
      for (let i = 0; i < holders.length; ++i) owed += valueOf(await unitsOf(i), rate);
      const balance = await d.toke.balanceOf(staking);
      expect(balance).to.be.greaterThanOrEqual(owed);
      expect(balance - owed).to.be.lessThanOrEqual(dust);
    };
    for (const amount of [
      10n ** 20n / 3n + 1n,
      7n,
      12_345_678_901_234_567_891n,
      (await d.toke.balanceOf(staking)) / 7n,
    ]) {
      dust += (await allUnits()) / RATE_SCALE + 1n;
      rate = await slashAndReadRate(d, amount);
      await covered();
    }
    expect(rate).to.be.lessThan(RATE_SCALE);

    // Everyone leaves: each gets exactly their units' value at the slashed rate, rounded down;
    // the last one too, and only rounding dust stays behind.
    const expected = [];
    for (let i = 0; i < holders.length; ++i) expected.push(valueOf(await unitsOf(i), rate));
    for (let i = 0; i < holders.length; ++i) {
      const [total] = await d.staking.stakeOf(d.reactor, holders[i].address);
      if (total !== 0n) await d.staking.connect(holders[i]).requestUnstake(d.reactor, total);
    }
    await rolloverWithPrices(conn, d);
    for (let i = 0; i < holders.length; ++i) {
      const before = await d.toke.balanceOf(holders[i].address);
      await (await d.staking.connect(holders[i]).withdraw(d.reactor, holders[i].address)).wait();
      expect((await d.toke.balanceOf(holders[i].address)) - before, `holder ${i}`).to.equal(
        expected[i],
      );
    }
    expect(await d.toke.balanceOf(staking)).to.be.lessThanOrEqual(dust);
  });
});
