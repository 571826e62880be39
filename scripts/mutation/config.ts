// What the mutation run plants bugs in, and which tests own each contract.
// Kept small on purpose: files are found by glob over the current tree, so a contract that is
// split or renamed keeps being mutated, and a contract with no explicit owners falls back to the
// tests whose path or text names it.

export interface MutationConfig {
  /** Globs (relative to the project root) of the Solidity files to mutate. */
  include: string[];
  /** File names (basename) that hold or move no value: never mutated. */
  exclude: string[];
  /** Contract file basename (without .sol) -> globs of the test files that own it. */
  owners: Record<string, string[]>;
  /** Test files never used as owners: gas tables, size pins and e2e runs (they fail on any
   *  bytecode change, so a "kill" there says nothing about behaviour), and fork-only suites. */ excludeTests: RegExp[];
  /** Where tests live, for the default ownership rule. */
  testRoots: string[];
  /** Contracts (basenames without .sol) whose builds are small and whose owning tests run in
   *  seconds: the pool small samples (`--sample N`, N <= 10, the CI sample) draw from. */
  fastFiles: string[];
}

// LDStaking and its abstract base (storage, wiring, views) are owned by the same tests.
const LD_STAKING_TESTS = [
  "test/unit/LDStaking/*.ts",
  "test/integration/properties/ldstaking.ts",
  "test/integration/venues/stake-slash.ts",
  "test/integration/directors/attacks.ts",
  "test/solidity/invariant/DirectorsInvariants.t.sol",
];

export const config: MutationConfig = {
  include: [
    "contracts/core/*.sol",
    "contracts/core/allocator/*.sol",
    "contracts/libraries/*.sol",
    "contracts/governance/FeeDistributor.sol",
    "contracts/pricers/PricerPool.sol",
  ],
  exclude: [
    // Access plumbing, the token itself, the registry, vote relay, the WETH wrapper helper and
    // the launch sale's math: no value is held or moved by their arithmetic on the money path.
    "RoleGated.sol",
    "Toke.sol",
    "VenueRegistry.sol",
    "LDVoteRelay.sol",
    "WethGateway.sol",
    "PriceFeed.sol",
    "DeGenesisLib.sol",
    "ElectionLib.sol",
    // Declarations only (storage layout, parameter structs): nothing to mutate that a test sees.
    "ReactorStorage.sol",
    "EmissionParams.sol",
    // Quote formatting for the pricers' keepers; the pricer's value path is PricerPool itself.
    "QuoteLib.sol",
  ],

  owners: {
    Reactor: [
      "test/unit/Reactor/redemptions.ts",
      "test/unit/Reactor/token.ts",
      "test/unit/Reactor/admin.ts",
      "test/integration/core/attacks.ts",
      "test/integration/core/lifecycle.ts",
      "test/solidity/ReactorConformance.t.sol",
      "test/solidity/invariant/ReactorInvariants.t.sol",
    ],
    ReactorModule: [
      "test/unit/Reactor/redemptions.ts",
      "test/unit/Reactor/token.ts",
      "test/unit/Reactor/admin.ts",
      "test/integration/core/attacks.ts",
      "test/integration/core/lifecycle.ts",
      "test/solidity/ReactorConformance.t.sol",
      "test/solidity/invariant/ReactorInvariants.t.sol",
    ],
    ReactorToken: [
      "test/unit/Reactor/redemptions.ts",
      "test/unit/Reactor/token.ts",
      "test/unit/Reactor/admin.ts",
      "test/integration/core/attacks.ts",
      "test/integration/core/lifecycle.ts",
      "test/solidity/ReactorConformance.t.sol",
      "test/solidity/invariant/ReactorInvariants.t.sol",
    ],
    ReactorAccounts: [
      "test/unit/Reactor/redemptions.ts",
      "test/unit/Reactor/token.ts",
      "test/unit/Reactor/admin.ts",
      "test/integration/core/attacks.ts",
      "test/integration/core/lifecycle.ts",
      "test/solidity/ReactorConformance.t.sol",
      "test/solidity/invariant/ReactorInvariants.t.sol",
    ],
    ReactorViews: [
      "test/unit/Reactor/redemptions.ts",
      "test/unit/Reactor/token.ts",
      "test/unit/Reactor/admin.ts",
      "test/integration/core/attacks.ts",
      "test/integration/core/lifecycle.ts",
      "test/solidity/ReactorConformance.t.sol",
      "test/solidity/invariant/ReactorInvariants.t.sol",
    ],
    RedemptionLib: [
      "test/solidity/properties/RedemptionLib.t.sol",
      "test/unit/Reactor/redemptions.ts",
      "test/unit/Reactor/token.ts",
      "test/unit/Reactor/admin.ts",
      "test/integration/core/attacks.ts",
      "test/integration/core/lifecycle.ts",
      "test/solidity/ReactorConformance.t.sol",
      "test/solidity/invariant/ReactorInvariants.t.sol",
    ],
    CycleManager: [
      "test/unit/CycleManager/*.ts",
      "test/integration/core/lifecycle.ts",
      "test/integration/core/attacks.ts",
      "test/integration/core/fairness.ts",
      "test/solidity/invariant/RolloverInvariants.t.sol",
      "test/solidity/invariant/ReactorInvariants.t.sol",
    ],
    CycleLedgerLib: [
      "test/unit/LDStaking/*.ts",
      "test/unit/Reactor/redemptions.ts",
      "test/integration/properties/ldstaking.ts",
      "test/integration/core/attacks.ts",
      "test/solidity/ReactorConformance.t.sol",
      "test/solidity/invariant/ReactorInvariants.t.sol",
    ],
    LiquidityAllocator: [
      "test/integration/venues/allocator.ts",
      "test/integration/properties/allocator.ts",
      "test/integration/venues/fees-and-losses.ts",
      "test/integration/venues/stake-slash.ts",
      "test/integration/venues/sandwich.ts",
      "test/integration/properties/oracle-observations.ts",
      "test/integration/core/liveness.ts",
      "test/solidity/invariant/VenueInvariants.t.sol",
    ],
    AllocatorBase: [
      "test/integration/venues/allocator.ts",
      "test/integration/properties/allocator.ts",
      "test/integration/venues/fees-and-losses.ts",
      "test/integration/venues/stake-slash.ts",
      "test/integration/venues/sandwich.ts",
      "test/integration/properties/oracle-observations.ts",
      "test/integration/core/liveness.ts",
      "test/solidity/invariant/VenueInvariants.t.sol",
    ],
    AllocatorFees: [
      "test/integration/venues/allocator.ts",
      "test/integration/core/fairness.ts",
      "test/integration/properties/allocator.ts",
      "test/integration/venues/fees-and-losses.ts",
      "test/integration/venues/stake-slash.ts",
      "test/integration/venues/sandwich.ts",
      "test/integration/properties/oracle-observations.ts",
      "test/integration/core/liveness.ts",
      "test/solidity/invariant/VenueInvariants.t.sol",
    ],
    AllocatorMoves: [
      "test/integration/venues/allocator.ts",
      "test/integration/properties/allocator.ts",
      "test/integration/venues/fees-and-losses.ts",
      "test/integration/venues/stake-slash.ts",
      "test/integration/venues/sandwich.ts",
      "test/integration/properties/oracle-observations.ts",
      "test/integration/core/liveness.ts",
      "test/solidity/invariant/VenueInvariants.t.sol",
    ],
    AllocatorWaterfall: [
      "test/integration/venues/allocator.ts",
      "test/integration/properties/allocator.ts",
      "test/integration/venues/fees-and-losses.ts",
      "test/integration/venues/stake-slash.ts",
      "test/integration/venues/sandwich.ts",
      "test/integration/properties/oracle-observations.ts",
      "test/integration/core/liveness.ts",
      "test/solidity/invariant/VenueInvariants.t.sol",
    ],
    AllocationMathLib: [
      "test/integration/venues/allocator.ts",
      "test/integration/properties/allocator.ts",
      "test/solidity/properties/AllocationMathLib.t.sol",
      "test/solidity/invariant/VenueInvariants.t.sol",
    ],
    LDStaking: LD_STAKING_TESTS,
    LDStakingBooks: LD_STAKING_TESTS,
    EmissionController: [
      "test/unit/EmissionController/*.ts",
      "test/integration/directors/emissions.ts",
      "test/integration/directors/attacks.ts",
      "test/solidity/EmissionSplit.t.sol",
      "test/solidity/invariant/DirectorsInvariants.t.sol",
    ],
    EmissionMathLib: [
      "test/unit/EmissionController/*.ts",
      "test/integration/directors/emissions.ts",
      "test/solidity/EmissionMathLib.t.sol",
      "test/solidity/EmissionSplit.t.sol",
    ],
    VoteTallyLib: [
      "test/unit/EmissionController/*.ts",
      "test/integration/directors/*.ts",
      "test/solidity/invariant/DirectorsInvariants.t.sol",
    ],
    FeeDistributor: [
      "test/unit/FeeDistributor/*.ts",
      "test/unit/governance/coverage-FeeDistributor.ts",
      "test/integration/governance/lifecycle.ts",
      "test/integration/governance/attacks.ts",
      "test/solidity/FeeDistributor.t.sol",
    ],
    Treasury: ["test/unit/Treasury/*.ts", "test/integration/venues/fees-and-losses.ts"],
    V2MathLib: [
      "test/integration/venues/uniswap-v2-style.ts",
      "test/integration/venues/allocator.ts",
      "test/solidity/V2MathLib.t.sol",
    ],
    LiquidityMathLib: [
      "test/integration/properties/allocator.ts",
      "test/integration/venues/allocator.ts",
      "test/integration/venues/uniswap-v2-style.ts",
      "test/integration/venues/balancer-v2-weighted.ts",
      "test/solidity/properties/LiquidityMathLib.t.sol",
    ],
    QuoteMathLib: ["test/integration/pricers/fills.ts", "test/solidity/PricerQuoteMath.t.sol"],
    PricerPool: [
      "test/integration/pricers/fills.ts",
      "test/integration/pricers/attacks.ts",
      "test/solidity/invariant/PricerInvariants.t.sol",
    ],
  },
  excludeTests: [/gas/i, /sizes/i, /^test\/e2e\//, /mainnet-fork/, /\/helpers\//],
  testRoots: ["test/unit", "test/integration", "test/solidity"],
  fastFiles: ["Treasury", "EmissionMathLib", "QuoteMathLib", "VoteTallyLib"],
};
