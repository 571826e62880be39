import type { Signer } from "ethers";
import type {
  EmissionController,
  LDStaking,
  LDVoteRelay,
  PriceFeed,
  Reactor,
  Toke,
  VenueRegistry,
} from "../../typechain-types/index.js";
import { deployCore, rollover, type Connection } from "./core.js";

/** 1e18: one whole token of 18 decimals, and the price scale (1:1). */
export const E18 = 10n ** 18n;
/** Basis points in a whole. */
export const BPS = 10_000n;
/** Seconds a price stays fresh in the test feed (more than one 7-day cycle). */
export const PRICE_MAX_AGE = 8n * 24n * 3600n;
/** The keeper's shortest interval between two posts of a price (the feed's floor: 15 minutes). */
export const PRICE_POST_INTERVAL = 900n;

/** Parameters of the test deployment. */
export interface DirectorsParams {
  /** TOKE drawn from the reserve per cycle, wei. */
  emissionPerCycle: bigint;
  /** Balance floor F, basis points. */
  floorBps: bigint;
  /** TOKE put in the reserve, wei. */
  reserve: bigint;
  /** TOKE wei per WETH wei, 1e18-scaled (100e18: 1 WETH = 100 TOKE). */
  wethPrice: bigint;
  /** TOKE wei per USDC wei (6 decimals), 1e18-scaled (5e29: 1 USDC = 0.5 TOKE). */
  usdcPrice: bigint;
}

export const DEFAULT_PARAMS: DirectorsParams = {
  emissionPerCycle: 1_000n * E18,
  floorBps: 2_500n,
  reserve: 1_000_000n * E18,
  wethPrice: 100n * E18,
  usdcPrice: 5n * 10n ** 29n,
};

/**
 * The core (deployCore) plus TOKE, its Reactor (the pooled LD option), the venue registry, LD
 * staking with its vote relay, the price feed and the emission controller, wired: the controller
 * is the cycle manager's emission hook, every Reactor's rewards distributor and the staking
 * ledger's settler; tWETH and tUSDC are listed for staking; the reserve is funded; tTOKE is the
 * pooled option unless `options.setPoolReactor` is false.
 * TOKE supply: 10M to governance (signer 0), 100k to each user.
 */
export async function deployDirectors(
  conn: Connection,
  params: DirectorsParams = DEFAULT_PARAMS,
  options: { setPoolReactor: boolean } = { setPoolReactor: true },
) {
  const core = await deployCore(conn);
  const { ethers, governance, users, roles, manager, weth, usdc, tWeth, tUsdc, deployReactor } =
    core;
  const rolesAddress = await roles.getAddress();

  const toke = (await ethers.deployContract("Toke", [
    [governance.address, ...users.map((u) => u.address)],
    [10_000_000n * E18, ...users.map(() => 100_000n * E18)],
  ])) as unknown as Toke;
  const tokeAddress = await toke.getAddress();
  const tToke = await deployReactor(tokeAddress);
  await manager.addReactor(await tToke.getAddress());

  const venues = (await ethers.deployContract("VenueRegistry", [
    rolesAddress,
    await manager.getAddress(),
  ])) as unknown as VenueRegistry;
  const staking = (await ethers.deployContract("LDStaking", [
    rolesAddress,
    tokeAddress,
    await manager.getAddress(),
    await venues.getAddress(),
  ])) as unknown as LDStaking;
  const relay = (await ethers.getContractAt(
    "LDVoteRelay",
    await staking.relay(),
  )) as unknown as LDVoteRelay;
  const feed = (await ethers.deployContract("PriceFeed", [
    rolesAddress,
    tokeAddress,
    PRICE_MAX_AGE,
    2_000n,
    PRICE_POST_INTERVAL,
  ])) as unknown as PriceFeed;
  const controller = (await ethers.deployContract("EmissionController", [
    rolesAddress,
    tokeAddress,
    await manager.getAddress(),
    await staking.getAddress(),
    await feed.getAddress(),
    params.emissionPerCycle,
    params.floorBps,
  ])) as unknown as EmissionController;
  const controllerAddress = await controller.getAddress();

  await staking.setController(controllerAddress);
  for (const r of [tWeth, tUsdc, tToke]) await r.setRewardsDistributor(controllerAddress);
  await manager.setEmissionHook(controllerAddress);
  if (options.setPoolReactor) await controller.setPoolReactor(await tToke.getAddress());
  await staking.listReactor(await tWeth.getAddress());
  await staking.listReactor(await tUsdc.getAddress());
  await feed.setPrice(await weth.getAddress(), params.wethPrice);
  await feed.setPrice(await usdc.getAddress(), params.usdcPrice);
  await toke.approve(controllerAddress, params.reserve);
  await controller.fund(params.reserve);

  return { ...core, toke, tToke, venues, staking, relay, feed, controller, params };
}

export type Directors = Awaited<ReturnType<typeof deployDirectors>>;

/** Approves `spender` for all of `signer`'s TOKE. */
export async function approveToke(d: Directors, signer: Signer, spender: string): Promise<void> {
  await d.toke.connect(signer).approve(spender, d.ethers.MaxUint256);
}

/** Mints `amount` of the Reactor's asset to `signer` (WETH by wrapping ETH) and deposits it. */
export async function depositTo(
  d: Directors,
  reactor: Reactor,
  signer: Signer,
  amount: bigint,
): Promise<void> {
  const address = await signer.getAddress();
  const reactorAddress = await reactor.getAddress();
  if (reactorAddress === (await d.tWeth.getAddress())) {
    await d.weth.connect(signer).deposit({ value: amount });
    await d.weth.connect(signer).approve(reactorAddress, amount);
  } else if (reactorAddress === (await d.tUsdc.getAddress())) {
    await d.usdc.mint(address, amount);
    await d.usdc.connect(signer).approve(reactorAddress, amount);
  } else {
    await d.toke.connect(signer).approve(reactorAddress, amount);
  }
  await reactor.connect(signer).deposit(amount, address);
}

/** Venue ids are bytes32 labels. */
export function venueId(d: Directors, label: string): string {
  return d.ethers.encodeBytes32String(label);
}

/**
 * Runs a full rollover (see core's `rollover`) after the keeper re-posts the current prices, as
 * the price keeper does each cycle (the feed's prices go stale after PRICE_MAX_AGE).
 */
export async function rolloverWithPrices(conn: Connection, d: Directors): Promise<void> {
  const end = await d.manager.cycleEnd();
  const now = BigInt(await conn.networkHelpers.time.latest());
  if (now < end) await conn.networkHelpers.time.increaseTo(end);
  for (const asset of [d.weth, d.usdc]) {
    const address = await asset.getAddress();
    const { price } = await d.feed.priceData(address);
    await d.feed.connect(d.keeper).postPrice(address, price);
  }
  await rollover(conn, d.manager);
}
