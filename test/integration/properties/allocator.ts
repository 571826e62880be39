import { expect } from "chai";
import type { EventLog, Log } from "ethers";
import { network } from "hardhat";
import { swapV2 } from "../../../scripts/lib/v2.js";
import { E18 } from "../../helpers/dex-fixture.js";
import {
  deposit,
  protocolFixture,
  rollover,
  setVotes,
  VENUES,
  type Pair,
  type Protocol,
} from "../../helpers/protocol-fixture.js";
import { sqrt } from "../../helpers/venue-fixture.js";

// Properties of the allocator's books that LPs rely on, on the real Uniswap V2 and SushiSwap
// bytecode: fees never eat principal, and the principal booked after a partial withdrawal is
// exact to the wei. Only public behaviour: deposits, votes, redemption requests, rollovers,
// `principalOf`, the allocator's events and the pools' own state.

const { ethers, networkHelpers } = await network.create();
const fixture = () => protocolFixture(ethers, networkHelpers);
const Q112 = 2n ** 112n;
const V2_VENUES = ["uniswap", "sushiswap"] as const;
type V2Venue = (typeof V2_VENUES)[number];

async function poolOf(p: Protocol, pair: Pair, venue: V2Venue) {
  const lp = venue === "uniswap" ? pair.uniswapPair : pair.sushiPair;
  const tokenFirst = BigInt(pair.tokenAddress) < BigInt(pair.baseAddress);
  const [r0, r1] = await lp.getReserves();
  return {
    lp,
    token: tokenFirst ? r0 : r1,
    base: tokenFirst ? r1 : r0,
    supply: await lp.totalSupply(),
    held: await lp.balanceOf(p.adapters[venue]),
  };
}

function eventsOf(p: Protocol, logs: readonly (Log | EventLog)[], name: string) {
  const allocator = p.allocator.target.toString().toLowerCase();
  return logs
    .filter((l) => l.address.toLowerCase() === allocator)
    .map((l) => p.allocator.interface.parseLog(l))
    .filter((e) => e?.name === name)
    .map((e) => e!.args);
}

/** Deposits on both sides of TKA/WETH and deploys them half and half on Uniswap and SushiSwap. */
async function deployed(p: Protocol) {
  const [alice, bob] = p.users;
  const pair = p.pairs.TKA;
  await deposit(p, p.tWeth, alice, 300n * E18);
  await deposit(p, pair.reactor, bob, 100_000n * E18);
  await setVotes(p, pair.reactor, { uniswap: 1n, sushiswap: 1n });
  await rollover(p);
  return { pair, bob };
}

describe("properties: allocator books on real V2 venues", function () {
  it("fee realisation never takes principal: after fees each position is still worth its principal at the TWAP", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    const { pair } = await deployed(p);
    // A week of round trips: fees accrue, the price ends close to where it started.
    for (let i = 0; i < 5; ++i) {
      for (const venue of V2_VENUES) {
        const [v, lp] =
          venue === "uniswap"
            ? [p.world.uniswap, pair.uniswapPair]
            : [p.world.sushiswap, pair.sushiPair];
        const out = await swapV2(v, lp, pair.token as never, 20_000n * E18, p.trader);
        await swapV2(v, lp, pair.base, out.amountOut, p.trader);
      }
    }
    // No trade after this point, so each pool's TWAP over the rollover's window is its spot
    // price, as the pair accumulates it: floor(base reserve * 2^112 / token reserve).
    const price = {} as Record<V2Venue, bigint>;
    for (const venue of V2_VENUES) {
      const s = await poolOf(p, pair, venue);
      price[venue] = (s.base * Q112) / s.token;
    }
    const receipts = await rollover(p);
    const realised = eventsOf(
      p,
      receipts.flatMap((r) => r!.logs),
      "FeesRealised",
    );
    for (const venue of V2_VENUES) {
      expect(
        realised.some((e) => e.venue === VENUES[venue]),
        `${venue} realised fees`,
      ).to.equal(true);
      const s = await poolOf(p, pair, venue);
      const P = price[venue];
      // A constant-product position at price P (base per token) holds sqrt(k / P) token and
      // sqrt(k * P) base: worth 2 * sqrt(k * P) in base, times its share of the LP supply.
      const value = (2n * sqrt((s.token * s.base * P) / Q112) * s.held) / s.supply;
      const principal = await p.allocator.principalOf(pair.reactor, VENUES[venue]);
      const principalValue = (principal.token * P) / Q112 + principal.base;
      // Tolerance, reasoned: the allocator burns floor(held * surplus / value) LP, so what stays
      // is worth at least the principal in exact arithmetic; this test's own value rounds down
      // three times (the square root, the share of supply, the quote): under 3 wei. A leak of
      // principal is at least the value of what was wrongly burned; the old 0.1% bound
      // (here ~0.5 WETH) would let a whole fee's worth through, 3 wei lets none.
      expect(value + 3n, `${venue}: value >= principal`).to.be.greaterThanOrEqual(principalValue);
      // And the fees are all taken: at most one LP unit's worth (the floor on the burn) and the
      // allocator's own valuation's floors (square roots, shares, quote: under 6 wei) remain.
      const lpUnit = (2n * sqrt((s.token * s.base * P) / Q112)) / s.supply + 1n;
      expect(value, `${venue}: surplus left`).to.be.lessThanOrEqual(principalValue + lpUnit + 6n);
    }
  });

  it("principalOf is exact to the wei after a partial withdrawal, rounded against the withdrawer", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    const { pair, bob } = await deployed(p);
    const before = {} as Record<V2Venue, { token: bigint; base: bigint; held: bigint }>;
    for (const venue of V2_VENUES) {
      const principal = await p.allocator.principalOf(pair.reactor, VENUES[venue]);
      const { held } = await poolOf(p, pair, venue);
      before[venue] = { token: principal.token, base: principal.base, held };
      expect(principal.token * principal.base * held).to.be.greaterThan(0n);
    }
    // Bob asks for an odd 37.77% of his tTKA: the rollover pays it from a part of each position.
    const shares = ((await pair.reactor.balanceOf(bob.address)) * 3_777n) / 10_000n;
    await (await pair.reactor.connect(bob).requestRedeem(shares, bob.address, bob.address)).wait();
    const receipts = await rollover(p);
    const withdrawn = eventsOf(
      p,
      receipts.flatMap((r) => r!.logs),
      "LiquidityWithdrawn",
    );
    for (const venue of V2_VENUES) {
      const w = withdrawn.filter((e) => e.venue === VENUES[venue]);
      expect(w.length, `${venue}: one withdrawal`).to.equal(1);
      const burned = w[0].liquidity as bigint;
      const b = before[venue];
      expect(burned, `${venue}: partial`).to.be.lessThan(b.held);
      expect((await poolOf(p, pair, venue)).held).to.equal(b.held - burned);
      // What stays booked is the remaining liquidity's share of the principal, rounded down:
      // the withdrawn part is charged its share rounded up, so rounding never books surplus.
      const kept = b.held - burned;
      const principal = await p.allocator.principalOf(pair.reactor, VENUES[venue]);
      expect(principal.token, `${venue}: token principal`).to.equal((b.token * kept) / b.held);
      expect(principal.base, `${venue}: base principal`).to.equal((b.base * kept) / b.held);
      expect(b.token - principal.token).to.be.greaterThanOrEqual((b.token * burned) / b.held);
    }
  });
});
