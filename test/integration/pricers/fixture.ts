// A pricer market on the real core contracts: roles (signer 0 governs, 1 guards, 2 keeps), a
// cycle manager, the Treasury, TOKE, the PriceFeed, the registry and one PricerPool for XYZ (an
// 18-decimal asset with no AMM) against USDC (6 decimals). The feed prices XYZ at 2 TOKE and
// USDC at 0.5 TOKE per whole unit, so the reference is 4 USDC per XYZ.
import { network } from "hardhat";
import { MaxUint256, parseEther, parseUnits } from "ethers";
import type {
  CycleManager,
  PriceFeed,
  PricerPool,
  PricerRegistry,
  ProtocolRoles,
  Toke,
  Treasury,
} from "../../../typechain-types/index.js";
import type { TestERC20 } from "../../helpers/test-contracts.js";
import {
  PRICE_SCALE,
  Side,
  signQuote,
  type Quote,
  type SideValue,
} from "../../../scripts/pricers/quote.js";

export const CYCLE_SECONDS = 7n * 24n * 3600n;
/** 4 USDC (6 decimals) per XYZ (18 decimals), raw base per raw asset, 1e18-scaled. */
export const REFERENCE = (4n * 10n ** 6n * PRICE_SCALE) / 10n ** 18n;
export const BAND_BPS = 200n;
export const FEE_BPS = 10n;
export const CAPACITY = parseUnits("100000", 6);
export const MAX_INVENTORY = parseEther("30000");
export const MAX_DRAWDOWN_BPS = 500n;
export const SLASH_THRESHOLD = parseUnits("100", 6);
export const MIN_BOND = parseEther("1000");
export const UNBOND_DELAY = 7n * 24n * 3600n;
export const FUND_XYZ = parseEther("10000");
export const FUND_USDC = parseUnits("40000", 6);

export async function pricerFixture() {
  const connection = await network.create();
  const { ethers, networkHelpers } = connection;
  const [governance, guardian, keeper, pricer, taker, other, ...rest] = await ethers.getSigners();
  const roles = (await ethers.deployContract("ProtocolRoles", [
    governance.address,
  ])) as unknown as ProtocolRoles;
  await roles.grantRole(await roles.GUARDIAN_ROLE(), guardian.address);
  await roles.grantRole(await roles.KEEPER_ROLE(), keeper.address);
  const start = BigInt(await networkHelpers.time.latest());
  const manager = (await ethers.deployContract("CycleManager", [
    roles,
    start,
    CYCLE_SECONDS,
  ])) as unknown as CycleManager;
  const treasury = (await ethers.deployContract("Treasury", [roles])) as unknown as Treasury;
  const toke = (await ethers.deployContract("Toke", [
    [governance.address],
    [parseEther("1000000")],
  ])) as unknown as Toke;
  const feed = (await ethers.deployContract("PriceFeed", [
    roles,
    toke,
    24n * 3600n,
    1_000n,
    900n,
  ])) as unknown as PriceFeed;
  const newToken = async (symbol: string, decimals: number) =>
    (await ethers.deployContract("TestERC20", [symbol, symbol, decimals])) as unknown as TestERC20;
  const xyz = await newToken("XYZ", 18);
  const usdc = await newToken("USDC", 6);
  // TOKE wei per raw unit, 1e18-scaled: 2 TOKE per XYZ; 0.5 TOKE per USDC (1e6 raw).
  await feed.setPrice(xyz, 2n * PRICE_SCALE);
  await feed.setPrice(usdc, (5n * 10n ** 17n * 10n ** 18n) / 10n ** 6n);

  const registry = (await ethers.deployContract("PricerRegistry", [
    roles,
    toke,
    treasury,
    MIN_BOND,
    UNBOND_DELAY,
  ])) as unknown as PricerRegistry;
  const deployPool = async (asset: string, base: string) =>
    (await ethers.deployContract("PricerPool", [
      roles,
      registry,
      feed,
      manager,
      treasury,
      asset,
      base,
    ])) as unknown as PricerPool;
  const pool = await deployPool(await xyz.getAddress(), await usdc.getAddress());
  await pool.setConfig(
    BAND_BPS,
    FEE_BPS,
    CAPACITY,
    MAX_INVENTORY,
    MAX_DRAWDOWN_BPS,
    SLASH_THRESHOLD,
  );
  await registry.listMarket(pool);

  // Treasury capital: minted to the Treasury (as if earned), paid and booked in one step each.
  await xyz.mint(treasury, FUND_XYZ);
  await usdc.mint(treasury, FUND_USDC);
  for (const [token, amount] of [
    [xyz, FUND_XYZ],
    [usdc, FUND_USDC],
  ] as const) {
    await treasury.pay(token, pool, amount);
    await pool.recordFunding(token, amount);
  }

  // The pricer: registered, bonded, enabled.
  await registry.register(pricer.address);
  await toke.transfer(pricer.address, MIN_BOND * 2n);
  await toke.connect(pricer).approve(registry, MaxUint256);
  await registry.connect(pricer).bond(MIN_BOND);
  await registry.enableMarket(pricer.address, pool);

  // The taker holds both tokens and approved the pool once for the maximum.
  await xyz.mint(taker.address, parseEther("100000"));
  await usdc.mint(taker.address, parseUnits("1000000", 6));
  await xyz.connect(taker).approve(pool, MaxUint256);
  await usdc.connect(taker).approve(pool, MaxUint256);

  const now = async () => BigInt(await networkHelpers.time.latest());
  let nonce = 0n;
  /** A fresh quote from `pricer` (a new lane nonce each time), valid for an hour. */
  const quote = async (side: SideValue, price: bigint, size: bigint, over: Partial<Quote> = {}) => {
    nonce += 1n;
    return {
      pricer: pricer.address,
      side,
      price,
      size,
      expiry: (await now()) + 3600n,
      nonce,
      ...over,
    };
  };
  const sign = (q: Quote, signer = pricer) => signQuote(signer, pool, q);
  const deadline = async () => (await now()) + 600n;

  return {
    connection,
    ethers,
    networkHelpers,
    governance,
    guardian,
    keeper,
    pricer,
    taker,
    other,
    rest,
    roles,
    manager,
    treasury,
    toke,
    feed,
    xyz,
    usdc,
    registry,
    pool,
    deployPool,
    quote,
    sign,
    deadline,
    now,
    Side,
  };
}
