import { expect } from "chai";
import hre from "hardhat";

/** EIP-170: the most bytes of runtime code a contract may deploy. */
const MAX_CODE_BYTES = 24_576;

// Pins each core contract's runtime size (10,000 optimizer runs) so growth is noticed in review.
const LIMITS: Record<string, number> = {
  Reactor: 19_000, // the hot paths; built for size (runs 200, see hardhat.config.ts)
  ReactorModule: 20_000, // the cold paths, run by DELEGATECALL
  // + the allocator step and the keeper-bounded path (venues issue), per-Reactor isolation,
  // catch-up of missed settlements, one Reactor per asset (issues 11, 19).
  CycleManager: 12_000,
  Treasury: 6_500, // + protocol-controlled liquidity (issue 14)
  WethGateway: 2_500,
  ProtocolRoles: 4_000, // enumerable members + the DAO hand-over (issue 14)
  TokeGovernor: 22_000,
  StakeVotes: 7_500,
  FeeDistributor: 7_000, // + packed books (issue 17): checked casts into the shared slots
  LDCompensation: 4_500,
  Toke: 9_000,
};

describe("contract sizes", () => {
  for (const [name, limit] of Object.entries(LIMITS)) {
    it(`${name} stays under ${limit} bytes (EIP-170: ${MAX_CODE_BYTES})`, async () => {
      const artifact = await hre.artifacts.readArtifact(name);
      const size = (artifact.deployedBytecode.length - 2) / 2;
      expect(size).to.be.lte(limit);
      expect(limit).to.be.lt(MAX_CODE_BYTES);
    });
  }
});
