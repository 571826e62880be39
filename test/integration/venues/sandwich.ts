import { expect } from "chai";
import { network } from "hardhat";
import { swapBalancer } from "../../../scripts/lib/balancer.js";
import { swapV2 } from "../../../scripts/lib/v2.js";
import type { IVenueAdapter } from "../../../typechain-types/index.js";
import { E18 } from "../../helpers/dex-fixture.js";
import { latestTimestamp, lessBps, MIN_WINDOW, Q112, venueFixture, type VenueWorld } from "../../helpers/venue-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = () => venueFixture(ethers);

/**
 * Sandwiches of a venue move, as the allocator will make them: every minimum is the amount the
 * TWAP price implies, less the move's slippage allowance (MAX_SLIPPAGE_BPS here). The attacker
 * skews the pool's reserves by 5% just before the move and swaps back after it.
 */
const MAX_SLIPPAGE_BPS = 100n; // 1%
const SKEW_BPS = 500n; // reserves moved by 5%
const BPS = 10_000n;
const HOUR = 3600n;

type VenueName = "uniswap" | "sushiswap" | "balancer";
type Side = "token" | "base";

interface Venue {
  adapter: IVenueAdapter;
  reserves(): Promise<{ token: bigint; base: bigint }>;
  /** Sells `amount` of `side` into the pool as the attacker; returns what came out. */
  swap(side: Side, amount: bigint): Promise<bigint>;
}

function venueOf(v: VenueWorld, name: VenueName): Venue {
  const tokenFirst = BigInt(v.tokenAddress) < BigInt(v.baseAddress);
  if (name === "balancer") {
    return {
      adapter: v.balancerAdapter as unknown as IVenueAdapter,
      async reserves() {
        const [, b] = await v.world.balancer.vault.getPoolTokens(v.balancerPool.poolId);
        return tokenFirst ? { token: b[0], base: b[1] } : { token: b[1], base: b[0] };
      },
      async swap(side, amount) {
        const [tin, tout] = side === "token" ? [v.tokenAddress, v.baseAddress] : [v.baseAddress, v.tokenAddress];
        return (await swapBalancer(v.world.balancer, v.balancerPool, tin, tout, amount, v.attacker)).amountOut;
      },
    };
  }
  const [venue, pair, adapter] =
    name === "uniswap" ? [v.world.uniswap, v.uniswapPair, v.uniswapAdapter] : [v.world.sushiswap, v.sushiPair, v.sushiAdapter];
  return {
    adapter: adapter as unknown as IVenueAdapter,
    async reserves() {
      const [r0, r1] = await pair.getReserves();
      return tokenFirst ? { token: r0, base: r1 } : { token: r1, base: r0 };
    },
    async swap(side, amount) {
      return (await swapV2(venue, pair, side === "token" ? v.token : v.world.weth, amount, v.attacker)).amountOut;
    },
  };
}

/** Value in base units at a Q112 price. */
const valueAt = (token: bigint, base: bigint, price: bigint) => (token * price) / Q112 + base;

for (const name of ["uniswap", "sushiswap", "balancer"] as const) {
  describe(`sandwich of a move on ${name}`, function () {
    async function setup() {
      const v = await networkHelpers.loadFixture(fixture);
      // Let the oracle's first observation age into a usable window.
      await networkHelpers.time.increase(MIN_WINDOW);
      const twap = await v.oracle.consult(v.tokenAddress, v.baseAddress);
      const venue = venueOf(v, name);
      const adapter = venue.adapter.connect(v.allocator);
      const deadline = async () => (await latestTimestamp(ethers)) + HOUR;
      /** Deposit bounds for `tokenAmount`: base at the TWAP, both less the slippage allowance. */
      const depositBounds = (tokenAmount: bigint, slippageBps: bigint) => {
        const baseAmount = (tokenAmount * twap) / Q112;
        return { tokenAmount, baseAmount, tokenMin: lessBps(tokenAmount, slippageBps), baseMin: lessBps(baseAmount, slippageBps) };
      };
      /** Withdrawal bounds for all of the position: its value at the TWAP, less the allowance. */
      const withdrawBounds = async (slippageBps: bigint) => {
        const [liquidity, token, base] = await venue.adapter.positionAt(v.tokenAddress, v.baseAddress, twap);
        return { liquidity, token, base, tokenMin: lessBps(token, slippageBps), baseMin: lessBps(base, slippageBps) };
      };
      return { v, venue, adapter, twap, deadline, depositBounds, withdrawBounds };
    }

    for (const side of ["token", "base"] as const) {
      it(`reverts a deployment after a 5% skew selling ${side}`, async function () {
        const { v, venue, adapter, deadline, depositBounds } = await setup();
        const r = await venue.reserves();
        await venue.swap(side, (r[side] * SKEW_BPS) / BPS);
        const b = depositBounds(10_000n * E18, MAX_SLIPPAGE_BPS);
        await expect(
          adapter.addLiquidity(v.tokenAddress, v.baseAddress, b.tokenAmount, b.baseAmount, b.tokenMin, b.baseMin, await deadline()),
        ).to.be.revertedWithCustomError(adapter, "VenueAdapterBelowMinimum");
      });

      it(`reverts a withdrawal after a 5% skew selling ${side}`, async function () {
        const { v, venue, adapter, deadline, depositBounds, withdrawBounds } = await setup();
        const d = depositBounds(10_000n * E18, MAX_SLIPPAGE_BPS);
        await (await adapter.addLiquidity(v.tokenAddress, v.baseAddress, d.tokenAmount, d.baseAmount, d.tokenMin, d.baseMin, await deadline())).wait();
        const w = await withdrawBounds(MAX_SLIPPAGE_BPS);
        const r = await venue.reserves();
        await venue.swap(side, (r[side] * SKEW_BPS) / BPS);
        await expect(
          adapter.removeLiquidity(v.tokenAddress, v.baseAddress, w.liquidity, w.tokenMin, w.baseMin, await deadline()),
        ).to.be.revertedWithCustomError(adapter, "VenueAdapterBelowMinimum");
      });
    }

    it("bounds the loss of a deployment sandwiched inside the allowance", async function () {
      const { v, venue, adapter, twap, deadline, depositBounds } = await setup();
      // A skew small enough to pass the 1% minimums: 0.4% of the base reserve bought in.
      const r = await venue.reserves();
      const got = await venue.swap("base", (r.base * 40n) / BPS);
      const b = depositBounds(10_000n * E18, MAX_SLIPPAGE_BPS);
      const tx = await adapter.addLiquidity(v.tokenAddress, v.baseAddress, b.tokenAmount, b.baseAmount, b.tokenMin, b.baseMin, await deadline());
      const receipt = await tx.wait();
      const added = receipt!.logs.map((log) => adapter.interface.parseLog(log)).find((e) => e?.name === "LiquidityAdded")!;
      await venue.swap("token", got); // back-run
      const paid = valueAt(added.args.tokenAmount, added.args.baseAmount, twap);
      const [, token, base] = await venue.adapter.positionAt(v.tokenAddress, v.baseAddress, twap);
      const held = valueAt(token, base, twap);
      // The allowance bounds what the sandwich can take: at most 1% of what was deployed.
      expect(held).to.be.greaterThanOrEqual(lessBps(paid, MAX_SLIPPAGE_BPS));
    });

    it("bounds the loss of a withdrawal sandwiched inside the allowance", async function () {
      const { v, venue, adapter, twap, deadline, depositBounds, withdrawBounds } = await setup();
      const d = depositBounds(10_000n * E18, MAX_SLIPPAGE_BPS);
      await (await adapter.addLiquidity(v.tokenAddress, v.baseAddress, d.tokenAmount, d.baseAmount, d.tokenMin, d.baseMin, await deadline())).wait();
      const w = await withdrawBounds(MAX_SLIPPAGE_BPS);
      const fair = valueAt(w.token, w.base, twap);
      const r = await venue.reserves();
      await venue.swap("token", (r.token * 40n) / BPS);
      const before = { token: await v.token.balanceOf(v.allocator), base: await v.world.weth.balanceOf(v.allocator) };
      await (await adapter.removeLiquidity(v.tokenAddress, v.baseAddress, w.liquidity, w.tokenMin, w.baseMin, await deadline())).wait();
      const received = valueAt(
        (await v.token.balanceOf(v.allocator)) - before.token,
        (await v.world.weth.balanceOf(v.allocator)) - before.base,
        twap,
      );
      expect(received).to.be.greaterThanOrEqual(lessBps(fair, MAX_SLIPPAGE_BPS));
    });
  });
}
