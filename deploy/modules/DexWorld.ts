import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { npmArtifacts } from "../../scripts/lib/artifacts.js";
import {
  BALANCER_BUFFER_PERIOD_SECONDS,
  BALANCER_MAX_AUM_FEE,
  BALANCER_MAX_YIELD_FEE,
  BALANCER_PAUSE_WINDOW_SECONDS,
  SUSHI_FACTORY_ARTIFACT,
  WEIGHTED_FACTORY_VERSION,
  WEIGHTED_POOL_VERSION,
} from "../../scripts/lib/dex-config.js";

/**
 * The local DEX world (the same contracts as deployDexWorld in scripts/lib/dex-world.ts):
 * WETH9, Uniswap V2 factory + Router02 and Balancer V2 (Authorizer, Vault, fee provider,
 * weighted pool factory v3) from the bytecode their npm packages ship, and SushiSwap's factory
 * compiled here from source. Account 0 holds every admin role. For local chains only: on a
 * mainnet fork or a testnet, use the venues' real deployments (scripts/lib/addresses.ts).
 */
export default buildModule("DexWorld", (m) => {
  const admin = m.getAccount(0);
  const weth = m.contract("WETH9", npmArtifacts.weth9());
  const uniswapV2Factory = m.contract("UniswapV2Factory", npmArtifacts.uniswapV2Factory(), [admin]);
  const uniswapV2Router02 = m.contract("UniswapV2Router02", npmArtifacts.uniswapV2Router02(), [
    uniswapV2Factory,
    weth,
  ]);
  const sushiswapFactory = m.contract(SUSHI_FACTORY_ARTIFACT, [admin], { id: "SushiSwapFactory" });
  const balancerAuthorizer = m.contract("Authorizer", npmArtifacts.balancerAuthorizer(), [admin]);
  const balancerVault = m.contract("Vault", npmArtifacts.balancerVault(), [
    balancerAuthorizer,
    weth,
    BALANCER_PAUSE_WINDOW_SECONDS,
    BALANCER_BUFFER_PERIOD_SECONDS,
  ]);
  const balancerFeeProvider = m.contract(
    "ProtocolFeePercentagesProvider",
    npmArtifacts.balancerFeeProvider(),
    [balancerVault, BALANCER_MAX_YIELD_FEE, BALANCER_MAX_AUM_FEE],
  );
  const balancerWeightedPoolFactory = m.contract(
    "WeightedPoolFactory",
    npmArtifacts.balancerWeightedPoolFactory(),
    [balancerVault, balancerFeeProvider, WEIGHTED_FACTORY_VERSION, WEIGHTED_POOL_VERSION],
  );
  return {
    weth,
    uniswapV2Factory,
    uniswapV2Router02,
    sushiswapFactory,
    balancerAuthorizer,
    balancerVault,
    balancerFeeProvider,
    balancerWeightedPoolFactory,
  };
});
