import { createRequire } from "node:module";
import "dotenv/config";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

// Compilers come from npm packages (WASM builds), so nothing is downloaded at build time.
// Hardhat needs absolute paths and the exact versions those packages carry.
const require = createRequire(import.meta.url);
const SOLC_VERSION = "0.8.30";
const SUSHI_SOLC_VERSION = "0.6.12";
const optimizer = { enabled: true, runs: 10_000 };
// The allocator, the Reactor and its module hold the most code: optimised for size first (EIP-170).
const compactSolc = {
  version: SOLC_VERSION,
  path: require.resolve("solc/soljson.js"),
  settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun" },
};
const COVERAGE = process.argv.includes("--coverage");
// The fuzzer's seed for every Solidity fuzz and invariant campaign (see `test.solidity`).
const SOLIDITY_TEST_SEED = "0x5eed000000000000000000000000000000000000000000000000000000000014";

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  // Ignition reads modules from <ignition>/modules and writes deployments to
  // <ignition>/deployments: both live under deploy/ (`hardhat ignition deploy deploy/modules/X.ts`).
  // A coverage run (`hardhat --coverage test`, scripts/test.sh) compiles instrumented bytecode:
  // it builds into coverage/build so that the plain artifacts, which the gas bench, the size
  // pins and the spawned e2e processes read, are never replaced by it.
  paths: {
    ignition: "deploy",
    ...(COVERAGE ? { artifacts: "coverage/build/artifacts", cache: "coverage/build/cache" } : {}),
  },
  solidity: {
    compilers: [
      {
        version: SOLC_VERSION,
        path: require.resolve("solc/soljson.js"),
        settings: { optimizer, evmVersion: "cancun" },
      },
      {
        // SushiSwap ships only Solidity source: its factory and pair are built with the
        // compiler they were written for (see contracts/external/SushiSwapV2.sol).
        version: SUSHI_SOLC_VERSION,
        path: require.resolve("solc-0612/soljson.js"),
        settings: { optimizer: { enabled: true, runs: 999_999 }, evmVersion: "istanbul" },
      },
    ],
    overrides: {
      "contracts/core/LiquidityAllocator.sol": compactSolc,
      "contracts/core/Reactor.sol": compactSolc,
      "contracts/core/ReactorModule.sol": compactSolc,
    },
    npmFilesToBuild: [
      "@sushiswap/core/contracts/uniswapv2/UniswapV2Factory.sol",
      "@sushiswap/core/contracts/uniswapv2/UniswapV2Pair.sol",
      // Governance's timelock (deploy/modules/Roles.ts), deployed as OpenZeppelin ships it.
      "@openzeppelin/contracts/governance/TimelockController.sol",
    ],
  },
  test: {
    // Solidity fuzz and invariant campaigns give the same verdict on every run of the same
    // bytecode: the seed is pinned here (not left to Hardhat's default), no failure directory
    // is set (so no earlier run's counterexamples are replayed), and invariant inputs never come
    // from the fuzz dictionary, whose values are gathered after each call by iterating the
    // call's state changes in a hash map seeded afresh per process (foundry-rs/foundry#13379):
    // with a non-zero weight the same seed picked different values in different processes.
    // The handlers bound every input, so the dictionary added little reach. The block number
    // and time a test starts at are the runner's fixed defaults (1 and 1).
    solidity: {
      fuzz: { runs: 256, seed: SOLIDITY_TEST_SEED },
      invariant: { runs: 256, depth: 32, failOnRevert: false, dictionaryWeight: 0 },
    },
  },
  typechain: { outDir: "typechain-types" },
  networks: {
    // Mainnet fork: used only when MAINNET_RPC_URL is set (see .env.example and test/helpers/fork.ts).
    mainnetFork: {
      type: "edr-simulated",
      chainType: "l1",
      forking: {
        url: configVariable("MAINNET_RPC_URL"),
        blockNumber: process.env.FORK_BLOCK ? Number(process.env.FORK_BLOCK) : undefined,
      },
    },
    // The offline mainnet replica: a local node (`npm run chain`) on which `deploy --network
    // mainnetReplica` places mainnet's venues and assets at their addresses (scripts/lib/replica.ts)
    // and deploys with mainnet's parameters; the node's own accounts sign.
    mainnetReplica: {
      type: "http",
      chainType: "l1",
      url: process.env.REPLICA_RPC_URL ?? "http://127.0.0.1:8545",
    },
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
    // The same chain for the keeper, signing with its own key (KEEPER_ROLE; never the deployer's).
    sepoliaKeeper: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("KEEPER_PRIVATE_KEY")],
    },
  },
});
