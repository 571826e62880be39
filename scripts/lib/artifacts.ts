import { createRequire } from "node:module";
import type { InterfaceAbi } from "ethers";

/**
 * Bytecode artifacts the DEX packages ship on npm, loaded as they are (mainnet bytecode, not
 * rebuilt here), and normalised to the Hardhat artifact shape that both ethers'
 * ContractFactory and Ignition's `m.contract(name, artifact, args)` accept.
 */
export interface NpmArtifact {
  _format: string;
  contractName: string;
  sourceName: string;
  abi: InterfaceAbi & readonly object[];
  bytecode: string;
  deployedBytecode: string;
  linkReferences: Record<string, never>;
  deployedLinkReferences: Record<string, never>;
}

/** Waffle's build format, used by @uniswap/v2-core and @uniswap/v2-periphery. */
interface WaffleJson {
  abi: readonly object[];
  bytecode: string;
  evm: { deployedBytecode: { object: string } };
}

/** Hardhat's artifact format, used by @balancer-labs/v2-deployments. */
interface HardhatJson {
  contractName: string;
  sourceName: string;
  abi: readonly object[];
  bytecode: string;
  deployedBytecode: string;
  linkReferences: Record<string, unknown>;
}

const require = createRequire(import.meta.url);
const BALANCER_TASKS = "@balancer-labs/v2-deployments/dist/tasks";

function hex(code: string): string {
  return code.startsWith("0x") ? code : `0x${code}`;
}

function fromWaffle(path: string, contractName: string): NpmArtifact {
  const json = require(path) as WaffleJson;
  return {
    _format: "hh-sol-artifact-1",
    contractName,
    sourceName: path,
    abi: json.abi,
    bytecode: hex(json.bytecode),
    deployedBytecode: hex(json.evm.deployedBytecode.object),
    linkReferences: {},
    deployedLinkReferences: {},
  };
}

function fromBalancerTask(task: string, contractName: string): NpmArtifact {
  const json = require(`${BALANCER_TASKS}/${task}/artifact/${contractName}.json`) as HardhatJson;
  // Linking would change the bytecode we claim is mainnet's: none of these needs it.
  if (Object.keys(json.linkReferences).length > 0) {
    throw new Error(`${task}/${contractName} needs library linking, which is not supported`);
  }
  return {
    _format: "hh-sol-artifact-1",
    contractName: json.contractName,
    sourceName: json.sourceName,
    abi: json.abi,
    bytecode: json.bytecode,
    deployedBytecode: json.deployedBytecode,
    linkReferences: {},
    deployedLinkReferences: {},
  };
}

/** Mainnet address of a contract, from the Balancer task's own deployment record. */
export function balancerMainnetAddress(task: string, contractName: string): string {
  const output = require(`${BALANCER_TASKS}/${task}/output/mainnet.json`) as Record<string, string>;
  const address = output[contractName];
  if (address === undefined) throw new Error(`${task} has no mainnet ${contractName}`);
  return address;
}

export const BALANCER_TASK = {
  authorizer: "20210418-authorizer",
  vault: "20210418-vault",
  feeProvider: "20220725-protocol-fee-percentages-provider",
  weightedPool: "20230206-weighted-pool-v3",
} as const;

/** Loaded lazily: the Balancer Vault alone is ~100 KB of JSON. */
export const npmArtifacts = {
  weth9: () => fromWaffle("@uniswap/v2-periphery/build/WETH9.json", "WETH9"),
  uniswapV2Factory: () =>
    fromWaffle("@uniswap/v2-core/build/UniswapV2Factory.json", "UniswapV2Factory"),
  erc20: () => fromWaffle("@uniswap/v2-core/build/IERC20.json", "IERC20"),
  uniswapV2Pair: () => fromWaffle("@uniswap/v2-core/build/UniswapV2Pair.json", "UniswapV2Pair"),
  uniswapV2Router02: () =>
    fromWaffle("@uniswap/v2-periphery/build/UniswapV2Router02.json", "UniswapV2Router02"),
  balancerAuthorizer: () => fromBalancerTask(BALANCER_TASK.authorizer, "Authorizer"),
  balancerVault: () => fromBalancerTask(BALANCER_TASK.vault, "Vault"),
  balancerFeeProvider: () =>
    fromBalancerTask(BALANCER_TASK.feeProvider, "ProtocolFeePercentagesProvider"),
  balancerWeightedPoolFactory: () =>
    fromBalancerTask(BALANCER_TASK.weightedPool, "WeightedPoolFactory"),
  balancerWeightedPool: () => fromBalancerTask(BALANCER_TASK.weightedPool, "WeightedPool"),
} as const;
