import { expect } from "chai";
import { artifacts } from "hardhat";

// EIP-170: deployed code above 24,576 bytes cannot be deployed. The launch contracts stay well
// below it; these ceilings pin today's sizes (+~10%) so that growth is a visible decision.
const CEILINGS: Record<string, number> = {
  DeGenesis: 17_000,
  GenesisPool: 11_500,
  StakingPool: 9_500,
  CoreElection: 13_000,
  CoreFunding: 8_000,
};
const EIP170_LIMIT_BYTES = 24_576;

describe("Launch contract sizes", () => {
  for (const [name, ceiling] of Object.entries(CEILINGS)) {
    it(`${name} stays under ${ceiling} bytes`, async () => {
      const artifact = await artifacts.readArtifact(name);
      const size = (artifact.deployedBytecode.length - 2) / 2;
      expect(size).to.be.greaterThan(0);
      expect(size).to.be.lessThan(ceiling);
      expect(size).to.be.lessThan(EIP170_LIMIT_BYTES);
    });
  }
});
