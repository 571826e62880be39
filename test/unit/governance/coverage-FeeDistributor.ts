// Coverage of FeeDistributor's zero checks (deployment, an empty distribution, a claim to the
// zero address) and its wiring views, through its public API only.
import { expect } from "chai";
import { network } from "hardhat";

const { ethers, networkHelpers } = await network.create();
const { loadFixture } = networkHelpers;

const WEEK = 7n * 24n * 3600n;
const E18 = 10n ** 18n;

async function deploy() {
  const [governance, source, holder] = await ethers.getSigners();
  const roles = await ethers.deployContract("ProtocolRoles", [governance.address]);
  const reward = await ethers.deployContract("TestERC20", ["Wrapped Ether", "WETH", 18]);
  const distributor = await ethers.deployContract("FeeDistributor", [
    roles,
    reward,
    source.address,
    WEEK,
  ]);
  return { governance, source, holder, roles, reward, distributor };
}

describe("coverage: FeeDistributor zero checks and views", () => {
  it("refuses a zero reward token or source at deployment", async () => {
    const f = await loadFixture(deploy);
    const factory = await ethers.getContractFactory("FeeDistributor");
    for (const [reward, source] of [
      [ethers.ZeroAddress, f.source.address],
      [await f.reward.getAddress(), ethers.ZeroAddress],
    ]) {
      await expect(factory.deploy(f.roles, reward, source, WEEK)).to.be.revertedWithCustomError(
        factory,
        "FeeDistributorZero",
      );
    }
    expect(await f.distributor.rewardToken()).to.equal(await f.reward.getAddress());
    expect(await f.distributor.source()).to.equal(f.source.address);
  });

  it("refuses an empty distribution and a claim to the zero address; commits only what it holds", async () => {
    const f = await loadFixture(deploy);
    await expect(f.distributor.distribute(0n)).to.be.revertedWithCustomError(
      f.distributor,
      "FeeDistributorZero",
    );
    await expect(
      f.distributor.connect(f.holder).claim(ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(f.distributor, "FeeDistributorZero");
    await f.reward.mint(f.distributor, 5n * E18);
    await expect(f.distributor.distribute(6n * E18))
      .to.be.revertedWithCustomError(f.distributor, "FeeDistributorUnfunded")
      .withArgs(6n * E18, 5n * E18);
    await f.distributor.distribute(5n * E18);
    expect(await f.distributor.committed()).to.equal(5n * E18);
  });
});
