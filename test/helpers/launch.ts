// Shared deployment for the launch tests: TOKE, a 6-decimal USDC stand-in, the real WETH9, the
// DeGenesis sale with a Merkle whitelist, and its two Genesis pools.
import { createRequire } from "node:module";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import { Contract, ContractFactory, parseEther, parseUnits } from "ethers";
import type { DeGenesis, GenesisPool, Toke } from "../../typechain-types/index.js";

const require = createRequire(import.meta.url);

export const USD = (n: number | string): bigint => parseEther(String(n));
export const USDC = (n: number | string): bigint => parseUnits(String(n), 6);
export const TOKE = (n: number | string): bigint => parseEther(String(n));
export const WAD = 10n ** 18n;
export const DAY = 86_400;
export const WEEK = 7 * DAY;
export const TOKE_SUPPLY = TOKE(100_000_000);

/// The original's parameters: $24M target at $8, overflow up to $48M, $100k per wallet.
export const ORIGINAL = {
  targetUsd: USD(24_000_000),
  overflowCapUsd: USD(48_000_000),
  basePriceUsd: USD(8),
  walletCapUsd: USD(100_000),
  tokeAllocation: TOKE(3_000_000),
};

export interface SaleConfig {
  targetUsd: bigint;
  overflowCapUsd: bigint;
  basePriceUsd: bigint;
  walletCapUsd: bigint;
  tokeAllocation: bigint;
  ethUsdPrice: bigint;
  vestingSeconds: bigint;
}

export const DEFAULT_SALE: SaleConfig = {
  ...ORIGINAL,
  ethUsdPrice: USD(2_000),
  vestingSeconds: 0n,
};

/// Deploys a contract from a JSON artifact shipped on npm (real mainnet bytecode).
export async function deployArtifact(
  signer: HardhatEthersSigner,
  path: string,
  ...args: unknown[]
): Promise<Contract> {
  const artifact = require(path) as { abi: unknown[]; bytecode: string };
  const bytecode = artifact.bytecode.startsWith("0x")
    ? artifact.bytecode
    : `0x${artifact.bytecode}`;
  const factory = new ContractFactory(artifact.abi as never, bytecode, signer);
  const contract = await factory.deploy(...args);
  await contract.waitForDeployment();
  return contract as Contract;
}

export class Whitelist {
  readonly tree: StandardMerkleTree<[string]>;
  constructor(addresses: string[]) {
    this.tree = StandardMerkleTree.of(
      addresses.map((a) => [a] as [string]),
      ["address"],
    );
  }
  get root(): string {
    return this.tree.root;
  }
  proof(address: string): string[] {
    return this.tree.getProof([address]);
  }
}

export interface LaunchFixture {
  governance: HardhatEthersSigner;
  guardian: HardhatEthersSigner;
  treasury: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  wallets: HardhatEthersSigner[];
  toke: Toke;
  usdc: Contract;
  weth: Contract;
  sale: DeGenesis;
  ethPool: GenesisPool;
  usdcPool: GenesisPool;
  whitelist: Whitelist;
  windowStart: number;
  windowEnd: number;
  config: SaleConfig;
}

/// TOKE (whole supply to governance), a 6-decimal USDC stand-in and the real WETH9 bytecode.
export async function deployLaunchAssets(ethers: HardhatEthers, governance: HardhatEthersSigner) {
  const toke = await ethers.deployContract("Toke", [[governance.address], [TOKE_SUPPLY]]);
  const usdc = (await ethers.deployContract("LaunchTestToken", [
    "USD Coin",
    "USDC",
    6,
  ])) as unknown as Contract;
  const weth = await deployArtifact(governance, "@uniswap/v2-periphery/build/WETH9.json");
  return { toke, usdc, weth };
}

/// Who runs a sale and what it sells, for `deploySaleWithPools`.
export interface SaleSetup {
  governance: HardhatEthersSigner;
  guardian: HardhatEthersSigner;
  treasury: HardhatEthersSigner;
  toke: Toke;
  usdc: Contract;
  weth: Contract;
  merkleRoot: string;
  windowStart: number;
  config: SaleConfig;
  /// Weeks after the window during which Genesis stakes stay locked (private for the first two).
  lockWeeks?: number;
}

/// The sale (a one-week window) and its two Genesis pools, wired together and funded with the
/// sale's TOKE allocation by governance.
export async function deploySaleWithPools(ethers: HardhatEthers, setup: SaleSetup) {
  const { governance, guardian, treasury, toke, usdc, weth, config } = setup;
  const windowEnd = setup.windowStart + WEEK;
  const sale = await ethers.deployContract("DeGenesis", [
    {
      governance: governance.address,
      guardian: guardian.address,
      treasury: treasury.address,
      toke: await toke.getAddress(),
      usdc: await usdc.getAddress(),
      weth: await weth.getAddress(),
      merkleRoot: setup.merkleRoot,
      windowStart: setup.windowStart,
      windowEnd,
      ...config,
    },
  ]);
  const poolArgs = [
    governance.address,
    guardian.address,
    await sale.getAddress(),
    windowEnd + 2 * WEEK,
    windowEnd + (setup.lockWeeks ?? 8) * WEEK,
  ];
  const ethPool = await ethers.deployContract("GenesisPool", [
    await weth.getAddress(),
    await toke.getAddress(),
    ...poolArgs,
  ]);
  const usdcPool = await ethers.deployContract("GenesisPool", [
    await usdc.getAddress(),
    await toke.getAddress(),
    ...poolArgs,
  ]);
  await sale
    .connect(governance)
    .setGenesisPools(await ethPool.getAddress(), await usdcPool.getAddress());
  await toke.connect(governance).transfer(await sale.getAddress(), config.tokeAllocation);
  return { sale, ethPool, usdcPool, windowEnd };
}

/// Deploys everything the sale needs. The first `whitelisted` wallets (signers 4..) are on the
/// whitelist; governance holds the TOKE supply less the sale's allocation.
export async function deploySale(
  ethers: HardhatEthers,
  networkHelpers: NetworkHelpers,
  overrides: Partial<SaleConfig> = {},
  whitelisted = 10,
): Promise<LaunchFixture> {
  const [governance, guardian, treasury, stranger, ...wallets] = await ethers.getSigners();
  const config = { ...DEFAULT_SALE, ...overrides };
  const { toke, usdc, weth } = await deployLaunchAssets(ethers, governance);
  const whitelist = new Whitelist(wallets.slice(0, whitelisted).map((w) => w.address));
  const windowStart = (await networkHelpers.time.latest()) + DAY;
  const { sale, ethPool, usdcPool, windowEnd } = await deploySaleWithPools(ethers, {
    governance,
    guardian,
    treasury,
    toke,
    usdc,
    weth,
    merkleRoot: whitelist.root,
    windowStart,
    config,
  });
  return {
    governance,
    guardian,
    treasury,
    stranger,
    wallets,
    toke,
    usdc,
    weth,
    sale,
    ethPool,
    usdcPool,
    whitelist,
    windowStart,
    windowEnd,
    config,
  };
}

export async function fundUsdc(
  f: LaunchFixture,
  wallet: HardhatEthersSigner,
  amount: bigint,
): Promise<void> {
  await (await f.usdc.getFunction("mint")(wallet.address, amount)).wait();
  await (
    await (f.usdc.connect(wallet) as Contract).getFunction("approve")(
      await f.sale.getAddress(),
      amount,
    )
  ).wait();
}

/// Commits `amount` USDC for `wallet` (minting it first).
export async function commitUsdc(f: LaunchFixture, wallet: HardhatEthersSigner, amount: bigint) {
  await fundUsdc(f, wallet, amount);
  return f.sale.connect(wallet).commitUsdc(amount, f.whitelist.proof(wallet.address));
}

/// Commits `amount` wei of ETH for `wallet`.
export async function commitEth(f: LaunchFixture, wallet: HardhatEthersSigner, amount: bigint) {
  return f.sale.connect(wallet).commitEth(f.whitelist.proof(wallet.address), { value: amount });
}

/// ETH (wei) worth `usd` (18 decimals) at `ethUsdPrice`, when that division is exact.
export function ethFor(usd: bigint, ethUsdPrice: bigint): bigint {
  if ((usd * WAD) % ethUsdPrice !== 0n) throw new Error("inexact ETH amount");
  return (usd * WAD) / ethUsdPrice;
}
