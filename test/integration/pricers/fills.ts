// Fills against a PricerPool: amounts, fees and books by hand, band edges, stale and replayed
// quotes, cancellation, capacity, inventory, slippage and deadline, and the refusals.
import { expect } from "chai";
import { parseEther, parseUnits } from "ethers";
import { PRICE_SCALE, signQuote, Side } from "../../../scripts/pricers/quote.js";
import type { TestERC20 } from "../../helpers/test-contracts.js";
import {
  BAND_BPS,
  CAPACITY,
  FEE_BPS,
  FUND_USDC,
  FUND_XYZ,
  MAX_DRAWDOWN_BPS,
  pricerFixture,
  REFERENCE,
  SLASH_THRESHOLD,
} from "./fixture.js";

const usdc = (n: string) => parseUnits(n, 6);
const xyz = (n: string) => parseEther(n);

describe("PricerPool fills", () => {
  it("ask at the reference: the taker pays 40 USDC, gets 9.99 XYZ; the 0.04 USDC fee is swept to the Treasury", async () => {
    const f = await pricerFixture();
    const q = await f.quote(Side.Ask, REFERENCE, xyz("100"));
    const xyzBefore = await f.xyz.balanceOf(f.taker);
    await f.pool.connect(f.taker).fill(q, await f.sign(q), usdc("40"), 0n, await f.deadline());
    // fee = 40 USDC x 10 bps = 0.04 USDC; 39.96 USDC buys 39.96 / 4 = 9.99 XYZ.
    expect((await f.xyz.balanceOf(f.taker)) - xyzBefore).to.equal(xyz("9.99"));
    const books = await f.pool.books();
    expect(books.asset).to.equal(FUND_XYZ - xyz("9.99"));
    expect(books.base).to.equal(FUND_USDC + usdc("39.96"));
    expect(await f.usdc.balanceOf(f.pool)).to.equal(FUND_USDC + usdc("40"));
    expect(await f.pool.remaining(q)).to.equal(xyz("100") - xyz("9.99"));
    // Edge at the reference: +39.96 USDC in, 9.99 XYZ x 4 = 39.96 USDC out: zero.
    expect(await f.pool.pricerPnl(f.pricer)).to.equal(0n);
    expect((await f.pool.cycleUse()).used).to.equal(usdc("40"));

    await f.pool.connect(f.other).sweep();
    expect(await f.treasury.inflows(f.usdc, await f.pool.FEE_SOURCE())).to.equal(usdc("0.04"));
    expect(await f.usdc.balanceOf(f.pool)).to.equal((await f.pool.books()).base);
  });

  it("bid below the reference: the taker sells 5 XYZ at 3.95, gets 19.75 USDC less the fee; the pool gains the edge", async () => {
    const f = await pricerFixture();
    const price = (REFERENCE * 395n) / 400n; // 3.95 USDC per XYZ
    const q = await f.quote(Side.Bid, price, xyz("50"));
    const before = await f.usdc.balanceOf(f.taker);
    await f.pool.connect(f.taker).fill(q, await f.sign(q), xyz("5"), 0n, await f.deadline());
    // gross 5 x 3.95 = 19.75 USDC; fee ceil(19.75 x 10 bps) = 0.01975; out 19.73025.
    expect((await f.usdc.balanceOf(f.taker)) - before).to.equal(usdc("19.73025"));
    expect((await f.pool.books()).base).to.equal(FUND_USDC - usdc("19.75"));
    expect((await f.pool.books()).asset).to.equal(FUND_XYZ + xyz("5"));
    // The pool bought 5 XYZ worth 20 USDC for 19.75: +0.25 USDC of edge for the pricer.
    expect(await f.pool.pricerPnl(f.pricer)).to.equal(usdc("0.25"));
    expect(await f.pool.markedPnl()).to.equal(usdc("0.25"));
  });

  it("fills exactly at both band edges and refuses one unit beyond either", async () => {
    const f = await pricerFixture();
    const low = (REFERENCE * (10_000n - BAND_BPS) + 9_999n) / 10_000n; // 3.92 USDC
    const high = (REFERENCE * (10_000n + BAND_BPS)) / 10_000n; // 4.08 USDC
    expect(low).to.equal(usdc("3.92"));
    expect(high).to.equal(usdc("4.08"));
    const [bandLow, bandHigh] = await f.pool.band();
    expect([bandLow, bandHigh]).to.deep.equal([low, high]);
    for (const [side, price, amount] of [
      [Side.Bid, low, xyz("1")],
      [Side.Ask, high, usdc("4.08")],
      [Side.Bid, high, xyz("1")],
      [Side.Ask, low, usdc("3.92")],
    ] as const) {
      const q = await f.quote(side, price, xyz("10"));
      await f.pool.connect(f.taker).fill(q, await f.sign(q), amount, 0n, await f.deadline());
    }
    for (const price of [low - 1n, high + 1n]) {
      const q = await f.quote(Side.Ask, price, xyz("10"));
      await expect(
        f.pool.connect(f.taker).fill(q, await f.sign(q), usdc("4"), 0n, await f.deadline()),
      )
        .to.be.revertedWithCustomError(f.pool, "PricerPoolOutsideBand")
        .withArgs(price, low, high);
    }
  });

  it("a quote that was inside the band fails once the reference moves away from it", async () => {
    const f = await pricerFixture();
    const q = await f.quote(Side.Ask, usdc("3.95"), xyz("10"));
    const sig = await f.sign(q);
    await f.pool.connect(f.taker).fill(q, sig, usdc("4"), 0n, await f.deadline());
    // XYZ re-priced to 2.2 TOKE: reference 4.4 USDC, band [4.312, 4.488].
    await f.feed.setPrice(f.xyz, (22n * 10n ** 18n) / 10n);
    await expect(
      f.pool.connect(f.taker).fill(q, sig, usdc("4"), 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolOutsideBand");
  });

  it("a stale reference stops every fill (the feed's own staleness check)", async () => {
    const f = await pricerFixture();
    await f.networkHelpers.time.increase(24 * 3600 + 1);
    const q = await f.quote(Side.Ask, REFERENCE, xyz("10"));
    await expect(
      f.pool.connect(f.taker).fill(q, await f.sign(q), usdc("4"), 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.feed, "PriceFeedStale");
  });

  it("refuses an expired quote, one that lives too long, and a fill after its deadline", async () => {
    const f = await pricerFixture();
    const q = await f.quote(Side.Ask, REFERENCE, xyz("10"));
    const sig = await f.sign(q);
    await f.networkHelpers.time.increaseTo(q.expiry + 1n);
    await expect(
      f.pool.connect(f.taker).fill(q, sig, usdc("4"), 0n, q.expiry + 600n),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolQuoteExpired");
    const long = await f.quote(Side.Ask, REFERENCE, xyz("10"), {
      expiry: (await f.now()) + 2n * 24n * 3600n,
    });
    await expect(
      f.pool.connect(f.taker).fill(long, await f.sign(long), usdc("4"), 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolQuoteTooLong");
    const fresh = await f.quote(Side.Ask, REFERENCE, xyz("10"));
    const late = await f.now();
    await expect(
      f.pool.connect(f.taker).fill(fresh, await f.sign(fresh), usdc("4"), 0n, late),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolDeadlinePassed");
  });

  it("partial fills add up to the size and no further: replaying the signature is refused", async () => {
    const f = await pricerFixture();
    const q = await f.quote(Side.Bid, REFERENCE, xyz("3"));
    const sig = await f.sign(q);
    await f.pool.connect(f.taker).fill(q, sig, xyz("2"), 0n, await f.deadline());
    await expect(f.pool.connect(f.taker).fill(q, sig, xyz("2"), 0n, await f.deadline()))
      .to.be.revertedWithCustomError(f.pool, "PricerPoolQuoteExhausted")
      .withArgs(xyz("2"), xyz("1"));
    await f.pool.connect(f.taker).fill(q, sig, xyz("1"), 0n, await f.deadline());
    expect(await f.pool.remaining(q)).to.equal(0n);
    await expect(f.pool.connect(f.other).fill(q, sig, xyz("1"), 0n, await f.deadline()))
      .to.be.revertedWithCustomError(f.pool, "PricerPoolQuoteExhausted")
      .withArgs(xyz("1"), 0n);
  });

  it("a signature for another chain, another pool or another signer is refused", async () => {
    const f = await pricerFixture();
    const q = await f.quote(Side.Ask, REFERENCE, xyz("10"));
    const other = await f.deployPool(await f.xyz.getAddress(), await f.usdc.getAddress());
    const forged = [
      await signQuote(f.pricer, f.pool, q, { chainId: 1n }),
      await signQuote(f.pricer, f.pool, q, { verifyingContract: await other.getAddress() }),
      await signQuote(f.other, f.pool, q),
    ];
    const digest = await f.pool.quoteDigest(q);
    for (const sig of forged) {
      await expect(f.pool.connect(f.taker).fill(q, sig, usdc("4"), 0n, await f.deadline()))
        .to.be.revertedWithCustomError(f.pool, "PricerPoolBadSignature")
        .withArgs(f.pricer.address, digest);
    }
    // A changed field breaks the signature too (a taker cannot improve the price).
    const sig = await f.sign(q);
    await expect(
      f.pool
        .connect(f.taker)
        .fill({ ...q, price: q.price - 1n }, sig, usdc("4"), 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolBadSignature");
  });

  it("cancel voids the nonce and every lower one; a newer quote replaces the lane's older ones", async () => {
    const f = await pricerFixture();
    const a = await f.quote(Side.Ask, REFERENCE, xyz("10"));
    const b = await f.quote(Side.Ask, REFERENCE, xyz("10"));
    const [sa, sb] = [await f.sign(a), await f.sign(b)];
    await expect(f.pool.connect(f.pricer).cancel(Side.Ask, b.nonce))
      .to.emit(f.pool, "QuoteCancelled")
      .withArgs(f.pricer.address, Side.Ask, b.nonce);
    await expect(f.pool.connect(f.taker).fill(b, sb, usdc("4"), 0n, await f.deadline()))
      .to.be.revertedWithCustomError(f.pool, "PricerPoolQuoteCancelled")
      .withArgs(f.pricer.address, b.nonce);
    await expect(f.pool.connect(f.taker).fill(a, sa, usdc("4"), 0n, await f.deadline()))
      .to.be.revertedWithCustomError(f.pool, "PricerPoolStaleNonce")
      .withArgs(a.nonce, b.nonce);
    await expect(f.pool.connect(f.pricer).cancel(Side.Ask, a.nonce)).to.be.revertedWithCustomError(
      f.pool,
      "PricerPoolStaleNonce",
    );
    // The bid lane is separate; there a newer nonce's first fill retires the older quote.
    const c = await f.quote(Side.Bid, REFERENCE, xyz("10"));
    const d = await f.quote(Side.Bid, REFERENCE, xyz("10"));
    const sc = await f.sign(c);
    await f.pool.connect(f.taker).fill(d, await f.sign(d), xyz("1"), 0n, await f.deadline());
    await expect(
      f.pool.connect(f.taker).fill(c, sc, xyz("1"), 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolStaleNonce");
    expect(await f.pool.remaining(c)).to.equal(0n);
  });

  it("capacity: a cycle's notional stops at the capacity and resets after the rollover", async () => {
    const f = await pricerFixture();
    await f.pool.setConfig(
      BAND_BPS,
      FEE_BPS,
      usdc("100"),
      xyz("30000"),
      MAX_DRAWDOWN_BPS,
      SLASH_THRESHOLD,
    );
    // The feed's prices would be a week old at the cycle's end: governance refreshes them.
    const refreshPrices = async () => {
      await f.feed.setPrice(f.xyz, 2n * 10n ** 18n);
      await f.feed.setPrice(f.usdc, (5n * 10n ** 17n * 10n ** 18n) / 10n ** 6n);
    };
    const q = await f.quote(Side.Ask, REFERENCE, xyz("1000"));
    const sig = await f.sign(q);
    await f.pool.connect(f.taker).fill(q, sig, usdc("60"), 0n, await f.deadline());
    await expect(f.pool.connect(f.taker).fill(q, sig, usdc("60"), 0n, await f.deadline()))
      .to.be.revertedWithCustomError(f.pool, "PricerPoolCapacityExceeded")
      .withArgs(usdc("60"), usdc("40"));
    // The cycle ends but its rollover has not run: still the same cycle, still full.
    await f.networkHelpers.time.increaseTo(await f.manager.cycleEnd());
    await refreshPrices();
    const q2 = await f.quote(Side.Ask, REFERENCE, xyz("1000"));
    await expect(
      f.pool.connect(f.taker).fill(q2, await f.sign(q2), usdc("60"), 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolCapacityExceeded");
    await f.manager.startRollover();
    await f.manager.completeRollover();
    const q3 = await f.quote(Side.Ask, REFERENCE, xyz("1000"));
    await f.pool.connect(f.taker).fill(q3, await f.sign(q3), usdc("60"), 0n, await f.deadline());
    expect((await f.pool.cycleUse()).used).to.equal(usdc("60"));
    expect((await f.pool.cycleUse()).cycleEnd).to.equal(await f.manager.cycleEnd());
  });

  it("inventory: a bid past maxInventory and an ask past the books are refused", async () => {
    const f = await pricerFixture();
    await f.pool.setConfig(
      BAND_BPS,
      FEE_BPS,
      CAPACITY,
      FUND_XYZ + xyz("5"),
      MAX_DRAWDOWN_BPS,
      SLASH_THRESHOLD,
    );
    const bid = await f.quote(Side.Bid, REFERENCE, xyz("100"));
    const sig = await f.sign(bid);
    await f.pool.connect(f.taker).fill(bid, sig, xyz("5"), 0n, await f.deadline());
    await expect(f.pool.connect(f.taker).fill(bid, sig, 1n, 0n, await f.deadline()))
      .to.be.revertedWithCustomError(f.pool, "PricerPoolInventoryLimit")
      .withArgs(FUND_XYZ + xyz("5") + 1n, FUND_XYZ + xyz("5"));
    // An ask bigger than the asset on the books: 80,000 USDC at 4 would take 19,980 XYZ.
    const ask = await f.quote(Side.Ask, REFERENCE, xyz("100000"));
    await expect(
      f.pool.connect(f.taker).fill(ask, await f.sign(ask), usdc("80000"), 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolInsufficientBooks");
  });

  it("an ask may take the whole asset book to the unit, and not one unit more", async () => {
    const f = await pricerFixture();
    // No fee, so the taker's base buys base x PRICE_SCALE / price of the asset exactly.
    await f.pool.setConfig(BAND_BPS, 0n, CAPACITY, FUND_XYZ, MAX_DRAWDOWN_BPS, SLASH_THRESHOLD);
    // 10,000 XYZ at 4 USDC: 40,000 USDC buys the whole book; 1 USDC unit more would buy
    // 0.00000025 XYZ beyond it.
    const wholeBook = (FUND_XYZ * REFERENCE) / PRICE_SCALE;
    expect(wholeBook).to.equal(usdc("40000"));
    const ask = await f.quote(Side.Ask, REFERENCE, FUND_XYZ);
    const sig = await f.sign(ask);
    await expect(f.pool.connect(f.taker).fill(ask, sig, wholeBook + 1n, 0n, await f.deadline()))
      .to.be.revertedWithCustomError(f.pool, "PricerPoolInsufficientBooks")
      .withArgs(f.xyz, ((wholeBook + 1n) * PRICE_SCALE) / REFERENCE, FUND_XYZ);
    const before = await f.xyz.balanceOf(f.taker);
    await f.pool.connect(f.taker).fill(ask, sig, wholeBook, 0n, await f.deadline());
    expect((await f.xyz.balanceOf(f.taker)) - before).to.equal(FUND_XYZ);
    expect((await f.pool.books()).asset).to.equal(0n);
  });

  it("min-out: the taker's floor is enforced to the unit", async () => {
    const f = await pricerFixture();
    const q = await f.quote(Side.Ask, REFERENCE, xyz("100"));
    const sig = await f.sign(q);
    await expect(
      f.pool.connect(f.taker).fill(q, sig, usdc("40"), xyz("9.99") + 1n, await f.deadline()),
    )
      .to.be.revertedWithCustomError(f.pool, "PricerPoolSlippage")
      .withArgs(xyz("9.99"), xyz("9.99") + 1n);
    await f.pool.connect(f.taker).fill(q, sig, usdc("40"), xyz("9.99"), await f.deadline());
  });

  it("a zero fill, an oversized amount and a malformed quote are refused", async () => {
    const f = await pricerFixture();
    const q = await f.quote(Side.Ask, REFERENCE, xyz("100"));
    const sig = await f.sign(q);
    // 1 raw USDC: the fee rounds up to 1, nothing is left to buy with.
    await expect(
      f.pool.connect(f.taker).fill(q, sig, 1n, 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolBadAmount");
    await expect(
      f.pool.connect(f.taker).fill(q, sig, 2n ** 128n, 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolBadAmount");
    const zero = await f.quote(Side.Ask, 0n, xyz("1"));
    await expect(
      f.pool.connect(f.taker).fill(zero, await f.sign(zero), usdc("4"), 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolBadQuote");
  });

  it("on-chain quotes fill with no signature; only the pricer may post one", async () => {
    const f = await pricerFixture();
    const q = await f.quote(Side.Ask, REFERENCE, xyz("10"));
    await expect(f.pool.connect(f.other).postQuote(q))
      .to.be.revertedWithCustomError(f.pool, "PricerPoolNotPricer")
      .withArgs(f.other.address, f.pricer.address);
    await expect(
      f.pool.connect(f.taker).fill(q, "0x", usdc("4"), 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolBadSignature");
    await expect(f.pool.connect(f.pricer).postQuote(q)).to.emit(f.pool, "QuotePosted");
    await f.pool.connect(f.taker).fill(q, "0x", usdc("4"), 0n, await f.deadline());
    expect(await f.pool.remaining(q)).to.equal(xyz("10") - xyz("0.999"));
  });

  it("an EIP-1271 contract pricer's quotes fill when its owner signed them", async () => {
    const f = await pricerFixture();
    const wallet = await f.ethers.deployContract("TestERC1271Wallet", [f.other.address]);
    const walletAddress = await wallet.getAddress();
    await f.registry.register(walletAddress);
    await f.toke.transfer(walletAddress, parseEther("1000"));
    await f.networkHelpers.impersonateAccount(walletAddress);
    await f.networkHelpers.setBalance(walletAddress, parseEther("1"));
    const asWallet = await f.ethers.getSigner(walletAddress);
    await f.toke.connect(asWallet).approve(f.registry, parseEther("1000"));
    await f.registry.connect(asWallet).bond(parseEther("1000"));
    await f.registry.enableMarket(walletAddress, f.pool);
    const q = await f.quote(Side.Ask, REFERENCE, xyz("10"), { pricer: walletAddress });
    await f.pool
      .connect(f.taker)
      .fill(q, await signQuote(f.other, f.pool, q), usdc("4"), 0n, await f.deadline());
    expect(await f.pool.remaining(q)).to.equal(xyz("10") - xyz("0.999"));
    await expect(
      f.pool
        .connect(f.taker)
        .fill(q, await signQuote(f.taker, f.pool, q), usdc("4"), 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolBadSignature");
  });

  it("a fee-on-transfer token is refused: at funding and at a fill", async () => {
    const f = await pricerFixture();
    const fee = (await f.ethers.deployContract("TestFeeToken")) as unknown as TestERC20;
    const pool = await f.deployPool(await fee.getAddress(), await f.usdc.getAddress());
    await f.feed.setPrice(fee, 2n * 10n ** 18n);
    await pool.setConfig(
      BAND_BPS,
      FEE_BPS,
      CAPACITY,
      xyz("30000"),
      MAX_DRAWDOWN_BPS,
      SLASH_THRESHOLD,
    );
    await f.registry.listMarket(pool);
    await f.registry.enableMarket(f.pricer.address, pool);
    await fee.mint(f.treasury, xyz("100"));
    await f.treasury.pay(fee, pool, xyz("100"));
    // 1% burnt in transit: 99 arrived, 100 cannot be booked.
    await expect(pool.recordFunding(fee, xyz("100")))
      .to.be.revertedWithCustomError(pool, "PricerPoolUnfunded")
      .withArgs(await fee.getAddress(), xyz("100"), xyz("99"));
    await f.usdc.mint(f.treasury, usdc("1000"));
    await f.treasury.pay(f.usdc, pool, usdc("1000"));
    await pool.recordFunding(f.usdc, usdc("1000"));
    await fee.mint(f.taker, xyz("10"));
    await fee.connect(f.taker).approve(pool, xyz("10"));
    const q = await f.quote(Side.Bid, REFERENCE, xyz("10"));
    await expect(
      pool
        .connect(f.taker)
        .fill(q, await signQuote(f.pricer, pool, q), xyz("10"), 0n, await f.deadline()),
    )
      .to.be.revertedWithCustomError(pool, "PricerPoolTransferShortfall")
      .withArgs(await fee.getAddress(), xyz("10"), xyz("9.9"));
  });

  it("funding books only what arrived; defund returns capital to the Treasury; sweep takes donations too", async () => {
    const f = await pricerFixture();
    await expect(f.pool.recordFunding(f.usdc, 1n))
      .to.be.revertedWithCustomError(f.pool, "PricerPoolUnfunded")
      .withArgs(await f.usdc.getAddress(), 1n, 0n);
    await expect(f.pool.recordFunding(f.toke, 1n)).to.be.revertedWithCustomError(
      f.pool,
      "PricerPoolUnknownToken",
    );
    await f.pool.defund(f.usdc, usdc("1000"));
    expect(await f.treasury.inflows(f.usdc, await f.pool.CAPITAL_SOURCE())).to.equal(usdc("1000"));
    expect((await f.pool.capital())[1]).to.equal(FUND_USDC - usdc("1000"));
    await expect(f.pool.defund(f.usdc, FUND_USDC)).to.be.revertedWithCustomError(
      f.pool,
      "PricerPoolInsufficientBooks",
    );
    await f.xyz.mint(f.pool, xyz("3")); // a donation: never booked, swept to the Treasury
    await f.pool.sweep();
    expect(await f.treasury.inflows(f.xyz, await f.pool.FEE_SOURCE())).to.equal(xyz("3"));
    expect((await f.pool.books()).asset).to.equal(FUND_XYZ);
  });
});
