// Deploys the launch (deploy/modules/Launch.ts) next to a deployed system: the DeGenesis sale
// with a Merkle whitelist and its Genesis pools, funded with the sale's TOKE allocation; and the
// public pools with CoRE (deploy/modules/LaunchPools.ts) over the system's real TOKE/WETH pairs.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { parseUnits } from "ethers";
import LaunchModule from "../../deploy/modules/Launch.js";
import LaunchPoolsModule from "../../deploy/modules/LaunchPools.js";
import {
  CoreElection__factory,
  CoreFunding__factory,
  DeGenesis__factory,
  GenesisPool__factory,
  StakingPool__factory,
  type CoreElection,
  type CoreFunding,
  type DeGenesis,
  type GenesisPool,
  type StakingPool,
} from "../../typechain-types/index.js";
import type { V2Pair } from "./dex-types.js";
import type { System } from "./system.js";
import { erc20At } from "./tokens.js";
import { getOrCreateV2Pair } from "./v2.js";

const DAY = 24n * 3600n;
const WEEK = 7n * DAY;

/** The sale's terms (USD amounts with 18 decimals). Defaults: the original's, at $2,000/ETH. */
export interface LaunchTerms {
  readonly targetUsd: bigint;
  readonly overflowCapUsd: bigint;
  readonly basePriceUsd: bigint;
  readonly walletCapUsd: bigint;
  readonly ethUsdPrice: bigint;
  readonly vestingSeconds: bigint;
}

export const ORIGINAL_TERMS: LaunchTerms = {
  targetUsd: parseUnits("24000000", 18),
  overflowCapUsd: parseUnits("48000000", 18),
  basePriceUsd: parseUnits("8", 18),
  walletCapUsd: parseUnits("100000", 18),
  ethUsdPrice: parseUnits("2000", 18),
  vestingSeconds: 0n,
};

export interface Launch {
  readonly sale: DeGenesis;
  readonly ethPool: GenesisPool;
  readonly usdcPool: GenesisPool;
  readonly whitelist: StandardMerkleTree<[string]>;
  /** The Merkle proof of a whitelisted wallet. */
  proof(wallet: string): string[];
  readonly windowStart: bigint;
  readonly windowEnd: bigint;
}

/**
 * Deploys the launch for `whitelisted` wallets: the window opens `opensIn` seconds from the
 * latest block and lasts a week; Genesis pools are private two weeks and locked eight after it.
 */
export async function deployLaunch(
  system: System,
  whitelisted: readonly string[],
  terms: LaunchTerms = ORIGINAL_TERMS,
  opensIn = DAY,
  /** Where the sale's proceeds go (ETH arrives wrapped, as WETH). Default: the Treasury. */
  treasury: string = system.addresses.treasury,
): Promise<Launch> {
  const whitelist = StandardMerkleTree.of(
    whitelisted.map((a) => [a] as [string]),
    ["address"],
  );
  const latest = await system.connection.ethers.provider.getBlock("latest");
  const windowStart = BigInt(latest?.timestamp ?? 0) + opensIn;
  const windowEnd = windowStart + WEEK;
  const { deGenesis, ethGenesisPool, usdcGenesisPool } = await system.connection.ignition.deploy(
    LaunchModule,
    {
      parameters: {
        Launch: {
          toke: system.addresses.toke,
          treasury,
          weth: await system.assets.WETH.getAddress(),
          usdc: await system.assets.USDC.getAddress(),
          merkleRoot: whitelist.root,
          windowStart,
          windowEnd,
          ...terms,
          tokeAllocation: (terms.targetUsd * 10n ** 18n) / terms.basePriceUsd,
          privateUntil: windowEnd + 2n * WEEK,
          lockedUntil: windowEnd + 8n * WEEK,
        },
      },
    },
  );
  const runner = system.signer;
  return {
    sale: DeGenesis__factory.connect(await deGenesis.getAddress(), runner),
    ethPool: GenesisPool__factory.connect(await ethGenesisPool.getAddress(), runner),
    usdcPool: GenesisPool__factory.connect(await usdcGenesisPool.getAddress(), runner),
    whitelist,
    proof: (wallet) => whitelist.getProof([wallet]),
    windowStart,
    windowEnd,
  };
}

/** The public launch pools and CoRE, over the system's real TOKE/WETH pairs. */
export interface LaunchPools {
  readonly tokePool: StakingPool;
  readonly sushiLpPool: StakingPool;
  readonly uniswapLpPool: StakingPool;
  readonly election: CoreElection;
  readonly funding: CoreFunding;
  /** SushiSwap's TOKE/WETH pair (the Sushi LP pool's staking token). */
  readonly sushiPair: V2Pair;
  /** Uniswap V2's TOKE/WETH pair (the Uniswap LP pool's staking token). */
  readonly uniswapPair: V2Pair;
}

/**
 * Deploys the public pools and CoRE next to `system`, first creating the TOKE/WETH pairs on the
 * system's Uniswap V2 and SushiSwap factories if missing. Governance and guardian default to the
 * deployer (the module's defaults). CoreFunding's proceeds go to the Treasury unless `treasury`.
 */
export async function deployLaunchPools(
  system: System,
  treasury: string = system.addresses.treasury,
): Promise<LaunchPools> {
  const { dex, signer } = system;
  if (dex === undefined) throw new Error("deployLaunchPools: the system has no DEX world");
  const toke = erc20At(system.addresses.toke, signer);
  const uniswapPair = await getOrCreateV2Pair(dex.uniswap, toke, dex.weth);
  const sushiPair = await getOrCreateV2Pair(dex.sushiswap, toke, dex.weth);
  const deployed = await system.connection.ignition.deploy(LaunchPoolsModule, {
    parameters: {
      LaunchPools: {
        toke: system.addresses.toke,
        treasury,
        sushiLp: await sushiPair.getAddress(),
        uniswapLp: await uniswapPair.getAddress(),
      },
    },
  });
  const pool = async (c: { getAddress(): Promise<string> }) =>
    StakingPool__factory.connect(await c.getAddress(), signer);
  return {
    tokePool: await pool(deployed.tokePool),
    sushiLpPool: await pool(deployed.sushiLpPool),
    uniswapLpPool: await pool(deployed.uniswapLpPool),
    election: CoreElection__factory.connect(await deployed.election.getAddress(), signer),
    funding: CoreFunding__factory.connect(await deployed.funding.getAddress(), signer),
    sushiPair,
    uniswapPair,
  };
}
