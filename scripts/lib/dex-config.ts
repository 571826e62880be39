// Deployment parameters of the local DEX world, shared by scripts/lib/dex-world.ts (ethers) and
// deploy/modules/DexWorld.ts (Ignition). No Hardhat import here, so Ignition can load it on its own.

/**
 * SushiSwap's factory as this project compiles it from @sushiswap/core's source (see
 * contracts/external/SushiSwapV2.sol). There is no SushiSwap router in the world: Sushi's
 * Router02 computes pair addresses with mainnet's init-code hash (0xe18a34eb...), which our
 * compile of the pair does not reproduce, so a locally built router would address pairs that do
 * not exist. Helpers (and venue adapters) talk to Sushi pairs directly instead.
 */
export const SUSHI_FACTORY_ARTIFACT =
  "@sushiswap/core/contracts/uniswapv2/UniswapV2Factory.sol:UniswapV2Factory";
export const SUSHI_PAIR_ARTIFACT =
  "@sushiswap/core/contracts/uniswapv2/UniswapV2Pair.sol:UniswapV2Pair";

/** Balancer Vault constructor values, as on mainnet: pause window 90 days, buffer 30 days. */
export const BALANCER_PAUSE_WINDOW_SECONDS = 90n * 24n * 3600n;
export const BALANCER_BUFFER_PERIOD_SECONDS = 30n * 24n * 3600n;
/** Protocol fee caps of the fee provider (1e18 = 100%), the values mainnet was deployed with. */
export const BALANCER_MAX_YIELD_FEE = 5n * 10n ** 17n;
export const BALANCER_MAX_AUM_FEE = 5n * 10n ** 17n;
/** Version strings the weighted-pool factory reports; free-form JSON in Balancer's tasks. */
export const WEIGHTED_FACTORY_VERSION =
  '{"name":"WeightedPoolFactory","version":3,"deployment":"local"}';
export const WEIGHTED_POOL_VERSION = '{"name":"WeightedPool","version":3,"deployment":"local"}';
