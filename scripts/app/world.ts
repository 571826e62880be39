// The wallet app's local world: the demo's chain (DEX world + protocol through the Ignition
// modules, seeded venue pools, a few cycles played by the demo's LPs, LDs, traders and keeper),
// served over JSON-RPC on 127.0.0.1 so that a browser can reach it, and the app's config.json
// (the deployment's address book + chain + RPC) written for the app to read.
import { rm } from "node:fs/promises";
import type { AppConfig } from "../../app/src/config-types.js";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { network } from "hardhat";
import { fund, units } from "../demo/market.js";
import { runSimulation } from "../demo/simulation.js";
import { deployLaunch, deployLaunchPools } from "../lib/launch.js";
import {
  deploySystem,
  ignitionDeploymentDir,
  writeAddressBook,
  type Connection,
  type System,
  type SystemAddresses,
} from "../lib/system.js";

/** config.json as the app reads it, on this chain (RPC and dev wallet always present). */
export type AppConfigFile = AppConfig & { readonly rpcUrl: string; readonly devAccount: string };

export interface AppWorld {
  readonly url: string;
  readonly connection: Connection;
  readonly system: System;
  readonly config: AppConfigFile;
  /** The account the dev wallet starts on, funded with every asset (not used by the demo). */
  readonly user: HardhatEthersSigner;
  rpc(method: string, params?: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

export interface AppWorldOptions {
  /** Demo cycles to play before the app opens (each ends with a rollover). */
  readonly cycles: number;
  readonly swapsPerCycle?: number;
  readonly seed?: number;
  /** Writes config.json here (the address book's format inside). */
  readonly configFile: string;
  readonly onProgress?: (message: string) => void;
  /** Also deploy the launch (DeGenesis, its Genesis pools, the public pools), window open. */
  readonly launch?: boolean;
}

/** Hardhat's account the demo leaves alone (signers 1-17 and the last play roles in it). */
const USER_INDEX = 18;
/** What the user account gets of each asset, in whole tokens. */
const USER_FUNDS: Readonly<Record<string, number>> = {
  WETH: 20,
  USDC: 50_000,
  ALCX: 1_000,
  FXS: 5_000,
  TOKE: 100_000,
};

const USER_ETHER = 10_000n * 10n ** 18n;

let worlds = 0;

export async function startAppWorld(options: AppWorldOptions): Promise<AppWorld> {
  const say = options.onProgress ?? (() => {});
  const server = await network.createServer("default", "127.0.0.1", 0);
  const { address, port } = await server.listen();
  const url = `http://${address}:${port}`;
  const connection = await network.create({ network: "localhost", override: { url } });
  const deploymentId = `app-${process.pid}-${++worlds}`;
  say("deploying the DEX world and the protocol (Ignition)…");
  const system = await deploySystem(connection, { deploymentId });
  say(`playing ${options.cycles} demo cycles…`);
  await runSimulation(system, {
    cycles: options.cycles,
    seed: options.seed ?? 7,
    swapsPerCycle: options.swapsPerCycle ?? 6,
    onCycle: (record) => say(`cycle ${record.cycle} rolled over`),
  });
  const signers = await connection.ethers.getSigners();
  const user = signers[USER_INDEX];
  for (const [symbol, amount] of Object.entries(USER_FUNDS)) {
    if (system.assets[symbol] === undefined) continue;
    await fund(system, symbol, user, units(amount, Number(await system.assets[symbol].decimals())));
  }
  const launch = options.launch
    ? await launchBook(
        system,
        deploymentId,
        signers.slice(0, USER_INDEX + 1).map((s) => s.address),
      )
    : undefined;
  // Funding WETH tops the account's ether up to a billion; a round 10,000 ETH reads better.
  await connection.networkHelpers.setBalance(user.address, USER_ETHER);
  const config: AppConfigFile = {
    chainId: system.addresses.chainId,
    chainName: `Local Hardhat chain`,
    rpcUrl: url,
    addresses: system.addresses,
    devWallet: true,
    devAccount: user.address,
    ...(launch === undefined ? {} : { launch }),
  };
  // The file holds the address book with the chain's details around it (JSON, bigint-free).
  await writeAddressBook(options.configFile, config as unknown as SystemAddresses);
  return {
    url,
    connection,
    system,
    config,
    user,
    rpc: (method, params = []) => connection.provider.request({ method, params }),
    async close() {
      await connection.close();
      await server.close();
      await rm(ignitionDeploymentDir(system.addresses.chainId, deploymentId), {
        recursive: true,
        force: true,
      });
    },
  };
}

/**
 * The launch beside the system, its window open from the next block, every listed wallet
 * whitelisted. The launch helpers deploy through the connection's Ignition; their journal goes
 * into this world's deployment folder (removed on close) rather than the chain's default one,
 * which a later run on a fresh chain would wrongly resume.
 */
async function launchBook(system: System, deploymentId: string, whitelisted: readonly string[]) {
  const ignition = system.connection.ignition;
  const inWorld = {
    ...system,
    connection: {
      ...system.connection,
      ignition: {
        ...ignition,
        deploy: ((module, options) =>
          ignition.deploy(module, { ...options, deploymentId })) as typeof ignition.deploy,
      },
    },
  } as System;
  const sale = await deployLaunch(inWorld, whitelisted, undefined, 1n);
  const pools = await deployLaunchPools(inWorld);
  return {
    sale: await sale.sale.getAddress(),
    ethPool: await sale.ethPool.getAddress(),
    usdcPool: await sale.usdcPool.getAddress(),
    pools: {
      "TOKE pool": await pools.tokePool.getAddress(),
      "SushiSwap TOKE/WETH LP pool": await pools.sushiLpPool.getAddress(),
      "Uniswap TOKE/WETH LP pool": await pools.uniswapLpPool.getAddress(),
    },
    proofs: Object.fromEntries(whitelisted.map((a) => [a.toLowerCase(), sale.proof(a)])),
  };
}
