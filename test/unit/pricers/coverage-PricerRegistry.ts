// Coverage of PricerRegistry's remaining guards and views (and PricerPool's address checks), on
// the real pricer market of test/integration/pricers/fixture.ts: zero addresses, amounts out of
// the uint96 range, a bond larger than held, a fee-on-transfer bond token, the per-pricer market
// cap, a slash that finds nothing to take.
import { expect } from "chai";
import { parseEther, parseUnits } from "ethers";
import { Side } from "../../../scripts/pricers/quote.js";
import { MIN_BOND, pricerFixture, UNBOND_DELAY } from "../../integration/pricers/fixture.js";

const MAX96 = 2n ** 96n - 1n;
/** TestFeeToken burns 1% of every transfer between two accounts. */
const FEE_BPS = 100n;
const BPS = 10_000n;

type F = Awaited<ReturnType<typeof pricerFixture>>;

/** The pricer sells 5,000 XYZ at the band's bottom to an accomplice: its PnL falls below the
 *  slash threshold (see attacks.ts), so the registry may slash it. */
async function makeSlashable(f: F): Promise<void> {
  const accomplice = f.rest[0];
  await f.usdc.mint(accomplice, parseUnits("10000", 6));
  await f.usdc.connect(accomplice).approve(f.pool, parseUnits("10000", 6));
  const q = await f.quote(Side.Ask, parseUnits("3.92", 6), parseEther("5000"));
  await f.pool
    .connect(accomplice)
    .fill(q, await f.sign(q), parseUnits("10000", 6), 0n, await f.deadline());
  expect(await f.pool.isSlashable(f.pricer)).to.equal(true);
}

describe("coverage: PricerRegistry guards and views", () => {
  let f: F;
  let snapshot: { restore(): Promise<void> };
  before(async () => {
    f = await pricerFixture();
    snapshot = await f.networkHelpers.takeSnapshot();
  });
  afterEach(async () => {
    await snapshot.restore();
  });

  it("refuses a zero TOKE or Treasury at deployment, and a zero pricer or market", async () => {
    const factory = await f.ethers.getContractFactory("PricerRegistry");
    const zero = f.ethers.ZeroAddress;
    for (const [toke, treasury] of [
      [zero, await f.treasury.getAddress()],
      [await f.toke.getAddress(), zero],
    ]) {
      await expect(
        factory.deploy(await f.roles.getAddress(), toke, treasury, MIN_BOND, UNBOND_DELAY),
      ).to.be.revertedWithCustomError(factory, "PricerRegistryZeroAddress");
    }
    await expect(f.registry.register(zero)).to.be.revertedWithCustomError(
      f.registry,
      "PricerRegistryZeroAddress",
    );
    await expect(f.registry.listMarket(zero)).to.be.revertedWithCustomError(
      f.registry,
      "PricerRegistryZeroAddress",
    );
    expect(await f.registry.markets()).to.deep.equal([await f.pool.getAddress()]);
  });

  it("reads back its wiring, parameters and the pricer's markets", async () => {
    expect(await f.registry.toke()).to.equal(await f.toke.getAddress());
    expect(await f.registry.treasury()).to.equal(await f.treasury.getAddress());
    expect(await f.registry.minBond()).to.equal(MIN_BOND);
    expect(await f.registry.unbondDelay()).to.equal(UNBOND_DELAY);
    expect(await f.registry.isMarket(f.pool)).to.equal(true);
    expect(await f.registry.marketsOf(f.pricer)).to.deep.equal([await f.pool.getAddress()]);
    const record = await f.registry.pricer(f.pricer);
    expect([record.registered, record.bond, record.unbonding]).to.deep.equal([true, MIN_BOND, 0n]);
  });

  it("bounds every bond amount to (0, 2**96) and bond plus unbonding below 2**96", async () => {
    const r = f.registry.connect(f.pricer);
    await expect(r.bond(0n))
      .to.be.revertedWithCustomError(f.registry, "PricerRegistryBadAmount")
      .withArgs(0n);
    await expect(r.bond(MAX96 + 1n))
      .to.be.revertedWithCustomError(f.registry, "PricerRegistryBadAmount")
      .withArgs(MAX96 + 1n);
    // MIN_BOND is bonded already: MAX96 more would pass 2**96 in total, checked before any transfer.
    await expect(r.bond(MAX96))
      .to.be.revertedWithCustomError(f.registry, "PricerRegistryBadAmount")
      .withArgs(MAX96 + MIN_BOND);
    await expect(r.requestUnbond(0n))
      .to.be.revertedWithCustomError(f.registry, "PricerRegistryBadAmount")
      .withArgs(0n);
    expect((await f.registry.pricer(f.pricer)).bond).to.equal(MIN_BOND);
  });

  it("refuses to unbond more than is bonded, and a withdrawal with nothing unbonding", async () => {
    const r = f.registry.connect(f.pricer);
    await expect(r.requestUnbond(MIN_BOND + 1n))
      .to.be.revertedWithCustomError(f.registry, "PricerRegistryInsufficientBond")
      .withArgs(f.pricer.address, MIN_BOND + 1n, MIN_BOND);
    await expect(r.withdrawUnbonded())
      .to.be.revertedWithCustomError(f.registry, "PricerRegistryBadAmount")
      .withArgs(0n);
    // Half unbonds; the rest stays bonded and the pricer drops below the minimum.
    await r.requestUnbond(MIN_BOND / 2n);
    const record = await f.registry.pricer(f.pricer);
    expect([record.bond, record.unbonding]).to.deep.equal([MIN_BOND / 2n, MIN_BOND / 2n]);
    expect(await f.registry.isActive(f.pricer)).to.equal(false);
  });

  it("refuses a bond token that delivers less than the amount (fee on transfer)", async () => {
    const feeToken = await f.ethers.deployContract("TestFeeToken");
    const registry = await f.ethers.deployContract("PricerRegistry", [
      f.roles,
      feeToken,
      f.treasury,
      MIN_BOND,
      UNBOND_DELAY,
    ]);
    await registry.getFunction("register")(f.pricer.address);
    await feeToken.getFunction("mint")(f.pricer.address, MIN_BOND);
    await (feeToken.connect(f.pricer) as typeof feeToken).getFunction("approve")(
      await registry.getAddress(),
      MIN_BOND,
    );
    const received = MIN_BOND - (MIN_BOND * FEE_BPS) / BPS;
    await expect((registry.connect(f.pricer) as typeof registry).getFunction("bond")(MIN_BOND))
      .to.be.revertedWithCustomError(registry, "PricerRegistryTransferShortfall")
      .withArgs(MIN_BOND, received);
    expect((await registry.getFunction("pricer")(f.pricer.address)).bond).to.equal(0n);
  });

  it("enables a pricer on at most MAX_MARKETS_PER_PRICER markets, once each", async () => {
    const max = await f.registry.MAX_MARKETS_PER_PRICER();
    await expect(f.registry.enableMarket(f.pricer, f.pool))
      .to.be.revertedWithCustomError(f.registry, "PricerRegistryEnabled")
      .withArgs(f.pricer.address, await f.pool.getAddress(), true);
    const pools = [];
    for (let i = 1n; i <= max; ++i) {
      const asset = await f.ethers.deployContract("TestERC20", [`A${i}`, `A${i}`, 18]);
      const pool = await f.deployPool(await asset.getAddress(), await f.usdc.getAddress());
      await f.registry.listMarket(pool);
      pools.push(pool);
    }
    // One market was enabled by the fixture: max - 1 more fill the list.
    for (const pool of pools.slice(0, Number(max) - 1))
      await f.registry.enableMarket(f.pricer, pool);
    expect(await f.registry.marketsOf(f.pricer)).to.have.length(Number(max));
    const last = pools[pools.length - 1];
    await expect(f.registry.enableMarket(f.pricer, last))
      .to.be.revertedWithCustomError(f.registry, "PricerRegistryTooManyMarkets")
      .withArgs(f.pricer.address, max);
    // Disabling one frees a place; disabling it twice is refused.
    await expect(f.registry.disableMarket(f.pricer, pools[0]))
      .to.emit(f.registry, "MarketEnabled")
      .withArgs(f.pricer.address, await pools[0].getAddress(), false);
    await expect(f.registry.disableMarket(f.pricer, pools[0]))
      .to.be.revertedWithCustomError(f.registry, "PricerRegistryEnabled")
      .withArgs(f.pricer.address, await pools[0].getAddress(), false);
    await expect(f.registry.enableMarket(f.pricer, last))
      .to.emit(last, "PricerActiveSet")
      .withArgs(f.pricer.address, true);
  });

  it("refuses a slash that would take nothing: a zero amount, or once bond and unbonding are gone", async () => {
    await makeSlashable(f);
    await expect(f.registry.slash(f.pricer, f.pool, 0n))
      .to.be.revertedWithCustomError(f.registry, "PricerRegistryBadAmount")
      .withArgs(0n);
    await f.registry.slash(f.pricer, f.pool, MIN_BOND);
    expect((await f.registry.pricer(f.pricer)).bond).to.equal(0n);
    await expect(f.registry.slash(f.pricer, f.pool, 1n))
      .to.be.revertedWithCustomError(f.registry, "PricerRegistryBadAmount")
      .withArgs(1n);
    expect(await f.treasury.inflows(f.toke, await f.registry.SLASH_SOURCE())).to.equal(MIN_BOND);
  });
});

describe("coverage: PricerPool address checks", () => {
  it("refuses a zero base, and an asset equal to the base", async () => {
    const f = await pricerFixture();
    const factory = await f.ethers.getContractFactory("PricerPool");
    const common = [f.roles, f.registry, f.feed, f.manager, f.treasury] as const;
    await expect(factory.deploy(...common, f.xyz, f.ethers.ZeroAddress))
      .to.be.revertedWithCustomError(factory, "PricerPoolBadAddress")
      .withArgs(f.ethers.ZeroAddress);
    await expect(factory.deploy(...common, f.xyz, f.xyz))
      .to.be.revertedWithCustomError(factory, "PricerPoolBadAddress")
      .withArgs(f.ethers.ZeroAddress);
    // A lane nonce is 48 bits: a larger cancel is refused, a valid one moves the lane.
    const tooBig = 2n ** 48n;
    await expect(f.pool.connect(f.pricer).cancel(Side.Ask, tooBig))
      .to.be.revertedWithCustomError(f.pool, "PricerPoolBadQuote")
      .withArgs(0n, 0n, tooBig);
  });
});
