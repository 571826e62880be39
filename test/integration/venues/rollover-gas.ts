import { expect } from "chai";
import { Wallet } from "ethers";
import { network } from "hardhat";
import { swapBalancer } from "../../../scripts/lib/balancer.js";
import { swapV2 } from "../../../scripts/lib/v2.js";
import { E18 } from "../../helpers/dex-fixture.js";
import {
  deposit,
  E6,
  protocolFixture,
  rollover,
  setVotes,
  VENUE_NAMES,
  type Protocol,
  type VenueName,
} from "../../helpers/protocol-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = () => protocolFixture(ethers, networkHelpers);

const REACTORS = ["tWETH", "tUSDC", "tTKA", "tTKB", "tTKC"];

/** Trades on each voted venue of TKC so that every rollover has fees to realise. */
async function trade(p: Protocol, venues: readonly VenueName[]) {
  const pair = p.pairs.TKC;
  for (const venue of venues) {
    if (venue === "balancer") {
      const out = await swapBalancer(p.world.balancer, pair.balancerPool, pair.tokenAddress, pair.baseAddress, 5_000n * E18, p.trader);
      await swapBalancer(p.world.balancer, pair.balancerPool, pair.baseAddress, pair.tokenAddress, out.amountOut, p.trader);
    } else {
      const [v, lp] = venue === "uniswap" ? [p.world.uniswap, pair.uniswapPair] : [p.world.sushiswap, pair.sushiPair];
      const out = await swapV2(v, lp, pair.token as never, 5_000n * E18, p.trader);
      await swapV2(v, lp, pair.base, out.amountOut, p.trader);
    }
  }
}

/** Gas of each Reactor's chunk (processReactors(1) per Reactor) in a steady-state rollover. */
async function chunkGas(p: Protocol, venues: readonly VenueName[], depositors: number) {
  const [alice, bob] = p.users;
  await deposit(p, p.tUsdc, alice, 300_000n * E6);
  const tkc = p.pairs.TKC;
  if (depositors === 1) {
    await deposit(p, tkc.reactor, bob, 100_000n * E18);
  } else {
    const each = (100_000n * E18) / BigInt(depositors);
    await (await tkc.token.connect(bob).approve(tkc.reactor, 100_000n * E18)).wait();
    for (let i = 0; i < depositors; ++i) {
      await (await tkc.reactor.connect(bob).deposit(each, Wallet.createRandom().address)).wait();
    }
  }
  const tallies: Partial<Record<VenueName, bigint>> = {};
  for (const v of venues) tallies[v] = 1n;
  await setVotes(p, tkc.reactor, tallies);
  await rollover(p); // deploys
  await trade(p, venues);
  const receipts = await rollover(p, 1n); // steady state: fees on each venue, no big move
  return receipts.map((r) => r!.gasUsed);
}

describe("rollover gas per Reactor chunk (allocator + settlement)", function () {
  const table: Record<string, Record<string, string>> = {};
  after(function () {
    console.table(table);
  });

  for (const n of [1, 2, 3]) {
    it(`TKC on ${n} venue(s)`, async function () {
      const p = await networkHelpers.loadFixture(fixture);
      const gas = await chunkGas(p, VENUE_NAMES.slice(0, n), 1);
      const row: Record<string, string> = {};
      REACTORS.forEach((r, i) => (row[r] = gas[i].toString()));
      row.total = gas.reduce((a, b) => a + b, 0n).toString();
      table[`${n} venue(s)`] = row;
      expect(gas.length).to.equal(5);
    });
  }

  it("does not grow with the number of depositors (1 vs 200)", async function () {
    const one = await chunkGas(await networkHelpers.loadFixture(fixture), VENUE_NAMES, 1);
    const many = await chunkGas(await networkHelpers.loadFixture(fixture), VENUE_NAMES, 200);
    table["1 depositor"] = { tTKC: one[4].toString() };
    table["200 depositors"] = { tTKC: many[4].toString() };
    // Same work either way; a few hundred gas of difference come from the amounts' sizes.
    expect(many[4]).to.be.closeTo(one[4], 2_000n);
  });
});
