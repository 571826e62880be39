// Gas of pricer fills: a PricerPool for XYZ (an 18-decimal asset with no AMM) against USDC, and
// one against TOKE, on the system deployed by deploySystem. The taker already holds both tokens
// and approved the pool for the maximum (as wallets do), so the figures measure the pool.
import { network } from "hardhat";
import { MaxUint256, parseEther, parseUnits } from "ethers";
import { deploySystem } from "../lib/system.js";
import { deployMarket, deployRegistry, onboardPricer } from "../pricers/deploy.js";
import { PRICE_SCALE, Side, signQuote, type Quote } from "../pricers/quote.js";
import { gasOf, testToken, type GasRow, type GasScenario } from "./measure.js";

const CONFIG = {
  bandBps: 200n,
  feeBps: 10n,
  capacity: parseUnits("100000000", 18),
  maxInventory: parseEther("1000000"),
  maxDrawdownBps: 1_000n,
  slashThreshold: parseUnits("1000", 6),
};

export const pricerFills: GasScenario = {
  group: "Pricers: fills",
  async run() {
    const system = await deploySystem(await network.create());
    const rows: GasRow[] = [];
    const row = (id: string, label: string, gasUsed: bigint) =>
      rows.push({ id, group: this.group, label, gasUsed });
    const { ethers, networkHelpers } = system.connection;
    const [, pricer, taker] = await ethers.getSigners();
    const deployed = await ethers.deployContract("TestERC20", ["XYZ", "XYZ", 18], system.signer);
    const xyz = await testToken(system, await deployed.getAddress());
    // 2 TOKE per XYZ; USDC and TOKE keep the feed's prices set at deployment.
    await (await system.priceFeed.setPrice(xyz, 2n * PRICE_SCALE)).wait();
    const usdc = await testToken(system, await system.assets.USDC.getAddress());
    await (await xyz.mint(system.treasury, parseEther("100000"))).wait();
    await (await usdc.mint(system.treasury, parseUnits("100000", 6))).wait();
    const registry = await deployRegistry(system, parseEther("100"), 7n * 86_400n);
    const toUsdc = await deployMarket(
      system,
      registry,
      await xyz.getAddress(),
      await usdc.getAddress(),
      CONFIG,
      {
        asset: parseEther("50000"),
        base: parseUnits("100000", 6),
      },
    );
    await (
      await system.toke.connect(system.signer).transfer(system.treasury, parseEther("100000"))
    ).wait();
    const toToke = await deployMarket(
      system,
      registry,
      await xyz.getAddress(),
      system.addresses.toke,
      CONFIG,
      {
        asset: parseEther("50000"),
        base: parseEther("100000"),
      },
    );
    await (
      await system.toke.connect(system.signer).transfer(pricer.address, parseEther("100"))
    ).wait();
    await onboardPricer(registry, pricer, parseEther("100"), [toUsdc, toToke], system);
    await (await xyz.mint(taker.address, parseEther("100000"))).wait();
    await (await usdc.mint(taker.address, parseUnits("1000000", 6))).wait();
    await (
      await system.toke.connect(system.signer).transfer(taker.address, parseEther("100000"))
    ).wait();
    for (const pool of [toUsdc, toToke]) {
      await (await xyz.connect(taker).approve(pool, MaxUint256)).wait();
      await (await usdc.connect(taker).approve(pool, MaxUint256)).wait();
      await (await system.toke.connect(taker).approve(pool, MaxUint256)).wait();
    }

    let nonce = 0n;
    const now = async () => BigInt(await networkHelpers.time.latest());
    const quote = async (side: Quote["side"], price: bigint): Promise<Quote> => ({
      pricer: pricer.address,
      side,
      price,
      size: parseEther("10000"),
      expiry: (await now()) + 3_600n,
      nonce: ++nonce,
    });
    const deadline = async () => (await now()) + 600n;

    for (const [pool, tag, label] of [
      [toUsdc, "usdc", "XYZ/USDC"],
      [toToke, "toke", "XYZ/TOKE"],
    ] as const) {
      const ref = await pool.referencePrice();
      const baseIn = tag === "usdc" ? parseUnits("40", 6) : parseEther("20");
      // Warm-up fills: the capacity counter, the lanes and the taker's balances exist.
      const ask = await quote(Side.Ask, ref);
      const askSig = await signQuote(pricer, pool, ask);
      await (await pool.connect(taker).fill(ask, askSig, baseIn, 0n, await deadline())).wait();
      const bid = await quote(Side.Bid, ref);
      const bidSig = await signQuote(pricer, pool, bid);
      await (
        await pool.connect(taker).fill(bid, bidSig, parseEther("5"), 0n, await deadline())
      ).wait();
      row(
        `pricer.fill.ask.${tag}`,
        `fill an ask (signed quote, partial), ${label}`,
        await gasOf(pool.connect(taker).fill(ask, askSig, baseIn, 0n, await deadline())),
      );
      row(
        `pricer.fill.bid.${tag}`,
        `fill a bid (signed quote, partial), ${label}`,
        await gasOf(pool.connect(taker).fill(bid, bidSig, parseEther("5"), 0n, await deadline())),
      );
      if (tag === "usdc") {
        const next = await quote(Side.Ask, ref);
        row(
          "pricer.fill.ask.newQuote",
          "fill an ask: first fill of a newer quote in the lane, XYZ/USDC",
          await gasOf(
            pool
              .connect(taker)
              .fill(next, await signQuote(pricer, pool, next), baseIn, 0n, await deadline()),
          ),
        );
        const posted = await quote(Side.Ask, ref);
        await (await pool.connect(pricer).postQuote(posted)).wait();
        await (await pool.connect(taker).fill(posted, "0x", baseIn, 0n, await deadline())).wait();
        row(
          "pricer.fill.ask.posted",
          "fill an ask (on-chain quote, no signature), XYZ/USDC",
          await gasOf(pool.connect(taker).fill(posted, "0x", baseIn, 0n, await deadline())),
        );
      }
    }
    return rows;
  },
};
