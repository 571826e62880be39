// The integrator's API: deploy the whole system onto a Hardhat network connection, or attach to
// one that is already deployed, and get typed contract handles (typechain-types/).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { DeploymentParameters } from "@nomicfoundation/ignition-core";
import type { ContractRunner } from "ethers";
import type { network } from "hardhat";
import { protocolModule } from "../../deploy/compose.js";
import {
  CycleManager__factory,
  EmissionController__factory,
  LDStaking__factory,
  LDVoteRelay__factory,
  LiquidityAllocator__factory,
  PriceFeed__factory,
  ProtocolRoles__factory,
  TwapOracle__factory,
  VenueRegistry__factory,
  Reactor__factory,
  TimelockController__factory,
  Toke__factory,
  Treasury__factory,
  WethGateway__factory,
  type CycleManager,
  type EmissionController,
  type LDStaking,
  type LDVoteRelay,
  type LiquidityAllocator,
  type PriceFeed,
  type ProtocolRoles,
  type TwapOracle,
  type VenueRegistry,
  type Reactor,
  type TimelockController,
  type Toke,
  type Treasury,
  type WethGateway,
} from "../../typechain-types/index.js";
import { MAINNET } from "./addresses.js";
import type { Erc20 } from "./dex-types.js";
import {
  attachDexWorld,
  forkDexWorld,
  type DexWorld,
  type DexWorldAddresses,
} from "./dex-world.js";
import { profileFor, type NetworkProfile } from "./networks.js";
import { erc20At } from "./tokens.js";
import type { VenueName } from "./protocol-config.js";

/** A Hardhat 3 network connection with the toolbox's plugins (ethers, ignition, helpers). */
export type Connection = Awaited<ReturnType<typeof network.create>>;

/** Where everything lives: what `deploySystem` writes and what the keeper reads. */
export interface SystemAddresses {
  readonly chainId: number;
  readonly network: string;
  readonly protocolRoles: string;
  readonly timelock: string;
  readonly toke: string;
  readonly treasury: string;
  readonly cycleManager: string;
  readonly wethGateway: string;
  readonly venueRegistry: string;
  readonly ldStaking: string;
  readonly ldVoteRelay: string;
  readonly priceFeed: string;
  readonly emissionController: string;
  readonly twapOracle: string;
  readonly liquidityAllocator: string;
  /** Venue adapter by venue (those the network deploys). */
  readonly adapters: Readonly<Partial<Record<VenueName, string>>>;
  /** Reactor address by asset symbol (the `Reactor_<SYMBOL>` module). */
  readonly reactors: Readonly<Record<string, string>>;
  /** The DEX world, when this deployment deployed it (local chains). */
  readonly dex?: DexWorldAddresses;
  /** TokemakDAO (deploy/modules/DAO.ts), when the deployment has it. */
  readonly dao?: DaoAddresses;
}

/** TokemakDAO's contracts (deploy/modules/DAO.ts). */
export interface DaoAddresses {
  readonly governor: string;
  readonly stakeVotes: string;
  readonly feeDistributor: string;
  readonly ldCompensation: string;
}

/** Typed handles on a deployed system, connected to `signer`. */
export interface System {
  readonly connection: Connection;
  readonly profile: NetworkProfile;
  readonly signer: HardhatEthersSigner;
  readonly addresses: SystemAddresses;
  readonly roles: ProtocolRoles;
  readonly timelock: TimelockController;
  readonly toke: Toke;
  readonly treasury: Treasury;
  readonly manager: CycleManager;
  readonly gateway: WethGateway;
  readonly venueRegistry: VenueRegistry;
  readonly staking: LDStaking;
  readonly relay: LDVoteRelay;
  readonly priceFeed: PriceFeed;
  readonly emissions: EmissionController;
  readonly oracle: TwapOracle;
  readonly allocator: LiquidityAllocator;
  /** Reactors by asset symbol, in the cycle manager's settlement order. */
  readonly reactors: Readonly<Record<string, Reactor>>;
  /** Each Reactor's asset, by the same symbol. */
  readonly assets: Readonly<Record<string, Erc20>>;
  /** Uniswap V2, SushiSwap and Balancer V2: deployed (local), mainnet's (fork), or absent. */
  readonly dex: DexWorld | undefined;
}

export interface DeploySystemOptions {
  /** The network profile (scripts/lib/networks.ts); default: the connection's network's. */
  readonly profile?: NetworkProfile;
  /** Ignition parameters merged over the profile's parameter file, module by module. */
  readonly parameters?: DeploymentParameters;
  /** When cycle 0 starts, unix seconds; default: the file's value, or the latest block's time. */
  readonly firstStart?: bigint;
  /** Cycle length, seconds; default: the parameter file's (7 days locally). */
  readonly cycleSeconds?: bigint;
  /** Ignition deployment id (journal folder under deploy/deployments/ on HTTP networks). */
  readonly deploymentId?: string;
  /** Show Ignition's progress UI. */
  readonly displayUi?: boolean;
  /** Also write the address book (SystemAddresses as JSON) to this file. */
  readonly addressBook?: string;
}

/** Ignition future ids (`<module>#<contract>`) of the system's singletons. */
const FUTURE_IDS = {
  protocolRoles: "Roles#ProtocolRoles",
  timelock: "Roles#TimelockController",
  toke: "Toke#Toke",
  treasury: "Treasury#Treasury",
  cycleManager: "CycleManager#CycleManager",
  wethGateway: "WethGateway#WethGateway",
  venueRegistry: "VenueRegistry#VenueRegistry",
  ldStaking: "LDStaking#LDStaking",
  ldVoteRelay: "LDStaking#LDVoteRelay",
  priceFeed: "PriceFeed#PriceFeed",
  emissionController: "EmissionController#EmissionController",
  twapOracle: "TwapOracle#TwapOracle",
  liquidityAllocator: "LiquidityAllocator#LiquidityAllocator",
} as const;
const ADAPTER_FUTURE_IDS: Readonly<Record<VenueName, string>> = {
  uniswap: "VenueAdapters#UniswapV2Adapter",
  sushiswap: "VenueAdapters#SushiSwapAdapter",
  balancer: "VenueAdapters#BalancerV2WeightedAdapter",
};
const REACTOR_FUTURE = /^Reactor_(\w+)#Reactor$/;
const DAO_FUTURE_IDS: Readonly<Record<keyof DaoAddresses, string>> = {
  governor: "DAO#TokeGovernor",
  stakeVotes: "DAO#StakeVotes",
  feeDistributor: "DAO#FeeDistributor",
  ldCompensation: "DAO#LDCompensation",
};
const DEX_FUTURE_IDS = {
  weth: "DexWorld#WETH9",
  uniswapV2Factory: "DexWorld#UniswapV2Factory",
  uniswapV2Router02: "DexWorld#UniswapV2Router02",
  sushiswapFactory: "DexWorld#SushiSwapFactory",
  balancerVault: "DexWorld#Vault",
  balancerAuthorizer: "DexWorld#Authorizer",
  balancerFeeProvider: "DexWorld#ProtocolFeePercentagesProvider",
  balancerWeightedPoolFactory: "DexWorld#WeightedPoolFactory",
} as const;

/**
 * Deploys the whole system on `connection` through the Ignition modules in deploy/ (on a local
 * chain the DEX world and test tokens first) and returns typed handles on it.
 *
 * @example
 *   const connection = await network.create();
 *   const system = await deploySystem(connection);
 *   await system.assets.USDC.approve(system.reactors.USDC, amount);
 *   await system.reactors.USDC.deposit(amount, me);
 */
export async function deploySystem(
  connection: Connection,
  options: DeploySystemOptions = {},
): Promise<System> {
  const profile = options.profile ?? profileFor(connection.networkName);
  const parameters = await deploymentParameters(connection, profile, options);
  const module = protocolModule(profile.shape);
  const deployed = await connection.ignition.deploy(module, {
    parameters,
    deploymentId: options.deploymentId,
    displayUi: options.displayUi ?? false,
  });
  // Re-key the results by future id, the shape of Ignition's deployed_addresses.json.
  const byFutureId: Record<string, string> = {};
  for (const [key, future] of Object.entries(module.results)) {
    byFutureId[future.id] = await deployed[key].getAddress();
  }
  const chainId = Number((await connection.ethers.provider.getNetwork()).chainId);
  const addresses = addressesFromIgnition(byFutureId, chainId, connection.networkName);
  if (options.addressBook !== undefined) await writeAddressBook(options.addressBook, addresses);
  return attachSystem(connection, addresses, { profile });
}

/** The Ignition parameters of a deployment: the profile's file, then the caller's overrides. */
export async function deploymentParameters(
  connection: Connection,
  profile: NetworkProfile,
  options: Pick<DeploySystemOptions, "parameters" | "firstStart" | "cycleSeconds"> = {},
): Promise<DeploymentParameters> {
  // Ignition's own reader turns "123n" strings into bigints; so does this one.
  const file = JSON.parse(await readFile(profile.parametersFile, "utf8"), (_key, value: unknown) =>
    typeof value === "string" && /^\d+n$/.test(value) ? BigInt(value.slice(0, -1)) : value,
  ) as DeploymentParameters;
  const merged: DeploymentParameters = { ...file };
  for (const [moduleId, values] of Object.entries(options.parameters ?? {})) {
    merged[moduleId] = { ...merged[moduleId], ...values };
  }
  if (profile.dex === "fork") {
    // The fork's assets are mainnet's: addresses.ts is the single source of truth.
    merged.ExternalAssets = { ...merged.ExternalAssets, weth: MAINNET.weth, usdc: MAINNET.usdc };
    merged.ExistingDex = {
      ...merged.ExistingDex,
      uniswapV2Factory: MAINNET.uniswapV2Factory,
      sushiswapFactory: MAINNET.sushiswapFactory,
      balancerVault: MAINNET.balancerVault,
      balancerWeightedPoolFactory: MAINNET.balancerWeightedPoolFactoryV4,
    };
  }
  const cycle = { ...merged.CycleManager };
  if (options.cycleSeconds !== undefined) cycle.cycleSeconds = options.cycleSeconds;
  if (options.firstStart !== undefined) cycle.firstStart = options.firstStart;
  if (cycle.firstStart === undefined || BigInt(cycle.firstStart as number | bigint) === 0n) {
    const latest = await connection.ethers.provider.getBlock("latest");
    if (latest === null) throw new Error("the chain returned no latest block");
    cycle.firstStart = BigInt(latest.timestamp);
  }
  merged.CycleManager = cycle;
  return merged;
}

/** Builds the address book from Ignition's `future id -> address` record. */
export function addressesFromIgnition(
  record: Readonly<Record<string, string>>,
  chainId: number,
  networkName: string,
): SystemAddresses {
  const need = (futureId: string) => {
    const address = record[futureId];
    if (address === undefined) throw new Error(`the deployment has no ${futureId}`);
    return address;
  };
  const reactors: Record<string, string> = {};
  for (const [futureId, address] of Object.entries(record)) {
    const match = REACTOR_FUTURE.exec(futureId);
    if (match !== null) reactors[match[1]] = address;
  }
  const hasDex = DEX_FUTURE_IDS.weth in record;
  const hasDao = DAO_FUTURE_IDS.governor in record;
  const singletons = Object.fromEntries(
    Object.entries(FUTURE_IDS).map(([key, futureId]) => [key, need(futureId)]),
  ) as Record<keyof typeof FUTURE_IDS, string>;
  const adapters: Partial<Record<VenueName, string>> = {};
  for (const [venue, futureId] of Object.entries(ADAPTER_FUTURE_IDS) as [VenueName, string][]) {
    if (record[futureId] !== undefined) adapters[venue] = record[futureId];
  }
  return {
    chainId,
    network: networkName,
    ...singletons,
    adapters,
    reactors,
    ...(hasDex
      ? {
          dex: {
            weth: need(DEX_FUTURE_IDS.weth),
            uniswapV2Factory: need(DEX_FUTURE_IDS.uniswapV2Factory),
            uniswapV2Router02: need(DEX_FUTURE_IDS.uniswapV2Router02),
            sushiswapFactory: need(DEX_FUTURE_IDS.sushiswapFactory),
            balancerVault: need(DEX_FUTURE_IDS.balancerVault),
            balancerAuthorizer: need(DEX_FUTURE_IDS.balancerAuthorizer),
            balancerFeeProvider: need(DEX_FUTURE_IDS.balancerFeeProvider),
            balancerWeightedPoolFactory: need(DEX_FUTURE_IDS.balancerWeightedPoolFactory),
            balancerWeightedPoolFactoryVersion: 3,
          },
        }
      : {}),
    ...(hasDao
      ? {
          dao: {
            governor: need(DAO_FUTURE_IDS.governor),
            stakeVotes: need(DAO_FUTURE_IDS.stakeVotes),
            feeDistributor: need(DAO_FUTURE_IDS.feeDistributor),
            ldCompensation: need(DAO_FUTURE_IDS.ldCompensation),
          },
        }
      : {}),
  };
}

/** Folder of an Ignition deployment (`chain-<id>` unless an id was given). */
export function ignitionDeploymentDir(chainId: number, deploymentId?: string): string {
  return path.join("deploy", "deployments", deploymentId ?? `chain-${chainId}`);
}

/**
 * Reads the address book of a deployment: a JSON file written by `deploySystem`
 * (`addressBook`), or else the Ignition deployment folder's deployed_addresses.json.
 */
export async function loadAddresses(source: {
  readonly chainId: number;
  readonly network: string;
  readonly addressBook?: string;
  readonly deploymentId?: string;
}): Promise<SystemAddresses> {
  if (source.addressBook !== undefined) {
    const book = parseAddressBook(await readFile(source.addressBook, "utf8"), source.addressBook);
    if (book.chainId !== source.chainId) {
      throw new Error(
        `${source.addressBook} is for chain ${book.chainId}, but the network is chain ${source.chainId}`,
      );
    }
    return book;
  }
  const dir = ignitionDeploymentDir(source.chainId, source.deploymentId);
  const file = path.join(dir, "deployed_addresses.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new Error(
      `no deployment found at ${file}: deploy first (npm run deploy -- --network ${source.network}) or pass --addresses <file>`,
    );
  }
  return addressesFromIgnition(
    JSON.parse(text) as Record<string, string>,
    source.chainId,
    source.network,
  );
}

/**
 * Reads an address book (the JSON `writeAddressBook` writes), failing with one line that names
 * the file and the first field that is missing or not an address.
 */
export function parseAddressBook(text: string, file: string): SystemAddresses {
  let book: unknown;
  try {
    book = JSON.parse(text);
  } catch (error) {
    throw new Error(`address book ${file} is not valid JSON (${(error as Error).message})`);
  }
  const fail = (field: string, what: string): never => {
    throw new Error(`address book ${file}: ${field} ${what}`);
  };
  if (typeof book !== "object" || book === null) fail("the file", "is not a JSON object");
  const b = book as Record<string, unknown>;
  if (typeof b.chainId !== "number") fail("chainId", "is missing or not a number");
  const isAddress = (v: unknown) => typeof v === "string" && /^0x[0-9a-fA-F]{40}$/.test(v);
  for (const key of Object.keys(FUTURE_IDS)) {
    if (!isAddress(b[key])) fail(key, "is missing or not an address");
  }
  for (const group of ["reactors", "adapters"]) {
    const entries = b[group];
    if (typeof entries !== "object" || entries === null) fail(group, "is missing");
    for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
      if (!isAddress(value)) fail(`${group}.${key}`, "is not an address");
    }
  }
  return book as SystemAddresses;
}

/** Writes `addresses` as JSON (the format `loadAddresses` reads). */
export async function writeAddressBook(file: string, addresses: SystemAddresses): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(addresses, null, 2)}\n`);
}

/**
 * Typed handles on an already deployed system. Reactors come in the cycle manager's order;
 * `runner` (default: the connection's first signer) signs what the handles send.
 */
export async function attachSystem(
  connection: Connection,
  addresses: SystemAddresses,
  options: { readonly profile?: NetworkProfile; readonly signer?: HardhatEthersSigner } = {},
): Promise<System> {
  const profile = options.profile ?? profileFor(connection.networkName);
  const signer = options.signer ?? (await connection.ethers.getSigners())[0];
  if (signer === undefined) throw new Error(`network ${connection.networkName} has no account`);
  const runner: ContractRunner = signer;
  const manager = CycleManager__factory.connect(addresses.cycleManager, runner);
  const reactors: Record<string, Reactor> = {};
  const assets: Record<string, Erc20> = {};
  const symbolOf = new Map(
    Object.entries(addresses.reactors).map(([symbol, address]) => [address.toLowerCase(), symbol]),
  );
  for (const address of await manager.reactors()) {
    const reactor = Reactor__factory.connect(address, runner);
    const asset = erc20At(await reactor.asset(), runner);
    const symbol = symbolOf.get(address.toLowerCase()) ?? (await asset.symbol());
    reactors[symbol] = reactor;
    assets[symbol] = asset;
  }
  let dex: DexWorld | undefined;
  if (addresses.dex !== undefined) {
    dex = await attachDexWorld(connection.ethers, addresses.dex, "local");
  } else if (profile.dex === "fork") {
    dex = await forkDexWorld(connection.ethers);
  }
  return {
    connection,
    profile,
    signer,
    addresses,
    roles: ProtocolRoles__factory.connect(addresses.protocolRoles, runner),
    timelock: TimelockController__factory.connect(addresses.timelock, runner),
    toke: Toke__factory.connect(addresses.toke, runner),
    treasury: Treasury__factory.connect(addresses.treasury, runner),
    manager,
    gateway: WethGateway__factory.connect(addresses.wethGateway, runner),
    venueRegistry: VenueRegistry__factory.connect(addresses.venueRegistry, runner),
    staking: LDStaking__factory.connect(addresses.ldStaking, runner),
    relay: LDVoteRelay__factory.connect(addresses.ldVoteRelay, runner),
    priceFeed: PriceFeed__factory.connect(addresses.priceFeed, runner),
    emissions: EmissionController__factory.connect(addresses.emissionController, runner),
    oracle: TwapOracle__factory.connect(addresses.twapOracle, runner),
    allocator: LiquidityAllocator__factory.connect(addresses.liquidityAllocator, runner),
    reactors,
    assets,
    dex,
  };
}
