import { expect } from "chai";
import { network } from "hardhat";
import { E18 } from "../../helpers/dex-fixture.js";
import {
  deposit,
  E6,
  MIN_WINDOW,
  ORACLE_POKE_LEAD,
  protocolFixture,
  rollover,
  setVotes,
  TOKEN_NAMES,
} from "../../helpers/protocol-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = () => protocolFixture(ethers, networkHelpers);

describe("properties: the TWAP oracle the rollover prices by", function () {
  it("a rollover step records a fresh observation of every pair it prices, so prices keep up without a keeper", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    const [alice, bob] = p.users;
    await deposit(p, p.tWeth, alice, 300n * E18);
    await deposit(p, p.tUsdc, alice, 300_000n * E6);
    for (const name of TOKEN_NAMES) {
      await deposit(p, p.pairs[name].reactor, bob, 10_000n * E18);
      await setVotes(p, p.pairs[name].reactor, { uniswap: 10_000n });
    }
    // The helper pokes every pair ORACLE_POKE_LEAD before the cycle's end, which is more than
    // the oracle's minimum window: by the time the Reactors are processed an observation is
    // due, and only the allocator's own step can have recorded it.
    expect(ORACLE_POKE_LEAD).to.be.greaterThan(MIN_WINDOW);
    await rollover(p);
    for (const name of TOKEN_NAMES) {
      const { tokenAddress, baseAddress } = p.pairs[name];
      // `update` records only when the newest observation is at least MIN_WINDOW old: false
      // here means the rollover's step observed the pair moments ago.
      expect(await p.oracle.update.staticCall(tokenAddress, baseAddress), name).to.equal(false);
    }
    // And the observation is the pair's, not a stale one: a window later it is due again.
    await networkHelpers.time.increase(MIN_WINDOW);
    const { tokenAddress, baseAddress } = p.pairs[TOKEN_NAMES[0]];
    expect(await p.oracle.update.staticCall(tokenAddress, baseAddress)).to.equal(true);
  });
});
