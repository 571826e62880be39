import { expect } from "chai";
import hre from "hardhat";

/** EIP-170: the most bytes of runtime code a contract may deploy. */
const MAX_CODE_BYTES = 24_576;

// Pins each venue-layer contract's runtime size (10,000 optimizer runs) so growth is noticed.
const LIMITS: Record<string, number> = {
  // Built for size (200 optimizer runs, hardhat.config.ts); its units (AllocatorBase, Moves,
  // Fees, Waterfall, AllocationMathLib) are compiled into it.
  LiquidityAllocator: 19_500,
  // + swapExactIn: slashed TOKE sold for the asset a loss is owed in.
  UniswapV2StyleAdapter: 9_500,
  BalancerV2WeightedAdapter: 10_500,
  TwapOracle: 5_500,
};

describe("venue contract sizes", () => {
  for (const [name, limit] of Object.entries(LIMITS)) {
    it(`${name} stays under ${limit} bytes (EIP-170: ${MAX_CODE_BYTES})`, async () => {
      const artifact = await hre.artifacts.readArtifact(name);
      const size = (artifact.deployedBytecode.length - 2) / 2;
      expect(size).to.be.lte(limit);
      expect(limit).to.be.lt(MAX_CODE_BYTES);
    });
  }
});
