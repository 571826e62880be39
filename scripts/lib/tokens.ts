import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Contract, type ContractRunner } from "ethers";
import { npmArtifacts } from "./artifacts.js";
import type { Erc20, TestToken } from "./dex-types.js";

/** A typed ERC-20 handle for any token address. */
export function erc20At(address: string, runner: ContractRunner): Erc20 {
  return new Contract(address, npmArtifacts.erc20().abi, runner) as unknown as Erc20;
}

/**
 * Deploys test/solidity/tokens/TestERC20.sol (OpenZeppelin 5 ERC20, anyone may mint) and mints
 * `mintTo` each `amount`.
 */
export async function deployTestToken(
  ethers: HardhatEthers,
  symbol: string,
  decimals: number,
  mintTo: readonly HardhatEthersSigner[] = [],
  amount = 0n,
): Promise<TestToken> {
  const token = (await ethers.deployContract("TestERC20", [
    `Test ${symbol}`,
    symbol,
    decimals,
  ])) as unknown as TestToken;
  await token.waitForDeployment();
  for (const holder of mintTo) await (await token.mint(holder.address, amount)).wait();
  return token;
}
