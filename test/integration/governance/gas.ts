import { expect } from "chai";
import { network } from "hardhat";
import { gasOf } from "../../helpers/core.js";
import { deployDao } from "../../helpers/dao.js";
import { approveToke, deployDirectors, E18 } from "../../helpers/directors.js";

const conn = await network.create();

/** What the DAO's stake checkpoints add to a stake, and a fee claim's flat cost. */
describe("TokemakDAO: gas", function () {
  it("stake again with the votes and fee hooks, against without; fee claims stay flat", async function () {
    const plain = await deployDirectors(conn);
    const f = await deployDao(conn);
    const measure = async (d: typeof plain) => {
      const [, , , carol] = d.users;
      const reactor = await d.tWeth.getAddress();
      await approveToke(d, carol, await d.staking.getAddress());
      await d.staking.connect(carol).stake(reactor, E18, carol.address);
      await conn.networkHelpers.time.increase(60);
      return gasOf(d.staking.connect(carol).stake(reactor, E18, carol.address));
    };
    const without = await measure(plain);
    const withHooks = await measure(f);
    console.log(`      stake again: ${without} gas without the DAO hooks, ${withHooks} with`);
    expect(withHooks).to.be.gt(without);
    // Measured +102,742: two external calls, the vote checkpoint (a new slot per block), the
    // slash-epoch checkpoint and the fee settle (about 15 cold slots). Ceiling: measured + 2%.
    expect(withHooks - without).to.be.lte(104_800n);

    // A repeat fee claim after 1 and after 5 distributions: the same gas.
    const [, , , carol] = f.users;
    const distribute = async () => {
      await f.weth.deposit({ value: E18 });
      await f.weth.transfer(await f.feeDistributor.getAddress(), E18);
      await f.feeDistributor.distribute(E18);
      await conn.networkHelpers.time.increaseTo(await f.feeDistributor.periodFinish());
    };
    await distribute();
    await f.feeDistributor.connect(carol).claim(carol.address);
    await distribute();
    const one = await gasOf(f.feeDistributor.connect(carol).claim(carol.address));
    for (let i = 0; i < 5; ++i) await distribute();
    const five = await gasOf(f.feeDistributor.connect(carol).claim(carol.address));
    console.log(`      fee claim (repeat): ${one} gas after 1 distribution, ${five} after 5`);
    expect(five).to.equal(one);
  });
});
