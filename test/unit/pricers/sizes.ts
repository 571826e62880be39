import { expect } from "chai";
import hre from "hardhat";

/** EIP-170: the most bytes of runtime code a contract may deploy. */
const MAX_CODE_BYTES = 24_576;

// Pins the pricer contracts' runtime sizes (10,000 optimizer runs) so growth is noticed in review.
const LIMITS: Record<string, number> = {
  PricerPool: 19_000,
  PricerRegistry: 10_000,
};

describe("pricer contract sizes", () => {
  for (const [name, limit] of Object.entries(LIMITS)) {
    it(`${name} stays under ${limit} bytes (EIP-170: ${MAX_CODE_BYTES})`, async () => {
      const artifact = await hre.artifacts.readArtifact(name);
      const size = (artifact.deployedBytecode.length - 2) / 2;
      expect(size).to.be.lte(limit);
      expect(limit).to.be.lt(MAX_CODE_BYTES);
    });
  }
});
