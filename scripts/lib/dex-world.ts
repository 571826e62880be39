import "dotenv/config";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Contract, ContractFactory, type ContractRunner, type InterfaceAbi } from "ethers";
import { network } from "hardhat";
import type { NetworkConnection } from "hardhat/types/network";
import { MAINNET } from "./addresses.js";
import { npmArtifacts, type NpmArtifact } from "./artifacts.js";
import {
  BALANCER_BUFFER_PERIOD_SECONDS,
  BALANCER_MAX_AUM_FEE,
  BALANCER_MAX_YIELD_FEE,
  BALANCER_PAUSE_WINDOW_SECONDS,
  SUSHI_FACTORY_ARTIFACT,
  WEIGHTED_FACTORY_VERSION,
  WEIGHTED_POOL_VERSION,
} from "./dex-config.js";
import type {
  BalancerAuthorizer,
  BalancerFeeProvider,
  BalancerVault,
  SushiFactory,
  V2Factory,
  V2Router,
  Weth9,
  WeightedPoolFactoryV3,
  WeightedPoolFactoryV4,
} from "./dex-types.js";

export type V2VenueName = "uniswap" | "sushiswap";

/** A Uniswap-V2-style venue. `router` is set for Uniswap only (see SUSHI_FACTORY_ARTIFACT). */
export interface V2Venue {
  readonly name: V2VenueName;
  readonly factory: V2Factory;
  readonly router: V2Router | undefined;
}

export type BalancerWeightedFactory =
  | { readonly version: 3; readonly contract: WeightedPoolFactoryV3 }
  | { readonly version: 4; readonly contract: WeightedPoolFactoryV4 };

export interface BalancerWorld {
  readonly vault: BalancerVault;
  readonly authorizer: BalancerAuthorizer;
  readonly feeProvider: BalancerFeeProvider;
  readonly weightedPoolFactory: BalancerWeightedFactory;
}

export interface DexWorld {
  readonly mode: "local" | "fork";
  readonly ethers: HardhatEthers;
  readonly deployer: HardhatEthersSigner;
  readonly weth: Weth9;
  readonly uniswap: V2Venue & { readonly router: V2Router };
  readonly sushiswap: V2Venue & { readonly factory: SushiFactory };
  readonly balancer: BalancerWorld;
}

/** Where each DEX contract lives: what Ignition returns, or the mainnet addresses. */
export interface DexWorldAddresses {
  readonly weth: string;
  readonly uniswapV2Factory: string;
  readonly uniswapV2Router02: string;
  readonly sushiswapFactory: string;
  readonly balancerVault: string;
  readonly balancerAuthorizer: string;
  readonly balancerFeeProvider: string;
  readonly balancerWeightedPoolFactory: string;
  readonly balancerWeightedPoolFactoryVersion: 3 | 4;
}

/** The minimal ABI of weighted pool factory v4; the npm package predates it (see addresses.ts). */
const WEIGHTED_POOL_FACTORY_V4_ABI = [
  "function create(string name, string symbol, address[] tokens, uint256[] normalizedWeights, address[] rateProviders, uint256 swapFeePercentage, address owner, bytes32 salt) returns (address)",
  "function getVault() view returns (address)",
  "function isDisabled() view returns (bool)",
  "event PoolCreated(address indexed pool)",
];

function at<T>(address: string, abi: InterfaceAbi, runner: ContractRunner): T {
  return new Contract(address, abi, runner) as unknown as T;
}

/** Deploys an npm artifact's bytecode as it ships and returns the new contract's address. */
async function deploy(artifact: NpmArtifact, signer: HardhatEthersSigner, args: unknown[]) {
  const factory = new ContractFactory(artifact.abi, artifact.bytecode, signer);
  const contract = await factory.deploy(...args);
  await contract.waitForDeployment();
  return contract.getAddress();
}

/** Attaches typed handles to DEX contracts that already exist at `addresses`. */
export async function attachDexWorld(
  ethers: HardhatEthers,
  addresses: DexWorldAddresses,
  mode: DexWorld["mode"],
): Promise<DexWorld> {
  const [deployer] = await ethers.getSigners();
  const v2Factory = npmArtifacts.uniswapV2Factory().abi;
  const sushiFactory = (await ethers.getContractFactory(SUSHI_FACTORY_ARTIFACT)).interface;
  const wpf = addresses.balancerWeightedPoolFactory;
  const weightedPoolFactory: BalancerWeightedFactory =
    addresses.balancerWeightedPoolFactoryVersion === 3
      ? { version: 3, contract: at(wpf, npmArtifacts.balancerWeightedPoolFactory().abi, deployer) }
      : { version: 4, contract: at(wpf, WEIGHTED_POOL_FACTORY_V4_ABI, deployer) };
  return {
    mode,
    ethers,
    deployer,
    weth: at(addresses.weth, npmArtifacts.weth9().abi, deployer),
    uniswap: {
      name: "uniswap",
      factory: at(addresses.uniswapV2Factory, v2Factory, deployer),
      router: at(addresses.uniswapV2Router02, npmArtifacts.uniswapV2Router02().abi, deployer),
    },
    sushiswap: {
      name: "sushiswap",
      factory: at(addresses.sushiswapFactory, sushiFactory.fragments, deployer),
      router: undefined,
    },
    balancer: {
      vault: at(addresses.balancerVault, npmArtifacts.balancerVault().abi, deployer),
      authorizer: at(addresses.balancerAuthorizer, npmArtifacts.balancerAuthorizer().abi, deployer),
      feeProvider: at(
        addresses.balancerFeeProvider,
        npmArtifacts.balancerFeeProvider().abi,
        deployer,
      ),
      weightedPoolFactory,
    },
  };
}

/**
 * Deploys Uniswap V2, SushiSwap and Balancer V2 on the connected (local) chain, from the bytecode
 * their npm packages ship (SushiSwap: compiled here from its published source). The first signer
 * deploys and holds every admin role (fee setters, Balancer's Authorizer admin).
 */
export async function deployDexWorld(ethers: HardhatEthers): Promise<DexWorld> {
  const [deployer] = await ethers.getSigners();
  const weth = await deploy(npmArtifacts.weth9(), deployer, []);
  const uniFactory = await deploy(npmArtifacts.uniswapV2Factory(), deployer, [deployer.address]);
  const router = await deploy(npmArtifacts.uniswapV2Router02(), deployer, [uniFactory, weth]);
  const sushiFactory = await ethers.deployContract(SUSHI_FACTORY_ARTIFACT, [deployer.address]);
  const authorizer = await deploy(npmArtifacts.balancerAuthorizer(), deployer, [deployer.address]);
  const vault = await deploy(npmArtifacts.balancerVault(), deployer, [
    authorizer,
    weth,
    BALANCER_PAUSE_WINDOW_SECONDS,
    BALANCER_BUFFER_PERIOD_SECONDS,
  ]);
  const feeProvider = await deploy(npmArtifacts.balancerFeeProvider(), deployer, [
    vault,
    BALANCER_MAX_YIELD_FEE,
    BALANCER_MAX_AUM_FEE,
  ]);
  const weightedFactory = await deploy(npmArtifacts.balancerWeightedPoolFactory(), deployer, [
    vault,
    feeProvider,
    WEIGHTED_FACTORY_VERSION,
    WEIGHTED_POOL_VERSION,
  ]);
  return attachDexWorld(
    ethers,
    {
      weth,
      uniswapV2Factory: uniFactory,
      uniswapV2Router02: router,
      sushiswapFactory: await sushiFactory.getAddress(),
      balancerVault: vault,
      balancerAuthorizer: authorizer,
      balancerFeeProvider: feeProvider,
      balancerWeightedPoolFactory: weightedFactory,
      balancerWeightedPoolFactoryVersion: 3,
    },
    "local",
  );
}

/**
 * The real mainnet deployments, on a `mainnetFork` connection. Pools are created through
 * Balancer's weighted pool factory v4: v3 (what the local world deploys) is deprecated there.
 * The Authorizer is whichever one the Vault uses at the fork block (Balancer replaced the
 * original, MAINNET.balancerAuthorizer, by a TimelockAuthorizer); both implement canPerform.
 */
export async function forkDexWorld(ethers: HardhatEthers): Promise<DexWorld> {
  const vault = at<BalancerVault>(
    MAINNET.balancerVault,
    npmArtifacts.balancerVault().abi,
    ethers.provider,
  );
  return attachDexWorld(
    ethers,
    {
      weth: MAINNET.weth,
      uniswapV2Factory: MAINNET.uniswapV2Factory,
      uniswapV2Router02: MAINNET.uniswapV2Router02,
      sushiswapFactory: MAINNET.sushiswapFactory,
      balancerVault: MAINNET.balancerVault,
      balancerAuthorizer: await vault.getAuthorizer(),
      balancerFeeProvider: MAINNET.balancerFeeProvider,
      balancerWeightedPoolFactory: MAINNET.balancerWeightedPoolFactoryV4,
      balancerWeightedPoolFactoryVersion: 4,
    },
    "fork",
  );
}

/** True when a mainnet RPC URL is configured (environment or .env). */
export function isForkConfigured(): boolean {
  return (process.env.MAINNET_RPC_URL ?? "").trim() !== "";
}

/**
 * Opens a new network connection and returns the DEX world on it: the real mainnet contracts on
 * a `mainnetFork` connection when MAINNET_RPC_URL is set, otherwise a fresh local deployment on
 * Hardhat's in-process chain.
 */
export async function connectDexWorld(): Promise<{
  connection: NetworkConnection;
  world: DexWorld;
}> {
  if (isForkConfigured()) {
    const connection = await network.create("mainnetFork");
    return { connection, world: await forkDexWorld(connection.ethers) };
  }
  const connection = await network.create();
  return { connection, world: await deployDexWorld(connection.ethers) };
}
