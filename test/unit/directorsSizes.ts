import { expect } from "chai";
import hre from "hardhat";

/** EIP-170: the most bytes of runtime code a contract may deploy. */
const MAX_CODE_BYTES = 24_576;

// Pins the runtime size of the LD-side contracts (10,000 optimizer runs) so growth is noticed.
const LIMITS: Record<string, number> = {
  LDStaking: 22_000, // includes the venues issue's slash hook and venueWeights, and the DAO's stake-votes hook
  LDVoteRelay: 4_500,
  VenueRegistry: 5_000,
  EmissionController: 17_000, // + the LD rate cap, coverage, the singularity and the coverage curve (issues #14, #19)
  PriceFeed: 4_500,
};

describe("LD-side contract sizes", () => {
  for (const [name, limit] of Object.entries(LIMITS)) {
    it(`${name} stays under ${limit} bytes (EIP-170: ${MAX_CODE_BYTES})`, async () => {
      const artifact = await hre.artifacts.readArtifact(name);
      expect((artifact.deployedBytecode.length - 2) / 2).to.be.lte(limit);
      expect(limit).to.be.lt(MAX_CODE_BYTES);
    });
  }
});
