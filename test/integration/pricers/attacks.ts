// Attacks on pricer markets: a pricer front-running or self-dealing its own quotes, slashing,
// bonds and unbonding, the breaker, reentrancy, and the role matrix of every privileged call.
import { expect } from "chai";
import { parseEther, parseUnits } from "ethers";
import { signQuote, Side } from "../../../scripts/pricers/quote.js";
import {
  BAND_BPS,
  CAPACITY,
  FEE_BPS,
  FUND_USDC,
  FUND_XYZ,
  MAX_DRAWDOWN_BPS,
  MIN_BOND,
  pricerFixture,
  REFERENCE,
  SLASH_THRESHOLD,
  UNBOND_DELAY,
} from "./fixture.js";

const usdc = (n: string) => parseUnits(n, 6);
const xyz = (n: string) => parseEther(n);
const E18 = 10n ** 18n;
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

describe("PricerPool attacks", () => {
  it("a pricer cannot fill its own quote", async () => {
    const f = await pricerFixture();
    await f.usdc.mint(f.pricer, usdc("100"));
    await f.usdc.connect(f.pricer).approve(f.pool, usdc("100"));
    const q = await f.quote(Side.Ask, REFERENCE, xyz("10"));
    await expect(
      f.pool.connect(f.pricer).fill(q, await f.sign(q), usdc("4"), 0n, await f.deadline()),
    )
      .to.be.revertedWithCustomError(f.pool, "PricerPoolSelfFill")
      .withArgs(f.pricer.address);
  });

  it("front-running its own quote (cancel, or retire it with a worse one) costs the taker nothing", async () => {
    const f = await pricerFixture();
    const accomplice = f.rest[0];
    await f.usdc.mint(accomplice, usdc("100"));
    await f.usdc.connect(accomplice).approve(f.pool, usdc("100"));
    const q = await f.quote(Side.Ask, REFERENCE, xyz("10"));
    const sig = await f.sign(q);
    const before = [await f.usdc.balanceOf(f.taker), await f.xyz.balanceOf(f.taker)];
    // 1. Seeing the taker's fill pending, the pricer cancels first.
    await f.pool.connect(f.pricer).cancel(Side.Ask, q.nonce);
    await expect(
      f.pool.connect(f.taker).fill(q, sig, usdc("4"), 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolQuoteCancelled");
    // 2. A worse ask (4.08) with a newer nonce, filled first by an accomplice for dust, retires
    //    the taker's quote: the taker's transaction reverts instead of paying more.
    const good = await f.quote(Side.Ask, REFERENCE, xyz("10"));
    const worse = await f.quote(Side.Ask, usdc("4.08"), xyz("10"));
    const goodSig = await f.sign(good);
    await f.pool
      .connect(accomplice)
      .fill(worse, await f.sign(worse), usdc("1"), 0n, await f.deadline());
    await expect(f.pool.connect(f.taker).fill(good, goodSig, usdc("4"), 0n, await f.deadline()))
      .to.be.revertedWithCustomError(f.pool, "PricerPoolStaleNonce")
      .withArgs(good.nonce, worse.nonce);
    // 3. An accomplice drains the quote first: the taker's fill reverts, its min-out intact.
    const last = await f.quote(Side.Ask, REFERENCE, xyz("1"));
    const lastSig = await f.sign(last);
    await f.pool.connect(accomplice).fill(last, lastSig, usdc("4"), 0n, await f.deadline());
    await expect(
      f.pool.connect(f.taker).fill(last, lastSig, usdc("4"), xyz("0.999"), await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolQuoteExhausted");
    expect([await f.usdc.balanceOf(f.taker), await f.xyz.balanceOf(f.taker)]).to.deep.equal(before);
  });

  it("self-dealing at the band's edge loses the pool at most the band; beyond the threshold governance slashes", async () => {
    const f = await pricerFixture();
    const accomplice = f.rest[0];
    await f.usdc.mint(accomplice, usdc("10000"));
    await f.usdc.connect(accomplice).approve(f.pool, usdc("10000"));
    await expect(f.registry.slash(f.pricer, f.pool, MIN_BOND))
      .to.be.revertedWithCustomError(f.registry, "PricerRegistryNotSlashable")
      .withArgs(f.pricer.address, await f.pool.getAddress());
    // The pricer sells XYZ at the band's bottom (3.92) to its accomplice for 10,000 USDC.
    const low = usdc("3.92");
    const q = await f.quote(Side.Ask, low, xyz("5000"));
    await f.pool
      .connect(accomplice)
      .fill(q, await f.sign(q), usdc("10000"), 0n, await f.deadline());
    const fee = usdc("10");
    const net = usdc("10000") - fee;
    const assetOut = (net * E18) / low;
    const worth = ceilDiv(assetOut * REFERENCE, E18);
    const edge = net - worth; // about -203.88 USDC
    expect(edge).to.be.lessThan(-usdc("200"));
    // Selling at R(1 - b) loses net x b / (1 - b) at most (plus a unit of rounding).
    expect(-edge).to.be.lessThanOrEqual((net * BAND_BPS) / (10_000n - BAND_BPS) + 1n);
    expect(await f.pool.pricerPnl(f.pricer)).to.equal(edge);
    expect(await f.pool.isSlashable(f.pricer)).to.equal(true);

    await expect(
      f.registry.connect(f.other).slash(f.pricer, f.pool, MIN_BOND),
    ).to.be.revertedWithCustomError(f.registry, "RoleGatedUnauthorized");
    const half = MIN_BOND / 2n;
    await expect(f.registry.slash(f.pricer, f.pool, half))
      .to.emit(f.registry, "Slashed")
      .withArgs(f.pricer.address, await f.pool.getAddress(), half);
    expect(await f.treasury.inflows(f.toke, await f.registry.SLASH_SOURCE())).to.equal(half);
    // Under-bonded now: inactive on its market.
    expect(await f.registry.isActive(f.pricer)).to.equal(false);
    const next = await f.quote(Side.Ask, REFERENCE, xyz("10"));
    await expect(
      f.pool.connect(f.taker).fill(next, await f.sign(next), usdc("4"), 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolInactivePricer");
    // Bonding back up reactivates it.
    await f.registry.connect(f.pricer).bond(half);
    await f.pool.connect(f.taker).fill(next, await f.sign(next), usdc("4"), 0n, await f.deadline());
  });

  it("unbonding waits out the delay and stays slashable meanwhile", async () => {
    const f = await pricerFixture();
    await f.registry.connect(f.pricer).requestUnbond(MIN_BOND);
    expect(await f.registry.isActive(f.pricer)).to.equal(false);
    await expect(f.registry.connect(f.pricer).withdrawUnbonded()).to.be.revertedWithCustomError(
      f.registry,
      "PricerRegistryNotReady",
    );
    // Bonded again, it loses money while the first bond is still unbonding.
    await f.registry.connect(f.pricer).bond(MIN_BOND);
    const accomplice = f.rest[0];
    await f.usdc.mint(accomplice, usdc("10000"));
    await f.usdc.connect(accomplice).approve(f.pool, usdc("10000"));
    const q = await f.quote(Side.Ask, usdc("3.92"), xyz("5000"));
    await f.pool
      .connect(accomplice)
      .fill(q, await f.sign(q), usdc("10000"), 0n, await f.deadline());
    await f.registry.slash(f.pricer, f.pool, MIN_BOND + 1n);
    const record = await f.registry.pricer(f.pricer);
    // The slash took the whole bond first, then 1 wei of the unbonding.
    expect(record.bond).to.equal(0n);
    expect(record.unbonding).to.equal(MIN_BOND - 1n);
    await f.networkHelpers.time.increase(UNBOND_DELAY);
    const before = await f.toke.balanceOf(f.pricer);
    await f.registry.connect(f.pricer).withdrawUnbonded();
    expect((await f.toke.balanceOf(f.pricer)) - before).to.equal(MIN_BOND - 1n);
  });

  it("the breaker trips only once the marked loss passes maxDrawdownBps of the capital", async () => {
    const f = await pricerFixture();
    await expect(f.pool.trip()).to.be.revertedWithCustomError(f.pool, "PricerPoolNoDrawdown");
    // The pool buys 5,000 XYZ at 4 (20,000 USDC out of its books)...
    const q = await f.quote(Side.Bid, REFERENCE, xyz("5000"));
    await f.pool.connect(f.taker).fill(q, await f.sign(q), xyz("5000"), 0n, await f.deadline());
    // ...then XYZ falls 20%: 1.6 TOKE, reference 3.2 USDC.
    await f.feed.setPrice(f.xyz, (16n * E18) / 10n);
    // P&L = 5,000 x 3.2 - 20,000 = -4,000 USDC; capital = 40,000 + 10,000 x 3.2 = 72,000;
    // 5% of it = 3,600 < 4,000: the breaker may trip.
    expect(await f.pool.markedPnl()).to.equal(-usdc("4000"));
    await expect(f.pool.connect(f.other).trip())
      .to.emit(f.pool, "BreakerTripped")
      .withArgs(f.other.address, -usdc("4000"), (usdc("72000") * MAX_DRAWDOWN_BPS) / 10_000n);
    const next = await f.quote(Side.Bid, usdc("3.2"), xyz("10"));
    await expect(
      f.pool.connect(f.taker).fill(next, await f.sign(next), xyz("1"), 0n, await f.deadline()),
    ).to.be.revertedWithCustomError(f.pool, "PricerPoolPaused");
    await expect(f.pool.connect(f.guardian).resume()).to.be.revertedWithCustomError(
      f.pool,
      "RoleGatedUnauthorized",
    );
    await f.pool.resume();
    await f.pool.connect(f.taker).fill(next, await f.sign(next), xyz("1"), 0n, await f.deadline());
  });

  it("reentering fill from a token hook is refused", async () => {
    const f = await pricerFixture();
    const hook = await f.ethers.deployContract("TestHookToken");
    const pool = await f.deployPool(await f.xyz.getAddress(), await hook.getAddress());
    await f.feed.setPrice(hook, (5n * 10n ** 17n * E18) / E18); // 0.5 TOKE per HOOK (18 dec)
    await pool.setConfig(
      BAND_BPS,
      FEE_BPS,
      xyz("1000000"),
      xyz("30000"),
      MAX_DRAWDOWN_BPS,
      SLASH_THRESHOLD,
    );
    await f.registry.listMarket(pool);
    await f.registry.enableMarket(f.pricer.address, pool);
    await hook.mint(f.treasury, xyz("1000"));
    await f.treasury.pay(hook, pool, xyz("1000"));
    await pool.recordFunding(hook, xyz("1000"));
    const attacker = await f.ethers.deployContract("PricerReentrantTaker", [pool]);
    await hook.setHooked(attacker);
    await f.xyz.mint(attacker, xyz("10"));
    await attacker.approve(f.xyz);
    const q = await f.quote(Side.Bid, 4n * E18, xyz("10"));
    await expect(
      attacker.attack(q, await signQuote(f.pricer, pool, q), xyz("1")),
    ).to.be.revertedWithCustomError(pool, "ReentrancyGuardReentrantCall");
  });

  it("role matrix: every privileged call reverts for an outsider", async () => {
    const f = await pricerFixture();
    const outsider = f.pool.connect(f.other);
    const reg = f.registry.connect(f.other);
    const denied = [
      () => outsider.setConfig(BAND_BPS, FEE_BPS, CAPACITY, 1n, MAX_DRAWDOWN_BPS, 0n),
      () => outsider.recordFunding(f.usdc, 1n),
      () => outsider.defund(f.usdc, 1n),
      () => outsider.resume(),
      () => outsider.pause(),
      () => reg.register(f.other.address),
      () => reg.deregister(f.pricer.address),
      () => reg.listMarket(f.pool),
      () => reg.enableMarket(f.pricer.address, f.pool),
      () => reg.disableMarket(f.pricer.address, f.pool),
      () => reg.setMinBond(1n),
      () => reg.setUnbondDelay(UNBOND_DELAY),
    ];
    for (const call of denied)
      await expect(call()).to.be.revertedWithCustomError(f.pool, "RoleGatedUnauthorized");
    await expect(outsider.setPricerActive(f.other.address, true))
      .to.be.revertedWithCustomError(f.pool, "PricerPoolOnlyRegistry")
      .withArgs(f.other.address);
    // The guardian pauses, and can do nothing else.
    await f.pool.connect(f.guardian).pause();
    expect((await f.pool.config()).paused).to.equal(true);
    await expect(f.pool.connect(f.guardian).defund(f.usdc, 1n)).to.be.revertedWithCustomError(
      f.pool,
      "RoleGatedUnauthorized",
    );
  });

  it("settings and registry inputs are bounded", async () => {
    const f = await pricerFixture();
    for (const args of [
      [0n, FEE_BPS, CAPACITY, 1n, MAX_DRAWDOWN_BPS, 0n],
      [2_001n, FEE_BPS, CAPACITY, 1n, MAX_DRAWDOWN_BPS, 0n],
      [BAND_BPS, 101n, CAPACITY, 1n, MAX_DRAWDOWN_BPS, 0n],
      [BAND_BPS, FEE_BPS, 2n ** 88n, 1n, MAX_DRAWDOWN_BPS, 0n],
      [BAND_BPS, FEE_BPS, CAPACITY, 2n ** 112n, MAX_DRAWDOWN_BPS, 0n],
      [BAND_BPS, FEE_BPS, CAPACITY, 1n, 0n, 0n],
      [BAND_BPS, FEE_BPS, CAPACITY, 1n, 10_001n, 0n],
      [BAND_BPS, FEE_BPS, CAPACITY, 1n, MAX_DRAWDOWN_BPS, 2n ** 103n],
    ] as const) {
      await expect(f.pool.setConfig(...args)).to.be.revertedWithCustomError(
        f.pool,
        "PricerPoolBadSetting",
      );
    }
    await expect(f.registry.setMinBond(0n)).to.be.revertedWithCustomError(
      f.registry,
      "PricerRegistryBadSetting",
    );
    await expect(f.registry.setUnbondDelay(3600n)).to.be.revertedWithCustomError(
      f.registry,
      "PricerRegistryBadSetting",
    );
    await expect(f.registry.register(f.pricer.address)).to.be.revertedWithCustomError(
      f.registry,
      "PricerRegistryRegistration",
    );
    await expect(f.registry.connect(f.other).bond(MIN_BOND)).to.be.revertedWithCustomError(
      f.registry,
      "PricerRegistryRegistration",
    );
    await expect(f.registry.listMarket(f.pool)).to.be.revertedWithCustomError(
      f.registry,
      "PricerRegistryMarket",
    );
    const foreign = await f.ethers.deployContract("PricerRegistry", [
      f.roles,
      f.toke,
      f.treasury,
      MIN_BOND,
      UNBOND_DELAY,
    ]);
    const stray = await f.ethers.deployContract("PricerPool", [
      f.roles,
      foreign,
      f.feed,
      f.manager,
      f.treasury,
      f.xyz,
      f.usdc,
    ]);
    await expect(f.registry.listMarket(stray)).to.be.revertedWithCustomError(
      f.registry,
      "PricerRegistryMarket",
    );
    await expect(f.registry.enableMarket(f.pricer.address, f.pool)).to.be.revertedWithCustomError(
      f.registry,
      "PricerRegistryEnabled",
    );
    await f.registry.disableMarket(f.pricer.address, f.pool);
    expect((await f.pool.lane(f.pricer, Side.Ask)).active).to.equal(false);
    await f.registry.enableMarket(f.pricer.address, f.pool);
    await f.registry.deregister(f.pricer.address);
    expect((await f.pool.lane(f.pricer, Side.Bid)).active).to.equal(false);
    expect(await f.registry.marketsOf(f.pricer)).to.deep.equal([await f.pool.getAddress()]);
    expect(FUND_XYZ + FUND_USDC).to.be.greaterThan(0n);
  });
});
