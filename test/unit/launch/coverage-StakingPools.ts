// Coverage of the staking pools' remaining guards: zero addresses at deployment and in the
// Genesis pool's depositor and Reactor calls, a stake that would not fit the uint208 vote
// checkpoints, and the Genesis pool's read-back of its schedule and Reactor.
import { expect } from "chai";
import { network } from "hardhat";
import type { Contract } from "ethers";
import { TOKE_SUPPLY, USDC, WEEK } from "../../helpers/launch.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

async function deploy() {
  const [governance, guardian, depositor, participant, stranger] = await ethers.getSigners();
  const toke = await ethers.deployContract("Toke", [[governance.address], [TOKE_SUPPLY]]);
  const usdc = (await ethers.deployContract("LaunchTestToken", [
    "USD Coin",
    "USDC",
    6,
  ])) as unknown as Contract;
  const now = await time.latest();
  const privateUntil = now + 2 * WEEK;
  const lockedUntil = now + 8 * WEEK;
  const genesis = await ethers.deployContract("GenesisPool", [
    await usdc.getAddress(),
    await toke.getAddress(),
    governance.address,
    guardian.address,
    depositor.address,
    privateUntil,
    lockedUntil,
  ]);
  const reactor = (await ethers.deployContract("LaunchTestReactor", [
    await usdc.getAddress(),
  ])) as unknown as Contract;
  await usdc.getFunction("mint")(depositor.address, USDC(1_000));
  await (usdc.connect(depositor) as Contract).getFunction("approve")(
    await genesis.getAddress(),
    ethers.MaxUint256,
  );
  return {
    governance,
    guardian,
    depositor,
    participant,
    stranger,
    toke,
    usdc,
    genesis,
    reactor,
    privateUntil,
    lockedUntil,
  };
}

describe("coverage: StakingPool and GenesisPool guards and views", () => {
  it("StakingPool refuses each zero address at deployment", async () => {
    const f = await loadFixture(deploy);
    const factory = await ethers.getContractFactory("StakingPool");
    const good = [
      await f.usdc.getAddress(),
      await f.toke.getAddress(),
      f.governance.address,
      f.guardian.address,
    ];
    for (let i = 0; i < good.length; ++i) {
      const args = [...good] as [string, string, string, string];
      args[i] = ethers.ZeroAddress;
      await expect(factory.deploy(...args)).to.be.revertedWithCustomError(
        factory,
        "StakingPoolZeroAddress",
      );
    }
  });

  it("StakingPool refuses a stake above the uint208 checkpoint range and keeps the tokens with the staker", async () => {
    const f = await loadFixture(deploy);
    const token = (await ethers.deployContract("LaunchTestToken", [
      "Huge",
      "HUGE",
      18,
    ])) as unknown as Contract;
    const pool = await ethers.deployContract("StakingPool", [
      await token.getAddress(),
      await f.toke.getAddress(),
      f.governance.address,
      f.guardian.address,
    ]);
    const max208 = 2n ** 208n - 1n;
    await token.getFunction("mint")(f.participant.address, max208 + 1n);
    await (token.connect(f.participant) as Contract).getFunction("approve")(
      await pool.getAddress(),
      ethers.MaxUint256,
    );
    await expect(pool.connect(f.participant).stake(max208 + 1n))
      .to.be.revertedWithCustomError(pool, "StakingPoolStakeOverflow")
      .withArgs(max208 + 1n);
    // The largest stake that fits is taken; one more unit on top is refused with the new total.
    await pool.connect(f.participant).stake(max208);
    expect(await pool.balanceOf(f.participant.address)).to.equal(max208);
    await expect(pool.connect(f.participant).stake(1n))
      .to.be.revertedWithCustomError(pool, "StakingPoolStakeOverflow")
      .withArgs(max208 + 1n);
    expect(await token.getFunction("balanceOf")(f.participant.address)).to.equal(1n);
  });

  it("GenesisPool refuses a zero depositor, a deposit for the zero account and a zero Reactor", async () => {
    const f = await loadFixture(deploy);
    const factory = await ethers.getContractFactory("GenesisPool");
    await expect(
      factory.deploy(
        await f.usdc.getAddress(),
        await f.toke.getAddress(),
        f.governance.address,
        f.guardian.address,
        ethers.ZeroAddress,
        f.privateUntil,
        f.lockedUntil,
      ),
    ).to.be.revertedWithCustomError(factory, "StakingPoolZeroAddress");
    await expect(
      f.genesis.connect(f.depositor).depositFor(ethers.ZeroAddress, USDC(10)),
    ).to.be.revertedWithCustomError(f.genesis, "StakingPoolZeroAddress");
    await expect(
      f.genesis.connect(f.governance).setReactor(ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(f.genesis, "StakingPoolZeroAddress");
    expect(await f.genesis.reactor()).to.equal(ethers.ZeroAddress);
    expect(await f.genesis.totalStaked()).to.equal(0n);
  });

  it("GenesisPool reads back its depositor, schedule, participants and Reactor", async () => {
    const f = await loadFixture(deploy);
    expect(await f.genesis.depositor()).to.equal(f.depositor.address);
    expect(await f.genesis.privateUntil()).to.equal(BigInt(f.privateUntil));
    expect(await f.genesis.lockedUntil()).to.equal(BigInt(f.lockedUntil));
    expect(await f.genesis.isParticipant(f.participant.address)).to.equal(false);
    await expect(f.genesis.connect(f.depositor).depositFor(f.participant.address, USDC(10)))
      .to.emit(f.genesis, "GenesisDeposited")
      .withArgs(f.participant.address, USDC(10));
    expect(await f.genesis.isParticipant(f.participant.address)).to.equal(true);
    expect(await f.genesis.balanceOf(f.participant.address)).to.equal(USDC(10));
    await expect(f.genesis.connect(f.governance).setReactor(await f.reactor.getAddress()))
      .to.emit(f.genesis, "ReactorSet")
      .withArgs(await f.reactor.getAddress());
    expect(await f.genesis.reactor()).to.equal(await f.reactor.getAddress());
  });
});
