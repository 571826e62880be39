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
   *  bytecode change, so a "kill" there says nothing about behaviour), and fork-only suites. */
  excludeTests: RegExp[];
  /** Where tests live, for the default ownership rule. */
  testRoots: string[];
}

export const config: MutationConfig = {
  include: ["contracts/core/*.sol", "contracts/libraries/*.sol"],
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
    CycleManager: [
      "test/unit/CycleManager/*.ts",
      "test/integration/core/*.ts",
      "test/solidity/invariant/ReactorInvariants.t.sol",
    ],
    CycleLedgerLib: [
      "test/integration/properties/ldstaking.ts",
      "test/unit/Reactor/redemptions.ts",
      "test/unit/LDStaking/*.ts",
      "test/integration/core/attacks.ts",
      "test/solidity/ReactorConformance.t.sol",
      "test/solidity/invariant/ReactorInvariants.t.sol",
    ],
    LiquidityAllocator: [
      "test/integration/venues/allocator.ts",
      "test/integration/venues/fees-and-losses.ts",
      "test/integration/venues/stake-slash.ts",
      "test/integration/venues/sandwich.ts",
      "test/integration/properties/*.ts",
      "test/solidity/invariant/VenueInvariants.t.sol",
    ],
    LDStaking: [
      "test/unit/LDStaking/*.ts",
      "test/integration/venues/stake-slash.ts",
      "test/integration/directors/attacks.ts",
      "test/integration/properties/*.ts",
      "test/solidity/invariant/DirectorsInvariants.t.sol",
    ],
    EmissionController: [
      "test/unit/EmissionController/*.ts",
      "test/integration/directors/emissions.ts",
      "test/integration/directors/attacks.ts",
      "test/solidity/invariant/DirectorsInvariants.t.sol",
    ],
    EmissionMathLib: [
      "test/solidity/EmissionMathLib.t.sol",
      "test/unit/EmissionController/*.ts",
      "test/integration/directors/emissions.ts",
    ],
    VoteTallyLib: [
      "test/unit/EmissionController/*.ts",
      "test/integration/directors/*.ts",
      "test/solidity/invariant/DirectorsInvariants.t.sol",
    ],
    Treasury: ["test/unit/Treasury/*.ts", "test/integration/venues/fees-and-losses.ts"],
    V2MathLib: [
      "test/solidity/V2MathLib.t.sol",
      "test/integration/venues/uniswap-v2-style.ts",
      "test/integration/venues/allocator.ts",
    ],
    LiquidityMathLib: [
      "test/solidity/properties/LiquidityMathLib.t.sol",
      "test/integration/properties/allocator.ts",
      "test/integration/venues/allocator.ts",
      "test/integration/venues/uniswap-v2-style.ts",
      "test/integration/venues/balancer-v2-weighted.ts",
    ],
  },
  excludeTests: [/gas/i, /sizes/i, /^test\/e2e\//, /mainnet-fork/, /\/helpers\//],
  testRoots: ["test/unit", "test/integration", "test/solidity"],
};
