// `keeper pricers` in-process: the report's figures come from the chain (books, capital, P&L,
// capacity, lanes, what is left of the bot's quotes) and render as a table.
import { expect } from "chai";
import { parseEther, parseUnits } from "ethers";
import type { KeeperContext } from "../../../scripts/keeper/chain/context.js";
import { MemoryOutput } from "../../../scripts/keeper/chain/output.js";
import { collectPricers, pricersJob, renderPricers } from "../../../scripts/keeper/jobs/pricers.js";
import type { System } from "../../../scripts/lib/system.js";
import { PricerBot } from "../../../scripts/pricers/bot.js";
import { FUND_USDC, FUND_XYZ, pricerFixture, REFERENCE } from "./fixture.js";

describe("keeper pricers", () => {
  it("reports markets, inventory, capital, P&L, lanes and the bot's quotes", async () => {
    const f = await pricerFixture();
    const ctx = {
      system: { signer: f.governance } as unknown as System,
      config: {} as KeeperContext["config"],
      out: new MemoryOutput(),
      rpc: async <T>(_label: string, fn: () => Promise<T>) => fn(),
    } as KeeperContext;
    // The bot quotes 1% around the reference: bid 3.96, ask 4.04 USDC per XYZ.
    const bot = new PricerBot(f.pricer, {
      spreadBps: 100n,
      size: parseEther("50"),
      ttlSeconds: 3_600n,
    });
    const { bid, ask } = await bot.quote(f.pool, await f.now());
    expect(bid.quote.price).to.equal(parseUnits("3.96", 6));
    expect(ask.quote.price).to.equal(parseUnits("4.04", 6));
    await f.pool
      .connect(f.taker)
      .fill(bid.quote, bid.signature, parseEther("10"), 0n, await f.deadline());

    const report = await collectPricers(ctx, await f.registry.getAddress(), bot.quotes());
    expect(report.markets).to.have.length(1);
    const m = report.markets[0];
    expect(m.asset.symbol).to.equal("XYZ");
    expect(m.reference).to.equal(REFERENCE);
    expect(m.books.asset).to.equal(FUND_XYZ + parseEther("10"));
    expect(m.books.base).to.equal(FUND_USDC - parseUnits("39.6", 6));
    // Bought 10 XYZ (worth 40 USDC) for 39.6: +0.4 USDC, for the pool and for the pricer.
    expect(m.markedPnl).to.equal(parseUnits("0.4", 6));
    expect(m.pricers[0].pnl).to.equal(parseUnits("0.4", 6));
    expect(m.unbookedBase).to.equal(parseUnits("0.0396", 6));
    expect(m.used).to.equal(parseUnits("39.6", 6));
    expect(m.quotes.map((q) => q.remaining)).to.deep.equal([parseEther("40"), parseEther("50")]);
    expect(renderPricers(report)).to.contain("XYZ/USDC");
    await expect(pricersJob.run(ctx, {})).to.be.rejectedWith("--registry");
  });
});
