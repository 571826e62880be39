// Gas of the venues part: one token Reactor's rollover chunk in steady state (positions held,
// fees to realise) with its liquidity on 1, 2 and 3 venues, on the system from deploySystem with
// the demo's market (pools on Uniswap V2, SushiSwap and Balancer V2, arbitraged after trades).
import { network } from "hardhat";
import { keeperContext, type KeeperContext } from "../keeper/chain/context.js";
import { pokeOracle, postPrices } from "../keeper/steps/market.js";
import { MemoryOutput } from "../keeper/chain/output.js";
import { runRollover } from "../keeper/jobs/rollover.js";
import { listPairs } from "../lib/listing.js";
import { VENUE_IDS, type VenueName } from "../lib/protocol-config.js";
import { deploySystem } from "../lib/system.js";
import { arbitrage, fund, randomTrade, SEED_PRICES_USD, seedMarket } from "../demo/market.js";
import { Random } from "../demo/random.js";
import { gasOf, type GasRow, type GasScenario } from "./measure.js";

const E18 = 10n ** 18n;
const VENUE_SETS: readonly (readonly VenueName[])[] = [
  ["uniswap"],
  ["uniswap", "sushiswap"],
  ["uniswap", "sushiswap", "balancer"],
];
/** Trades between rollovers, so that every position has fees to realise. */
const TRADES = 12;

/** The keeper's pre-rollover work, then the clock to the cycle's end. */
async function toRollover(ctx: KeeperContext) {
  const time = ctx.system.connection.networkHelpers.time;
  const end = await ctx.system.manager.cycleEnd();
  await time.increaseTo(end - BigInt(ctx.config.oracleLeadSeconds));
  await pokeOracle(ctx);
  await time.increaseTo(end);
}

export const venueRollover: GasScenario = {
  group: "Rollover with venue moves",
  async run() {
    const rows: GasRow[] = [];
    for (const venues of VENUE_SETS) {
      const system = await deploySystem(await network.create());
      const signers = await system.connection.ethers.getSigners();
      const [maker, lp, ld, trader] = signers;
      const arbitrageur = signers[signers.length - 1];
      const market = await seedMarket(system, maker);
      await listPairs(system, market.listings);
      const ctx = keeperContext(system, new MemoryOutput());
      const [weth, alcx] = [system.reactors.WETH, system.reactors.ALCX];
      await fund(system, "WETH", lp, 100n * E18);
      await fund(system, "ALCX", lp, 5_000n * E18);
      await (await system.assets.WETH.connect(lp).approve(weth, 100n * E18)).wait();
      await (await system.assets.ALCX.connect(lp).approve(alcx, 5_000n * E18)).wait();
      await (await weth.connect(lp).deposit(100n * E18, lp.address)).wait();
      await (await alcx.connect(lp).deposit(5_000n * E18, lp.address)).wait();
      await fund(system, "TOKE", ld, 20_000n * E18);
      await (await system.toke.connect(ld).approve(system.staking, 20_000n * E18)).wait();
      await (await system.staking.connect(ld).stake(alcx, 20_000n * E18, ld.address)).wait();
      const shares = venues.map((_, i) =>
        i === 0
          ? 10_000 - Math.floor(10_000 / venues.length) * (venues.length - 1)
          : Math.floor(10_000 / venues.length),
      );
      await (
        await system.staking.connect(ld).vote(
          alcx,
          venues.map((v) => VENUE_IDS[v]),
          shares,
        )
      ).wait();
      const rng = new Random(venues.length);
      // Two rollovers: deposits activate, then the allocator deploys to the voted venues.
      for (let r = 0; r < 3; ++r) {
        for (let t = 0; t < TRADES; ++t) await randomTrade(rng, market.pools, trader);
        await arbitrage(system, market.pools, SEED_PRICES_USD, arbitrageur);
        await toRollover(ctx);
        if (r < 2) {
          const outcome = await runRollover(ctx);
          if (outcome.status !== "completed") throw new Error(`rollover ${outcome.status}`);
        }
      }
      // The measured rollover, by hand, so that the ALCX Reactor's chunk stands alone.
      await postPrices(ctx);
      const m = system.manager;
      await (await m.startRollover()).wait();
      const index = (await m.reactors()).indexOf(await alcx.getAddress());
      await (await m.processReactors(index)).wait();
      const held = (await system.allocator.heldVenues(alcx)).length;
      if (held !== venues.length)
        throw new Error(`ALCX holds ${held} venues, expected ${venues.length}`);
      const gas = await gasOf(m.processReactors(1));
      rows.push({
        id: `rollover.chunk.venues.${venues.length}`,
        group: this.group,
        label: `processReactors(1): a token Reactor on ${venues.length} venue${venues.length > 1 ? "s" : ""}, fees realised, steady state`,
        gasUsed: gas,
      });
      await (await m.processReactors(64)).wait();
      await (await m.completeRollover()).wait();
    }
    return rows;
  },
};
