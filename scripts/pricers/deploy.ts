// Deploys pricer markets next to a deployed system: the registry (once) and one PricerPool per
// (asset, base), configured, listed and funded by the Treasury through governance's payout path
// (`Treasury.pay` then `PricerPool.recordFunding`, one governance batch on a public network;
// here governance is the deployer, as on every local chain).
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { MaxUint256 } from "ethers";
import {
  PricerPool__factory,
  PricerRegistry__factory,
  type PricerPool,
  type PricerRegistry,
} from "../../typechain-types/index.js";
import type { System } from "../lib/system.js";

/** A market's settings (IPricerPool.setConfig), raw units of its base and asset. */
export interface MarketConfig {
  readonly bandBps: bigint;
  readonly feeBps: bigint;
  readonly capacity: bigint;
  readonly maxInventory: bigint;
  readonly maxDrawdownBps: bigint;
  readonly slashThreshold: bigint;
}

export interface PricerDeployment {
  readonly registry: PricerRegistry;
  readonly pools: PricerPool[];
}

/** Deploys the registry (TOKE bonds of at least `minBond`, unbonding after `unbondDelay` s). */
export async function deployRegistry(
  system: System,
  minBond: bigint,
  unbondDelay: bigint,
  governance: HardhatEthersSigner = system.signer,
): Promise<PricerRegistry> {
  const registry = await new PricerRegistry__factory(governance).deploy(
    system.roles,
    system.toke,
    system.treasury,
    minBond,
    unbondDelay,
  );
  await registry.waitForDeployment();
  return registry;
}

/** Deploys, configures and lists a market of `asset` against `base`, funded from the Treasury. */
export async function deployMarket(
  system: System,
  registry: PricerRegistry,
  asset: string,
  base: string,
  config: MarketConfig,
  funding: { readonly asset: bigint; readonly base: bigint },
  governance: HardhatEthersSigner = system.signer,
): Promise<PricerPool> {
  const pool = await new PricerPool__factory(governance).deploy(
    system.roles,
    registry,
    system.priceFeed,
    system.manager,
    system.treasury,
    asset,
    base,
  );
  await pool.waitForDeployment();
  await (
    await pool.setConfig(
      config.bandBps,
      config.feeBps,
      config.capacity,
      config.maxInventory,
      config.maxDrawdownBps,
      config.slashThreshold,
    )
  ).wait();
  await (await registry.connect(governance).listMarket(pool)).wait();
  for (const [token, amount] of [
    [asset, funding.asset],
    [base, funding.base],
  ] as const) {
    if (amount === 0n) continue;
    await (await system.treasury.connect(governance).pay(token, pool, amount)).wait();
    await (await pool.recordFunding(token, amount)).wait();
  }
  return pool;
}

/** Registers `pricer`, bonds `bond` TOKE from it (it must hold them) and enables it on `pools`. */
export async function onboardPricer(
  registry: PricerRegistry,
  pricer: HardhatEthersSigner,
  bond: bigint,
  pools: readonly PricerPool[],
  system: System,
  governance: HardhatEthersSigner = system.signer,
): Promise<void> {
  await (await registry.connect(governance).register(pricer.address)).wait();
  await (await system.toke.connect(pricer).approve(registry, MaxUint256)).wait();
  await (await registry.connect(pricer).bond(bond)).wait();
  for (const pool of pools)
    await (await registry.connect(governance).enableMarket(pricer.address, pool)).wait();
}

/** Handles to a deployed registry and its markets, from their addresses. */
export async function attachPricers(
  system: System,
  registryAddress: string,
): Promise<PricerDeployment> {
  const runner = system.signer;
  const registry = PricerRegistry__factory.connect(registryAddress, runner);
  const pools = (await registry.markets()).map((a) => PricerPool__factory.connect(a, runner));
  return { registry, pools };
}
