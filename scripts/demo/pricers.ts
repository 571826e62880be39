// The demo's pricer market: XYZ, an asset with no AMM pool anywhere, gets a market against
// USDC from a PricerPool funded by the Treasury. Each cycle governance re-prices XYZ in the
// PriceFeed (a random walk, as an off-chain feed would), the reference bot quotes around it,
// takers fill both sides, and the fees are swept to the Treasury; the report shows the fills,
// the fees, the books and the P&L per cycle.
import {
  MaxUint256,
  Wallet,
  formatUnits,
  keccak256,
  parseEther,
  parseUnits,
  toUtf8Bytes,
} from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { PricerPool, PricerRegistry } from "../../typechain-types/index.js";
import { keeperContext } from "../keeper/chain/context.js";
import { MemoryOutput } from "../keeper/chain/output.js";
import { collectPricers, type MarketReport } from "../keeper/jobs/pricers.js";
import type { System } from "../lib/system.js";
import { extraSigners, testToken } from "../gas/measure.js";
import { PricerBot } from "../pricers/bot.js";
import { deployMarket, deployRegistry, onboardPricer } from "../pricers/deploy.js";
import { PRICE_SCALE, askFill, bidFill } from "../pricers/quote.js";
import { Random } from "./random.js";

/** XYZ starts at 2 TOKE (the feed's unit); USDC is priced by the system's own feed. */
const XYZ_TOKE = 2;
const TAKERS = 3;
const FILLS_PER_CYCLE = 6;

export interface PricerCycle {
  readonly cycle: bigint;
  readonly fills: number;
  readonly volumeUsdc: bigint;
  readonly feesUsdc: bigint;
  readonly skipped?: string;
  readonly market: MarketReport;
}

export interface PricerDemo {
  readonly registry: PricerRegistry;
  readonly pool: PricerPool;
  /** Quotes, fills and sweeps one cycle's trading (call once per cycle). */
  play(cycle: bigint): Promise<PricerCycle>;
}

export async function startPricers(system: System, seed: number): Promise<PricerDemo> {
  const { ethers, networkHelpers } = system.connection;
  const rng = new Random(seed);
  const gov = system.signer;
  const deployed = await ethers.deployContract("TestERC20", ["XYZ (no AMM)", "XYZ", 18], gov);
  const xyz = await testToken(system, await deployed.getAddress());
  const usdc = await testToken(system, await system.assets.USDC.getAddress());
  await (await system.priceFeed.setPrice(xyz, BigInt(XYZ_TOKE) * PRICE_SCALE)).wait();
  await (await xyz.mint(system.treasury, parseEther("20000"))).wait();
  await (await usdc.mint(system.treasury, parseUnits("20000", 6))).wait();
  const registry = await deployRegistry(system, parseEther("1000"), 7n * 86_400n);
  const pool = await deployMarket(
    system,
    registry,
    await xyz.getAddress(),
    await usdc.getAddress(),
    {
      bandBps: 300n,
      feeBps: 10n,
      capacity: parseUnits("50000", 6),
      maxInventory: parseEther("40000"),
      maxDrawdownBps: 2_000n,
      slashThreshold: parseUnits("500", 6),
    },
    { asset: parseEther("10000"), base: parseUnits("20000", 6) },
  );
  // The bot signs with its own key (a pricer is an EOA or an EIP-1271 wallet).
  const pricer = new Wallet(keccak256(toUtf8Bytes("demo pricer")), ethers.provider);
  await networkHelpers.setBalance(pricer.address, parseEther("10"));
  await (await system.toke.connect(gov).transfer(pricer.address, parseEther("1000"))).wait();
  const asSigner = (await ethers.getSigner(pricer.address)) as HardhatEthersSigner;
  await networkHelpers.impersonateAccount(pricer.address);
  await onboardPricer(registry, asSigner, parseEther("1000"), [pool], system);
  const bot = new PricerBot(pricer, {
    spreadBps: 50n,
    size: parseEther("2000"),
    ttlSeconds: 3_600n,
  });
  const takers = await extraSigners(system.connection, TAKERS, "pricer-taker");
  for (const t of takers) {
    await (await xyz.mint(t.address, parseEther("50000"))).wait();
    await (await usdc.mint(t.address, parseUnits("200000", 6))).wait();
    await (await xyz.connect(t).approve(pool, MaxUint256)).wait();
    await (await usdc.connect(t).approve(pool, MaxUint256)).wait();
  }
  const ctx = keeperContext(system, new MemoryOutput());
  let xyzToke = XYZ_TOKE;

  return {
    registry,
    pool,
    async play(cycle) {
      xyzToke *= 1 + (rng.next() - 0.5) * 0.06; // +-3% a cycle
      await (await system.priceFeed.setPrice(xyz, parseEther(xyzToke.toFixed(6)))).wait();
      const [ok] = await system.priceFeed.tryPrice(usdc);
      let fills = 0;
      let volume = 0n;
      let fees = 0n;
      let skipped: string | undefined;
      if (!ok) skipped = "USDC price stale in the feed: no reference, no fills";
      else {
        const now = BigInt(await networkHelpers.time.latest());
        const { bid, ask } = await bot.quote(pool, now);
        const feeBps = (await pool.config()).feeBps;
        for (let i = 0; i < FILLS_PER_CYCLE; ++i) {
          const taker = rng.pick(takers);
          const deadline = BigInt(await networkHelpers.time.latest()) + 600n;
          if (rng.next() < 0.5) {
            const baseIn = parseUnits((100 + rng.next() * 900).toFixed(2), 6);
            const { assetOut, fee } = askFill(ask.quote.price, baseIn, feeBps);
            if (assetOut > (await pool.books()).asset) continue;
            await (
              await pool.connect(taker).fill(ask.quote, ask.signature, baseIn, assetOut, deadline)
            ).wait();
            volume += baseIn;
            fees += fee;
          } else {
            const assetIn = parseEther((20 + rng.next() * 200).toFixed(4));
            const { gross, fee, baseOut } = bidFill(bid.quote.price, assetIn, feeBps);
            // A taker sells only what the pool can pay from its books (it would revert otherwise).
            if (baseOut > (await pool.books()).base) continue;
            await (
              await pool.connect(taker).fill(bid.quote, bid.signature, assetIn, baseOut, deadline)
            ).wait();
            volume += gross;
            fees += fee;
          }
          ++fills;
        }
        await (await pool.sweep()).wait();
      }
      const report = await collectPricers(ctx, await registry.getAddress(), bot.quotes());
      return {
        cycle,
        fills,
        volumeUsdc: volume,
        feesUsdc: fees,
        skipped,
        market: report.markets[0],
      };
    },
  };
}

const usd = (raw: bigint | null) =>
  raw === null
    ? "stale"
    : Number(formatUnits(raw, 6)).toLocaleString("en-US", { maximumFractionDigits: 2 });
const xyzAmount = (raw: bigint) =>
  Number(formatUnits(raw, 18)).toLocaleString("en-US", { maximumFractionDigits: 2 });

/** One line per cycle for the console. */
export function renderPricerCycle(c: PricerCycle): string {
  const m = c.market;
  if (c.skipped !== undefined) return `  pricers: ${c.skipped}`;
  return `  pricers (XYZ/USDC, no AMM): ${c.fills} fills, ${usd(c.volumeUsdc)} USDC traded, ${usd(c.feesUsdc)} USDC fees to the Treasury; inventory ${xyzAmount(m.books.asset)} XYZ + ${usd(m.books.base)} USDC; P&L ${usd(m.markedPnl)} USDC (pricer ${usd(m.pricers[0]?.pnl ?? 0n)})`;
}

/** The report's section: a table of the cycles. */
export function pricerMarkdown(cycles: readonly PricerCycle[]): string {
  const lines = [
    "",
    "## Pricer market: XYZ/USDC (no AMM)",
    "",
    "XYZ has no AMM pool: a PricerPool funded by the Treasury (10,000 XYZ + 20,000 USDC) makes its",
    "market. Each cycle the reference bot quotes ±0.5% around the PriceFeed reference (band ±3%),",
    "takers fill both sides, and the 10 bps fees are swept to the Treasury.",
    "",
    "| cycle | fills | traded (USDC) | fees to Treasury (USDC) | XYZ held | USDC held | marked P&L (USDC) | pricer P&L (USDC) |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const c of cycles) {
    const m = c.market;
    lines.push(
      `| ${c.cycle} | ${c.fills} | ${usd(c.volumeUsdc)} | ${usd(c.feesUsdc)} | ${xyzAmount(m.books.asset)} | ${usd(m.books.base)} | ${usd(m.markedPnl)} | ${usd(m.pricers[0]?.pnl ?? 0n)} |`,
    );
  }
  return lines.join("\n") + "\n";
}
