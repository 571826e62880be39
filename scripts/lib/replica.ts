// The offline mainnet replica: a local chain on which mainnet's addresses of WETH, USDC,
// Uniswap V2, SushiSwap and Balancer V2 hold the bytecode their npm packages ship, so that a
// deploy with mainnet's parameters (deploy/parameters/mainnet-fork.json) and a keeper run can be
// rehearsed without an RPC endpoint. Each contract is deployed at a scratch address first (its
// constructor runs there, with mainnet's addresses as arguments), then its runtime code and the
// storage its constructor wrote are copied to the mainnet address (hardhat_setCode /
// hardhat_setStorageAt). What this cannot reproduce is listed in docs/operations.md.
import type { ContractFactory, InterfaceAbi } from "ethers";
import { MAINNET } from "./addresses.js";
import { npmArtifacts } from "./artifacts.js";
import {
  BALANCER_BUFFER_PERIOD_SECONDS,
  BALANCER_MAX_AUM_FEE,
  BALANCER_MAX_YIELD_FEE,
  BALANCER_PAUSE_WINDOW_SECONDS,
  SUSHI_FACTORY_ARTIFACT,
  WEIGHTED_FACTORY_VERSION,
  WEIGHTED_POOL_VERSION,
} from "./dex-config.js";
import type { Connection } from "./system.js";

/** One contract placed at a mainnet address, and how it was built. */
export interface ReplicaPlacement {
  readonly name: string;
  readonly address: string;
  readonly source: string;
}

interface StructLog {
  readonly depth: number;
  readonly op: string;
  readonly stack?: readonly string[];
}

/**
 * Storage slots the constructor of `txHash` wrote in the created contract itself (SSTOREs at
 * the top call depth; nested creations write their own contracts' storage).
 */
async function constructorSlots(connection: Connection, txHash: string): Promise<string[]> {
  const trace = (await connection.provider.request({
    method: "debug_traceTransaction",
    params: [txHash, { disableMemory: true, disableStorage: true }],
  })) as { structLogs: readonly StructLog[] };
  const top = Math.min(...trace.structLogs.map((l) => l.depth));
  const slots = new Set<string>();
  for (const log of trace.structLogs) {
    if (log.op !== "SSTORE" || log.depth !== top || log.stack === undefined) continue;
    const key = log.stack[log.stack.length - 1];
    slots.add(
      `0x${BigInt(`0x${key.replace(/^0x/, "")}`)
        .toString(16)
        .padStart(64, "0")}`,
    );
  }
  return [...slots];
}

/** Deploys with `factory` at a scratch address, then moves code and storage to `target`. */
async function place(
  connection: Connection,
  target: string,
  factory: ContractFactory,
  args: readonly unknown[],
): Promise<void> {
  const scratch = await factory.deploy(...args);
  await scratch.waitForDeployment();
  const tx = scratch.deploymentTransaction();
  if (tx === null) throw new Error("replica: no deployment transaction");
  const provider = connection.ethers.provider;
  const scratchAddress = await scratch.getAddress();
  const rpc = (method: string, params: unknown[]) =>
    connection.provider.request({ method, params });
  await rpc("hardhat_setCode", [target, await provider.getCode(scratchAddress)]);
  for (const slot of await constructorSlots(connection, tx.hash)) {
    await rpc("hardhat_setStorageAt", [
      target,
      slot,
      await provider.getStorage(scratchAddress, slot),
    ]);
  }
}

async function factoryOf(connection: Connection, abi: InterfaceAbi, bytecode: string) {
  const [deployer] = await connection.ethers.getSigners();
  return connection.ethers.getContractFactory(abi as never, bytecode, deployer);
}

/** Whether the replica is already in place (a second deploy on the same node). */
async function placed(connection: Connection): Promise<boolean> {
  return (await connection.ethers.provider.getCode(MAINNET.balancerWeightedPoolFactoryV4)) !== "0x";
}

/**
 * Places mainnet's venues and assets on a local chain (idempotent). WETH, Uniswap V2 and
 * Balancer V2 are the npm packages' mainnet bytecode; SushiSwap's factory is compiled here from
 * its npm source; USDC is this repository's TestERC20 ("USD Coin", 6 decimals); the weighted
 * pool factory v4 address holds the v3 factory (v4 is not on npm).
 */
export async function placeMainnetReplica(connection: Connection): Promise<ReplicaPlacement[]> {
  const [deployer] = await connection.ethers.getSigners();
  const admin = deployer.address;
  const npm = (a: { abi: InterfaceAbi; bytecode: string }) =>
    factoryOf(connection, a.abi, a.bytecode);
  const plan: {
    name: string;
    address: string;
    source: string;
    build: () => Promise<[ContractFactory, unknown[]]>;
  }[] = [
    {
      name: "WETH9",
      address: MAINNET.weth,
      source: "@uniswap/v2-periphery WETH9 (mainnet bytecode)",
      build: async () => [await npm(npmArtifacts.weth9()), []],
    },
    {
      name: "USDC",
      address: MAINNET.usdc,
      source: "TestERC20 (OpenZeppelin 5 ERC20, 6 decimals): Circle's FiatToken is not on npm",
      build: async () => [
        await connection.ethers.getContractFactory("TestERC20"),
        ["USD Coin", "USDC", 6],
      ],
    },
    {
      name: "UniswapV2Factory",
      address: MAINNET.uniswapV2Factory,
      source: "@uniswap/v2-core (mainnet bytecode)",
      build: async () => [await npm(npmArtifacts.uniswapV2Factory()), [admin]],
    },
    {
      name: "UniswapV2Router02",
      address: MAINNET.uniswapV2Router02,
      source: "@uniswap/v2-periphery (mainnet bytecode)",
      build: async () => [
        await npm(npmArtifacts.uniswapV2Router02()),
        [MAINNET.uniswapV2Factory, MAINNET.weth],
      ],
    },
    {
      name: "SushiSwapFactory",
      address: MAINNET.sushiswapFactory,
      source: "@sushiswap/core source compiled with solc 0.6.12 (no bytecode on npm)",
      build: async () => [
        await connection.ethers.getContractFactory(SUSHI_FACTORY_ARTIFACT),
        [admin],
      ],
    },
    {
      name: "Authorizer",
      address: MAINNET.balancerAuthorizer,
      source: "@balancer-labs/v2-deployments 20210418-authorizer (mainnet bytecode)",
      build: async () => [await npm(npmArtifacts.balancerAuthorizer()), [admin]],
    },
    {
      name: "Vault",
      address: MAINNET.balancerVault,
      source: "@balancer-labs/v2-deployments 20210418-vault (mainnet bytecode)",
      build: async () => [
        await npm(npmArtifacts.balancerVault()),
        [
          MAINNET.balancerAuthorizer,
          MAINNET.weth,
          BALANCER_PAUSE_WINDOW_SECONDS,
          BALANCER_BUFFER_PERIOD_SECONDS,
        ],
      ],
    },
    {
      name: "ProtocolFeePercentagesProvider",
      address: MAINNET.balancerFeeProvider,
      source: "@balancer-labs/v2-deployments 20220725 (mainnet bytecode)",
      build: async () => [
        await npm(npmArtifacts.balancerFeeProvider()),
        [MAINNET.balancerVault, BALANCER_MAX_YIELD_FEE, BALANCER_MAX_AUM_FEE],
      ],
    },
    {
      name: "WeightedPoolFactory",
      address: MAINNET.balancerWeightedPoolFactoryV4,
      source: "weighted pool factory v3 (20230206) at v4's address: v4 is not on npm",
      build: async () => [
        await npm(npmArtifacts.balancerWeightedPoolFactory()),
        [
          MAINNET.balancerVault,
          MAINNET.balancerFeeProvider,
          WEIGHTED_FACTORY_VERSION,
          WEIGHTED_POOL_VERSION,
        ],
      ],
    },
  ];
  if (!(await placed(connection))) {
    for (const p of plan) {
      const [factory, args] = await p.build();
      await place(connection, p.address, factory, args);
    }
  }
  return plan.map(({ name, address, source }) => ({ name, address, source }));
}
