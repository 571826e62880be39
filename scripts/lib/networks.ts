// Typed per-network configuration: how the system is deployed there and how the keeper behaves.
// Secrets (RPC URLs, keys) are not here: they come from .env or Hardhat's keystore through
// configVariable in hardhat.config.ts.
import type { ProtocolShape } from "../../deploy/compose.js";
import { ALL_VENUES } from "./protocol-config.js";

/** The keeper's behaviour on one network. */
export interface KeeperConfig {
  /** Reactors settled per `processReactors` transaction (bounded work per call). */
  readonly chunkSize: number;
  /** Blocks to wait after a transaction is mined before the next step. */
  readonly confirmations: number;
  /** `watch`: seconds between checks while no rollover is due. */
  readonly pollSeconds: number;
  /** Transient RPC failures: attempts per call, first back-off (ms), longest back-off (ms). */
  readonly retry: {
    readonly attempts: number;
    readonly baseDelayMs: number;
    readonly maxDelayMs: number;
  };
  /**
   * Seconds one JSON-RPC request may take (connect, headers, body) before it counts as failed
   * and is retried: a frozen node costs at most about attempts x this, plus the back-offs.
   */
  readonly rpcTimeoutSeconds: number;
  /** Seconds to wait for a sent transaction to be mined before giving up. */
  readonly txTimeoutSeconds: number;
  /** Most rollovers one `rollover` run performs when the schedule is behind (catch-up). */
  readonly maxCatchUpCycles: number;
  /** `status`: how many blocks back to search for the last rollover's events. */
  readonly logLookbackBlocks: number;
  /**
   * Slippage allowance (bps) the keeper passes with `processReactorsWithBounds` when it holds
   * KEEPER_ROLE; at most governance's maximum. 0: governance's maximum.
   */
  readonly slippageBps: number;
  /** Seconds each venue move stays valid after the keeper sends its chunk. */
  readonly moveDeadlineSeconds: number;
  /**
   * How long before a cycle ends the keeper records TWAP observations (and posts prices): at
   * least the oracle's minimum window, so the rollover prices against a settled average.
   */
  readonly oracleLeadSeconds: number;
}

/** Everything network-specific. */
export interface NetworkProfile {
  /** The Hardhat network name (hardhat.config.ts). */
  readonly network: string;
  /** Chain ids the parameter file was written for (checked before every deploy and keeper run). */
  readonly chainIds: readonly number[];
  /** Where the DEX venues come from: deployed here, the mainnet fork's, or already on-chain. */
  readonly dex: "local" | "fork" | "existing";
  /** The whole-system module's shape. */
  readonly shape: ProtocolShape;
  /** Ignition parameters, relative to the repository root. */
  readonly parametersFile: string;
  readonly keeper: KeeperConfig;
}

const LOCAL_KEEPER: KeeperConfig = {
  chunkSize: 2,
  confirmations: 1,
  pollSeconds: 2,
  retry: { attempts: 5, baseDelayMs: 200, maxDelayMs: 5_000 },
  rpcTimeoutSeconds: 10,
  txTimeoutSeconds: 60,
  maxCatchUpCycles: 52,
  logLookbackBlocks: 1_000_000,
  slippageBps: 50,
  moveDeadlineSeconds: 600,
  oracleLeadSeconds: 3600,
};

/** Hardhat's chains (in-process, `hardhat node`, forks and the replica) are chain 31337. */
const HARDHAT_CHAIN_ID = 31_337;

const LOCAL: Omit<NetworkProfile, "network"> = {
  chainIds: [HARDHAT_CHAIN_ID],
  dex: "local",
  shape: {
    assets: "local",
    handOverGovernance: false,
    venues: ALL_VENUES,
    // ALCX pairs with WETH (half of tWETH's deployable assets), FXS with USDC (all of tUSDC's).
    pairings: { ALCX: { base: "WETH", shareBps: 5_000 }, FXS: { base: "USDC", shareBps: 10_000 } },
  },
  parametersFile: "deploy/parameters/local.json",
  keeper: LOCAL_KEEPER,
};

const SEPOLIA: NetworkProfile = {
  network: "sepolia",
  chainIds: [11_155_111],
  dex: "existing",
  // Uniswap V2's Sepolia factory is published (deploy/parameters/sepolia.json); add SushiSwap
  // and Balancer here with their addresses once confirmed.
  shape: { assets: "external", handOverGovernance: true, venues: ["uniswap"], pairings: {} },
  parametersFile: "deploy/parameters/sepolia.json",
  keeper: {
    chunkSize: 8,
    confirmations: 2,
    pollSeconds: 60,
    retry: { attempts: 8, baseDelayMs: 1_000, maxDelayMs: 60_000 },
    rpcTimeoutSeconds: 30,
    txTimeoutSeconds: 600,
    maxCatchUpCycles: 10,
    // A week of 12-second blocks: enough to reach the last rollover.
    logLookbackBlocks: 60_000,
    slippageBps: 50,
    moveDeadlineSeconds: 1_800,
    oracleLeadSeconds: 3_600,
  },
};

const MAINNET_FORK: NetworkProfile = {
  network: "mainnetFork",
  // Mainnet itself (a fork keeps chain 1 when configured so) or Hardhat's fork id.
  chainIds: [1, HARDHAT_CHAIN_ID],
  dex: "fork",
  // Only the base Reactors: project Reactors are listed later by governance.
  shape: { assets: "external", handOverGovernance: false, venues: ALL_VENUES, pairings: {} },
  parametersFile: "deploy/parameters/mainnet-fork.json",
  keeper: LOCAL_KEEPER,
};

export const PROFILES: Readonly<Record<string, NetworkProfile>> = {
  // Hardhat's in-process chain (`network.create()`), and a `hardhat node` reached over HTTP.
  default: { network: "default", ...LOCAL },
  localhost: { network: "localhost", ...LOCAL },
  mainnetFork: MAINNET_FORK,
  // A local chain with mainnet's DEX and token bytecode at mainnet's addresses
  // (scripts/lib/replica.ts), deployed to with mainnet's parameters unchanged.
  mainnetReplica: { ...MAINNET_FORK, network: "mainnetReplica" },
  sepolia: SEPOLIA,
  // The keeper's own account on Sepolia (hardhat.config.ts): same chain, same deployment.
  sepoliaKeeper: { ...SEPOLIA, network: "sepoliaKeeper" },
};

/** The profile of `network`; fails with the list of known networks otherwise. */
export function profileFor(network: string): NetworkProfile {
  const profile = PROFILES[network];
  if (profile === undefined) {
    throw new Error(
      `no deployment profile for network "${network}" (known: ${Object.keys(PROFILES).join(", ")}); add one in scripts/lib/networks.ts`,
    );
  }
  return profile;
}
