import { expect } from "chai";
import { network } from "hardhat";

const DAY = 24n * 3600n;

describe("FeeDistributor: wiring", () => {
  it("can never be deployed paying a zero token or listening to a zero stake source", async () => {
    const { ethers } = await network.create();
    const [governance, source] = await ethers.getSigners();
    const roles = await ethers.deployContract("ProtocolRoles", [governance.address]);
    const reward = await ethers.deployContract("TestERC20", ["Wrapped Ether", "WETH", 18]);
    const args = (token: string, from: string) => [roles.getAddress(), token, from, 7n * DAY];
    const factory = await ethers.getContractFactory("FeeDistributor");
    await expect(
      ethers.deployContract("FeeDistributor", args(ethers.ZeroAddress, source.address)),
    ).to.be.revertedWithCustomError(factory, "FeeDistributorZero");
    await expect(
      ethers.deployContract("FeeDistributor", args(await reward.getAddress(), ethers.ZeroAddress)),
    ).to.be.revertedWithCustomError(factory, "FeeDistributorZero");
    // The same wiring with both set deploys, and pays in the token it was given.
    const fd = await ethers.deployContract(
      "FeeDistributor",
      args(await reward.getAddress(), source.address),
    );
    expect(await fd.distributionSeconds()).to.equal(7n * DAY);
    expect(await fd.rewardToken()).to.equal(await reward.getAddress());
  });
});
