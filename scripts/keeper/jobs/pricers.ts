// `keeper pricers`: the pricer markets of a registry: per market the reference and band, the
// books (inventory), the capital lent by the Treasury, the marked P&L, the cycle's capacity in
// use, unbooked fees; per pricer its bond, activity, lanes and P&L; and, given the bot's quote
// book, what is left of each published quote. Its command is cli/commands/pricers.ts.
import Table from "cli-table3";
import { formatUnits } from "ethers";
import { readFile } from "node:fs/promises";
import pc from "picocolors";
import {
  PricerPool__factory,
  PricerRegistry__factory,
  type PricerPool,
} from "../../../typechain-types/index.js";
import { erc20At } from "../../lib/tokens.js";
import type { Quote } from "../../pricers/quote.js";
import type { KeeperContext } from "../chain/context.js";
import { KeeperError, EXIT, registerRevertSource } from "../chain/errors.js";
import type { Job } from "./job.js";

registerRevertSource(PricerPool__factory.abi);
registerRevertSource(PricerRegistry__factory.abi);

export interface PricersOptions {
  /** The PricerRegistry's address. */
  readonly registry?: string;
  /** A quote book written by the reference bot (JSON: { quotes: [{ pool, quote }] }). */
  readonly quotes?: string;
}

export interface LaneReport {
  readonly side: "bid" | "ask";
  readonly nonce: bigint;
  readonly filled: bigint | "cancelled";
  readonly pnl: bigint;
}

export interface PricerReport {
  readonly address: string;
  readonly bond: bigint;
  readonly unbonding: bigint;
  readonly active: boolean;
  readonly pnl: bigint;
  readonly slashable: boolean;
  readonly lanes: readonly LaneReport[];
}

export interface QuoteReport {
  readonly side: "bid" | "ask";
  readonly price: bigint;
  readonly size: bigint;
  readonly remaining: bigint;
  readonly expiry: bigint;
}

export interface MarketReport {
  readonly pool: string;
  readonly asset: { readonly address: string; readonly symbol: string; readonly decimals: number };
  readonly base: { readonly address: string; readonly symbol: string; readonly decimals: number };
  /** Raw base per raw asset, 1e18-scaled; null when the feed is stale. */
  readonly reference: bigint | null;
  readonly band: readonly [bigint, bigint] | null;
  readonly books: { readonly asset: bigint; readonly base: bigint };
  readonly capital: { readonly asset: bigint; readonly base: bigint };
  /** Raw base; null when the feed is stale. */
  readonly markedPnl: bigint | null;
  readonly unbookedBase: bigint;
  readonly paused: boolean;
  readonly capacity: bigint;
  readonly used: bigint;
  readonly pricers: readonly PricerReport[];
  readonly quotes: readonly QuoteReport[];
}

export interface PricersReport {
  readonly registry: string;
  readonly minBond: bigint;
  readonly markets: readonly MarketReport[];
}

const CANCELLED = 2n ** 96n - 1n;
const sideName = (side: bigint | number) => (Number(side) === 0 ? "bid" : "ask") as "bid" | "ask";

async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch {
    return null;
  }
}

async function tokenInfo(ctx: KeeperContext, address: string) {
  const token = erc20At(address, ctx.system.signer);
  return {
    address,
    symbol: await ctx.rpc(`symbol of ${address}`, () => token.symbol()),
    decimals: Number(await ctx.rpc(`decimals of ${address}`, () => token.decimals())),
  };
}

async function readQuoteBook(file: string): Promise<{ pool: string; quote: Quote }[]> {
  const raw = JSON.parse(await readFile(file, "utf8")) as {
    quotes: { pool: string; quote: Record<string, string | number> }[];
  };
  return raw.quotes.map(({ pool, quote }) => ({
    pool,
    quote: {
      pricer: String(quote.pricer),
      side: Number(quote.side) as Quote["side"],
      price: BigInt(quote.price),
      size: BigInt(quote.size),
      expiry: BigInt(quote.expiry),
      nonce: BigInt(quote.nonce),
    },
  }));
}

async function marketReport(
  ctx: KeeperContext,
  pool: PricerPool,
  pricers: readonly string[],
  quotes: readonly { pool: string; quote: Quote }[],
): Promise<MarketReport> {
  const address = await pool.getAddress();
  const read = <T>(label: string, fn: () => Promise<T>) => ctx.rpc(`${label} of ${address}`, fn);
  const asset = await tokenInfo(ctx, await read("asset", () => pool.asset()));
  const base = await tokenInfo(ctx, await read("base", () => pool.base()));
  const books = await read("books", () => pool.books());
  const [capAsset, capBase] = await read("capital", () => pool.capital());
  const config = await read("config", () => pool.config());
  const use = await read("cycleUse", () => pool.cycleUse());
  const held = await read("base balance", () =>
    erc20At(base.address, ctx.system.signer).balanceOf(address),
  );
  const registry = PricerRegistry__factory.connect(await pool.registry(), ctx.system.signer);
  const pricerReports: PricerReport[] = [];
  for (const p of pricers) {
    const record = await read("pricer", () => registry.pricer(p));
    const lanes: LaneReport[] = [];
    for (const side of [0, 1] as const) {
      const lane = await read("lane", () => pool.lane(p, side));
      lanes.push({
        side: sideName(side),
        nonce: lane.nonce,
        filled: lane.filled === CANCELLED ? "cancelled" : lane.filled,
        pnl: lane.pnl,
      });
    }
    pricerReports.push({
      address: p,
      bond: record.bond,
      unbonding: record.unbonding,
      active: (await read("lane", () => pool.lane(p, 0))).active,
      pnl: await read("pricerPnl", () => pool.pricerPnl(p)),
      slashable: await read("isSlashable", () => pool.isSlashable(p)),
      lanes,
    });
  }
  const quoteReports: QuoteReport[] = [];
  for (const { quote } of quotes.filter((q) => q.pool.toLowerCase() === address.toLowerCase())) {
    quoteReports.push({
      side: sideName(quote.side),
      price: quote.price,
      size: quote.size,
      remaining: await read("remaining", () => pool.remaining(quote)),
      expiry: quote.expiry,
    });
  }
  const band = await orNull(() => pool.band());
  return {
    pool: address,
    asset,
    base,
    reference: await orNull(() => pool.referencePrice()),
    band: band === null ? null : [band[0], band[1]],
    books: { asset: books.asset, base: books.base },
    capital: { asset: capAsset, base: capBase },
    markedPnl: await orNull(() => pool.markedPnl()),
    unbookedBase: held - books.base,
    paused: config.paused,
    capacity: config.capacity,
    used: use.used,
    pricers: pricerReports,
    quotes: quoteReports,
  };
}

/** Reads every market of the registry at `registryAddress`. */
export async function collectPricers(
  ctx: KeeperContext,
  registryAddress: string,
  quoteBook: readonly { pool: string; quote: Quote }[] = [],
): Promise<PricersReport> {
  const registry = PricerRegistry__factory.connect(registryAddress, ctx.system.signer);
  const markets = await ctx.rpc("markets", () => registry.markets());
  const events = await ctx.rpc("PricerRegistered events", () =>
    registry.queryFilter(registry.filters.PricerRegistered()),
  );
  const pricers = [...new Set(events.map((e) => e.args.pricer))];
  const reports: MarketReport[] = [];
  for (const m of markets) {
    const pool = PricerPool__factory.connect(m, ctx.system.signer);
    reports.push(await marketReport(ctx, pool, pricers, quoteBook));
  }
  return {
    registry: registryAddress,
    minBond: await ctx.rpc("minBond", () => registry.minBond()),
    markets: reports,
  };
}

const fmt = (amount: bigint | null, decimals: number) =>
  amount === null
    ? pc.dim("stale")
    : Number(formatUnits(amount, decimals)).toLocaleString("en-US", { maximumFractionDigits: 4 });
/** A 1e18-scaled raw price as whole base per whole asset. */
const fmtPrice = (price: bigint | null, m: MarketReport) =>
  fmt(
    price === null ? null : (price * 10n ** BigInt(m.asset.decimals)) / 10n ** 18n,
    m.base.decimals,
  );

export function renderPricers(report: PricersReport): string {
  const lines = [`Pricer registry ${report.registry} (min bond ${fmt(report.minBond, 18)} TOKE)`];
  for (const m of report.markets) {
    const pair = `${m.asset.symbol}/${m.base.symbol}`;
    lines.push(
      "",
      `${pc.bold(pair)} ${m.pool}${m.paused ? pc.red(" PAUSED") : ""}: reference ${fmtPrice(m.reference, m)}, band [${fmtPrice(m.band?.[0] ?? null, m)}, ${fmtPrice(m.band?.[1] ?? null, m)}]`,
    );
    const t = new Table({ style: { head: [], border: [], compact: true } });
    t.push(
      [
        "inventory",
        `${fmt(m.books.asset, m.asset.decimals)} ${m.asset.symbol}`,
        `${fmt(m.books.base, m.base.decimals)} ${m.base.symbol}`,
      ],
      [
        "capital lent",
        `${fmt(m.capital.asset, m.asset.decimals)} ${m.asset.symbol}`,
        `${fmt(m.capital.base, m.base.decimals)} ${m.base.symbol}`,
      ],
      ["marked P&L", `${fmt(m.markedPnl, m.base.decimals)} ${m.base.symbol}`, ""],
      ["fees to sweep", `${fmt(m.unbookedBase, m.base.decimals)} ${m.base.symbol}`, ""],
      [
        "cycle capacity",
        `${fmt(m.used, m.base.decimals)} / ${fmt(m.capacity, m.base.decimals)} ${m.base.symbol}`,
        "",
      ],
    );
    lines.push(t.toString());
    const p = new Table({
      head: ["pricer", "bond", "active", "P&L", "bid lane", "ask lane"].map((h) => pc.cyan(h)),
      style: { head: [], border: [], compact: true },
    });
    for (const r of m.pricers) {
      const lane = (l: LaneReport) =>
        `#${l.nonce} ${l.filled === "cancelled" ? "cancelled" : fmt(l.filled, m.asset.decimals)}`;
      p.push([
        r.address,
        fmt(r.bond, 18),
        r.active ? pc.green("yes") : pc.red("no"),
        `${fmt(r.pnl, m.base.decimals)}${r.slashable ? pc.red(" slashable") : ""}`,
        lane(r.lanes[0]),
        lane(r.lanes[1]),
      ]);
    }
    lines.push(p.toString());
    if (m.quotes.length > 0) {
      const q = new Table({
        head: ["quote", "price", "size", "left", "expiry"].map((h) => pc.cyan(h)),
        style: { head: [], border: [], compact: true },
      });
      for (const r of m.quotes)
        q.push([
          r.side,
          fmtPrice(r.price, m),
          fmt(r.size, m.asset.decimals),
          fmt(r.remaining, m.asset.decimals),
          new Date(Number(r.expiry) * 1000).toISOString(),
        ]);
      lines.push(q.toString());
    }
  }
  return lines.join("\n");
}

export const pricersJob: Job<PricersOptions, PricersReport> = {
  name: "pricers",
  async run(ctx, options) {
    const registry = options.registry ?? process.env.PRICER_REGISTRY;
    if (registry === undefined || registry === "")
      throw new KeeperError("pricers: give --registry <address> or PRICER_REGISTRY", EXIT.usage);
    const book = options.quotes === undefined ? [] : await readQuoteBook(options.quotes);
    return collectPricers(ctx, registry, book);
  },
  render: renderPricers,
};
