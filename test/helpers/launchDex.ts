// Real TOKE/WETH pairs for the launch tests: Uniswap V2's mainnet factory bytecode from npm and
// SushiSwap's factory built from its own source (contracts/external/SushiSwapV2.sol).
import { createRequire } from "node:module";
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Contract } from "ethers";
import type { Toke } from "../../typechain-types/index.js";
import { deployArtifact } from "./launch.js";

const require = createRequire(import.meta.url);
const SUSHI_FACTORY = "@sushiswap/core/contracts/uniswapv2/UniswapV2Factory.sol:UniswapV2Factory";
const SUSHI_PAIR = "@sushiswap/core/contracts/uniswapv2/UniswapV2Pair.sol:UniswapV2Pair";

export interface TokePairs {
  uniPair: Contract;
  sushiPair: Contract;
}

/// Deploys both factories and creates a TOKE/WETH pair on each.
export async function deployTokeWethPairs(
  ethers: HardhatEthers,
  deployer: HardhatEthersSigner,
  toke: Toke,
  weth: Contract,
): Promise<TokePairs> {
  const tokeAddr = await toke.getAddress();
  const wethAddr = await weth.getAddress();
  const uniFactory = await deployArtifact(
    deployer,
    "@uniswap/v2-core/build/UniswapV2Factory.json",
    deployer.address,
  );
  await (await uniFactory.getFunction("createPair")(tokeAddr, wethAddr)).wait();
  const uniPairAddr = (await uniFactory.getFunction("getPair")(tokeAddr, wethAddr)) as string;
  const uniPairArtifact = require("@uniswap/v2-core/build/UniswapV2Pair.json") as {
    abi: unknown[];
  };
  const uniPair = new ethers.Contract(
    uniPairAddr,
    uniPairArtifact.abi as never,
    deployer,
  ) as unknown as Contract;

  const sushiFactory = await ethers.deployContract(SUSHI_FACTORY, [deployer.address]);
  await (await sushiFactory.getFunction("createPair")(tokeAddr, wethAddr)).wait();
  const sushiPairAddr = (await sushiFactory.getFunction("getPair")(tokeAddr, wethAddr)) as string;
  const sushiPair = (await ethers.getContractAt(SUSHI_PAIR, sushiPairAddr)) as unknown as Contract;
  return { uniPair, sushiPair };
}

/// Adds `tokeAmount` TOKE and `ethAmount` ETH (wrapped) from `provider` to `pair` and mints the
/// LP tokens to `to`. Returns the LP tokens minted.
export async function addLiquidity(
  pair: Contract,
  toke: Toke,
  weth: Contract,
  provider: HardhatEthersSigner,
  tokeAmount: bigint,
  ethAmount: bigint,
  to: string,
): Promise<bigint> {
  const pairAddr = await pair.getAddress();
  const w = weth.connect(provider) as Contract;
  await (await w.getFunction("deposit")({ value: ethAmount })).wait();
  await (await w.getFunction("transfer")(pairAddr, ethAmount)).wait();
  await (await toke.connect(provider).transfer(pairAddr, tokeAmount)).wait();
  const before = (await pair.getFunction("balanceOf")(to)) as bigint;
  await (await (pair.connect(provider) as Contract).getFunction("mint")(to)).wait();
  return ((await pair.getFunction("balanceOf")(to)) as bigint) - before;
}
