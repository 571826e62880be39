import { expect } from "chai";
import { encodeBytes32String } from "ethers";
import { network } from "hardhat";
import { swapBalancer } from "../../../scripts/lib/balancer.js";
import { swapV2 } from "../../../scripts/lib/v2.js";
import { E18 } from "../../helpers/dex-fixture.js";
import {
  deposit,
  protocolFixture,
  rollover,
  setVotes,
  VENUE_NAMES,
  type Pair,
  type Protocol,
} from "../../helpers/protocol-fixture.js";

/**
 * Decision 3 / issue 11: impermanent loss is shared pro rata. Exits settle at a rate that marks
 * the deployed positions' unrealised loss at the TWAP, so a holder who leaves right after a ~50%
 * price move loses the same fraction as one who stays until the loss is realised.
 */
const conn = await network.create();
const { ethers, networkHelpers } = conn;
const fixture = () => protocolFixture(ethers, networkHelpers);
const DEPOSIT = 50_000n * E18;
const SCALE = 10n ** 6n;

/** TKA's price rises 50% on every venue: each pool gets sqrt(1.5) - 1 = 22.47% more base. */
async function rallyTka(p: Protocol, pair: Pair) {
  const tokenFirst = BigInt(pair.tokenAddress) < BigInt(pair.baseAddress);
  for (const venue of VENUE_NAMES) {
    if (venue === "balancer") {
      const [tokens, balances] = await p.world.balancer.vault.getPoolTokens(
        pair.balancerPool.poolId,
      );
      const base = balances[tokens.findIndex((t) => BigInt(t) === BigInt(pair.baseAddress))];
      await swapBalancer(
        p.world.balancer,
        pair.balancerPool,
        pair.baseAddress,
        pair.tokenAddress,
        (base * 2247n) / 10_000n,
        p.trader,
      );
    } else {
      const [v, lp] =
        venue === "uniswap"
          ? [p.world.uniswap, pair.uniswapPair]
          : [p.world.sushiswap, pair.sushiPair];
      const [r0, r1] = await lp.getReserves();
      await swapV2(v, lp, pair.base, ((tokenFirst ? r1 : r0) * 2247n) / 10_000n, p.trader);
    }
  }
}

async function redeemAll(p: Protocol, pair: Pair, who: (typeof p.users)[number]) {
  const shares = await pair.reactor.claimableRedeemRequest(0n, who.address);
  const before = await pair.token.balanceOf(who.address);
  await (await pair.reactor.connect(who).redeem(shares, who.address, who.address)).wait();
  return (await pair.token.balanceOf(who.address)) - before;
}

describe("fairness: the early leaver and the stayer lose the same fraction (real venues)", function () {
  it("after a ~50% rally of TKA, both tTKA holders lose the same fraction to 0.1%", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    const [alice, bob, dave] = p.users;
    const pair = p.pairs.TKA;
    const tka = pair.reactor;
    // No waterfall beyond the Treasury: the loss falls on the holders, so it is what we compare.
    await (await p.allocator.setSlashVenue(encodeBytes32String(""))).wait();
    await deposit(p, p.tWeth, alice, 300n * E18);
    await deposit(p, tka, bob, DEPOSIT);
    await deposit(p, tka, dave, DEPOSIT);
    await setVotes(p, tka, { uniswap: 1n, sushiswap: 1n, balancer: 1n });
    await rollover(p);
    const deployed = await tka.deployedAssets();
    expect(deployed).to.be.greaterThan(DEPOSIT);

    await rallyTka(p, pair);
    // Bob leaves at once: his exit settles at the next rollover, before the loss is realised.
    await (await tka.connect(bob).requestRedeem(DEPOSIT, bob.address, bob.address)).wait();
    await rollover(p);
    expect(await tka.markedLoss()).to.be.greaterThan(0n);
    const bobPaid = await redeemAll(p, pair, bob);

    // Dave stays until the LDs pull the liquidity out: the loss is realised (written down).
    await setVotes(p, tka, {});
    await (await tka.connect(dave).requestRedeem(DEPOSIT, dave.address, dave.address)).wait();
    await rollover(p);
    expect(await tka.deployedAssets()).to.equal(0n);
    const davePaid = await redeemAll(p, pair, dave);

    const bobLoss = ((DEPOSIT - bobPaid) * SCALE) / DEPOSIT;
    const daveLoss = ((DEPOSIT - davePaid) * SCALE) / DEPOSIT;
    console.log(
      `      early leaver lost ${Number(bobLoss) / 1e4}%, stayer lost ${Number(daveLoss) / 1e4}%`,
    );
    // A 50/50 pool after a x1.5 move returns sqrt(1/1.5) = 81.65% of the token deployed:
    // a loss of about 18.35% of the deployed share of the Reactor, for each holder alike.
    const expected = (((deployed * 1_835n) / 10_000n) * SCALE) / (2n * DEPOSIT);
    expect(bobLoss).to.be.closeTo(expected, expected / 20n);
    expect(bobLoss).to.be.closeTo(daveLoss, SCALE / 1_000n);
  });
});
