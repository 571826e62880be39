import { BALANCER_TASK, balancerMainnetAddress } from "./artifacts.js";

/** Ethereum mainnet addresses used by fork mode (`MAINNET_RPC_URL`). */
export interface MainnetAddresses {
  readonly weth: string;
  readonly usdc: string;
  readonly uniswapV2Factory: string;
  readonly uniswapV2Router02: string;
  readonly sushiswapFactory: string;
  readonly balancerVault: string;
  readonly balancerAuthorizer: string;
  readonly balancerFeeProvider: string;
  /** Weighted pool factory v3: the version the local world deploys; deprecated on mainnet. */
  readonly balancerWeightedPoolFactoryV3: string;
  /**
   * Weighted pool factory v4 (task 20230320-weighted-pool-v4, deployed at block 16878323), which
   * superseded v3. @balancer-labs/v2-deployments 3.2.0 predates it, so the address is written
   * here rather than read from the package. Fork mode creates pools through it.
   */
  readonly balancerWeightedPoolFactoryV4: string;
}

export const MAINNET: MainnetAddresses = {
  weth: "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2",
  usdc: "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48",
  uniswapV2Factory: "0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f",
  uniswapV2Router02: "0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D",
  sushiswapFactory: "0xC0AEe478e3658e2610c5F7A4A2E1777cE9e4f2Ac",
  // Balancer's own deployment records, shipped in the npm package: the single source of truth.
  balancerVault: balancerMainnetAddress(BALANCER_TASK.vault, "Vault"),
  balancerAuthorizer: balancerMainnetAddress(BALANCER_TASK.authorizer, "Authorizer"),
  balancerFeeProvider: balancerMainnetAddress(
    BALANCER_TASK.feeProvider,
    "ProtocolFeePercentagesProvider",
  ),
  balancerWeightedPoolFactoryV3: balancerMainnetAddress(
    BALANCER_TASK.weightedPool,
    "WeightedPoolFactory",
  ),
  balancerWeightedPoolFactoryV4: "0x897888115Ada5773E02aA29F775430BFB5F34c51",
};

/**
 * keccak256 of each venue's pair creation code on mainnet. Uniswap's Router02 hard-codes the
 * first (and the npm factory bytecode reproduces it); SushiSwap's Router02 hard-codes the second,
 * which a local compile of SushiSwap's pair does not reproduce (metadata hash, compiler settings).
 */
export const MAINNET_PAIR_INIT_CODE_HASH = {
  uniswapV2: "0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f",
  sushiswap: "0xe18a34eb0e04b04f7a0ac29a6e80748dca96319b42c54d679cb821dca90c6303",
} as const;
