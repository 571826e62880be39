// Deploys the launch (deploy/modules/Launch.ts) next to a deployed system: the DeGenesis sale
// with a Merkle whitelist and its Genesis pools, funded with the sale's TOKE allocation.
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { parseUnits } from "ethers";
import LaunchModule from "../../deploy/modules/Launch.js";
import {
  DeGenesis__factory,
  GenesisPool__factory,
  type DeGenesis,
  type GenesisPool,
} from "../../typechain-types/index.js";
import type { System } from "./system.js";

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
