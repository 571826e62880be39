// The reference pricer bot: quotes a bid and an ask around the pool's reference price with a
// spread, sized in the asset, for a short time, each with the next nonce of its lane (so every
// new pair of quotes retires the previous pair at its first fill), and keeps the quote book the
// keeper's `pricers --quotes` reads. Spread inside the pool's band, or the quotes cannot fill.
import { writeFile } from "node:fs/promises";
import type { Signer } from "ethers";
import type { PricerPool } from "../../typechain-types/index.js";
import { BPS, Side, signQuote, type Quote } from "./quote.js";

export interface BotConfig {
  /** Half-spread around the reference, basis points (below the pool's band). */
  readonly spreadBps: bigint;
  /** Asset (raw) each quote offers. */
  readonly size: bigint;
  /** Seconds each quote lives (at most the pool's one-day limit). */
  readonly ttlSeconds: bigint;
}

export interface SignedQuote {
  readonly pool: string;
  readonly quote: Quote;
  readonly signature: string;
}

export class PricerBot {
  private readonly book = new Map<string, SignedQuote[]>();

  constructor(
    readonly pricer: Signer,
    readonly config: BotConfig,
  ) {}

  /** Signs a fresh bid and ask on `pool` around its reference price, at block time `now`. */
  async quote(pool: PricerPool, now: bigint): Promise<{ bid: SignedQuote; ask: SignedQuote }> {
    const reference = await pool.referencePrice();
    const pricer = await this.pricer.getAddress();
    const address = await pool.getAddress();
    const make = async (side: Quote["side"], price: bigint): Promise<SignedQuote> => {
      const lane = await pool.lane(pricer, side);
      const quote: Quote = {
        pricer,
        side,
        price,
        size: this.config.size,
        expiry: now + this.config.ttlSeconds,
        nonce: lane.nonce + 1n,
      };
      return { pool: address, quote, signature: await signQuote(this.pricer, pool, quote) };
    };
    const bid = await make(Side.Bid, (reference * (BPS - this.config.spreadBps)) / BPS);
    const ask = await make(Side.Ask, (reference * (BPS + this.config.spreadBps)) / BPS);
    this.book.set(address, [bid, ask]);
    return { bid, ask };
  }

  /** The live quotes (the last pair per pool). */
  quotes(): SignedQuote[] {
    return [...this.book.values()].flat();
  }

  /** Writes the quote book as JSON (amounts as decimal strings), for `keeper pricers --quotes`. */
  async writeBook(file: string): Promise<void> {
    const quotes = this.quotes().map(({ pool, quote, signature }) => ({
      pool,
      signature,
      quote: Object.fromEntries(Object.entries(quote).map(([k, v]) => [k, String(v)])),
    }));
    await writeFile(file, JSON.stringify({ quotes }, null, 2));
  }
}
