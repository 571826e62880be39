import type {
  AddressLike,
  BaseContract,
  BaseContractMethod,
  BigNumberish,
  BytesLike,
  ContractRunner,
  ContractTransactionResponse,
} from "ethers";

/**
 * Typed handles for the DEX contracts. The ABIs come from the npm artifacts (see artifacts.ts);
 * these interfaces type only the members our tests, scripts and adapters use.
 */
export type View<A extends unknown[], R> = BaseContractMethod<A, R, R>;
export type Send<A extends unknown[], R = void> = BaseContractMethod<
  A,
  R,
  ContractTransactionResponse
>;

/** A contract handle whose `connect` keeps its type (as typechain's bindings do). */
export interface Handle extends BaseContract {
  connect(runner: ContractRunner | null): this;
}

export interface Erc20 extends Handle {
  name: View<[], string>;
  symbol: View<[], string>;
  decimals: View<[], bigint>;
  totalSupply: View<[], bigint>;
  balanceOf: View<[account: AddressLike], bigint>;
  allowance: View<[owner: AddressLike, spender: AddressLike], bigint>;
  approve: Send<[spender: AddressLike, amount: BigNumberish], boolean>;
  transfer: Send<[to: AddressLike, amount: BigNumberish], boolean>;
}

/** test/solidity/tokens/TestERC20.sol: anyone may mint. */
export interface TestToken extends Erc20 {
  mint: Send<[to: AddressLike, amount: BigNumberish]>;
}

export interface Weth9 extends Erc20 {
  deposit: Send<[]>;
  withdraw: Send<[amount: BigNumberish]>;
}

export interface V2Factory extends Handle {
  createPair: Send<[tokenA: AddressLike, tokenB: AddressLike], string>;
  getPair: View<[tokenA: AddressLike, tokenB: AddressLike], string>;
  allPairsLength: View<[], bigint>;
  feeTo: View<[], string>;
}

/** SushiSwap's factory exposes the hash of the pair creation code it deploys with CREATE2. */
export interface SushiFactory extends V2Factory {
  pairCodeHash: View<[], string>;
}

export interface V2Pair extends Erc20 {
  factory: View<[], string>;
  token0: View<[], string>;
  token1: View<[], string>;
  getReserves: View<[], [reserve0: bigint, reserve1: bigint, blockTimestampLast: bigint]>;
  mint: Send<[to: AddressLike], bigint>;
  burn: Send<[to: AddressLike], [amount0: bigint, amount1: bigint]>;
  swap: Send<
    [amount0Out: BigNumberish, amount1Out: BigNumberish, to: AddressLike, data: BytesLike]
  >;
}

export interface V2Router extends Handle {
  factory: View<[], string>;
  WETH: View<[], string>;
  addLiquidity: Send<
    [
      tokenA: AddressLike,
      tokenB: AddressLike,
      amountADesired: BigNumberish,
      amountBDesired: BigNumberish,
      amountAMin: BigNumberish,
      amountBMin: BigNumberish,
      to: AddressLike,
      deadline: BigNumberish,
    ],
    [amountA: bigint, amountB: bigint, liquidity: bigint]
  >;
  swapExactTokensForTokens: Send<
    [
      amountIn: BigNumberish,
      amountOutMin: BigNumberish,
      path: AddressLike[],
      to: AddressLike,
      deadline: BigNumberish,
    ],
    bigint[]
  >;
  getAmountsOut: View<[amountIn: BigNumberish, path: AddressLike[]], bigint[]>;
}

/** Balancer V2's swap kinds (IVault.SwapKind). */
export enum SwapKind {
  GivenIn = 0,
  GivenOut = 1,
}

export interface SingleSwap {
  poolId: BytesLike;
  kind: SwapKind;
  assetIn: AddressLike;
  assetOut: AddressLike;
  amount: BigNumberish;
  userData: BytesLike;
}

export interface FundManagement {
  sender: AddressLike;
  fromInternalBalance: boolean;
  recipient: AddressLike;
  toInternalBalance: boolean;
}

export interface JoinPoolRequest {
  assets: AddressLike[];
  maxAmountsIn: BigNumberish[];
  userData: BytesLike;
  fromInternalBalance: boolean;
}

export interface ExitPoolRequest {
  assets: AddressLike[];
  minAmountsOut: BigNumberish[];
  userData: BytesLike;
  toInternalBalance: boolean;
}

export interface BalancerVault extends Handle {
  WETH: View<[], string>;
  getAuthorizer: View<[], string>;
  getProtocolFeesCollector: View<[], string>;
  getPool: View<[poolId: BytesLike], [pool: string, specialization: bigint]>;
  getPoolTokens: View<
    [poolId: BytesLike],
    [tokens: string[], balances: bigint[], lastChangeBlock: bigint]
  >;
  joinPool: Send<
    [poolId: BytesLike, sender: AddressLike, recipient: AddressLike, request: JoinPoolRequest]
  >;
  exitPool: Send<
    [poolId: BytesLike, sender: AddressLike, recipient: AddressLike, request: ExitPoolRequest]
  >;
  swap: Send<
    [singleSwap: SingleSwap, funds: FundManagement, limit: BigNumberish, deadline: BigNumberish],
    bigint
  >;
}

export interface BalancerAuthorizer extends Handle {
  canPerform: View<[actionId: BytesLike, account: AddressLike, where: AddressLike], boolean>;
}

export interface BalancerFeeProvider extends Handle {
  getFeeTypePercentage: View<[feeType: BigNumberish], bigint>;
}

export interface WeightedPoolFactory extends Handle {
  getVault: View<[], string>;
  isDisabled: View<[], boolean>;
}

/** Factory v3's create (20230206-weighted-pool-v3): no salt. */
export interface WeightedPoolFactoryV3 extends WeightedPoolFactory {
  create: Send<
    [
      name: string,
      symbol: string,
      tokens: AddressLike[],
      normalizedWeights: BigNumberish[],
      rateProviders: AddressLike[],
      swapFeePercentage: BigNumberish,
      owner: AddressLike,
    ],
    string
  >;
}

/** Factory v4's create (20230320-weighted-pool-v4): v3's arguments plus a CREATE2 salt. */
export interface WeightedPoolFactoryV4 extends WeightedPoolFactory {
  create: Send<
    [
      name: string,
      symbol: string,
      tokens: AddressLike[],
      normalizedWeights: BigNumberish[],
      rateProviders: AddressLike[],
      swapFeePercentage: BigNumberish,
      owner: AddressLike,
      salt: BytesLike,
    ],
    string
  >;
}

export interface WeightedPool extends Erc20 {
  getPoolId: View<[], string>;
  getVault: View<[], string>;
  getNormalizedWeights: View<[], bigint[]>;
  getSwapFeePercentage: View<[], bigint>;
  getInvariant: View<[], bigint>;
  /** Supply including protocol-fee BPT owed but not yet minted (joins and exits price on it). */
  getActualSupply: View<[], bigint>;
}
