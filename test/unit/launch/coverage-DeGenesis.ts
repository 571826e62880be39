// Coverage of two DeGenesis guards through its public API: a "USDC" with more decimals than the
// sale's USD unit (18) is refused at deployment, and a sale whose Genesis pools were never set
// cannot be finalized.
import { expect } from "chai";
import { network } from "hardhat";
import type { Contract } from "ethers";
import type { Toke } from "../../../typechain-types/index.js";
import { DAY, DEFAULT_SALE, deployLaunchAssets, WEEK, Whitelist } from "../../helpers/launch.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

async function deploy() {
  const [governance, guardian, treasury, wallet] = await ethers.getSigners();
  const { toke, usdc, weth } = await deployLaunchAssets(ethers, governance);
  const whitelist = new Whitelist([wallet.address]);
  const windowStart = (await time.latest()) + DAY;
  /** The sale's parameters over `usdcToken`, as test/helpers/launch.ts builds them. */
  const params = async (usdcToken: Contract) => ({
    governance: governance.address,
    guardian: guardian.address,
    treasury: treasury.address,
    toke: await (toke as unknown as Toke).getAddress(),
    usdc: await usdcToken.getAddress(),
    weth: await weth.getAddress(),
    merkleRoot: whitelist.root,
    windowStart,
    windowEnd: windowStart + WEEK,
    ...DEFAULT_SALE,
  });
  return { governance, usdc, params, windowStart };
}

describe("coverage: DeGenesis deployment and finalization guards", () => {
  it("refuses a USDC token with more than 18 decimals", async () => {
    const f = await loadFixture(deploy);
    const factory = await ethers.getContractFactory("DeGenesis");
    const wide = (await ethers.deployContract("LaunchTestToken", [
      "Wide USD",
      "WUSD",
      19,
    ])) as unknown as Contract;
    await expect(factory.deploy(await f.params(wide)))
      .to.be.revertedWithCustomError(factory, "DeGenesisBadUsdcDecimals")
      .withArgs(19n);
    // 18 decimals, the USD unit itself, is accepted.
    const exact = (await ethers.deployContract("LaunchTestToken", [
      "Exact USD",
      "XUSD",
      18,
    ])) as unknown as Contract;
    const params = await f.params(exact);
    const sale = await factory.deploy(params);
    // It keeps what it was given.
    expect([
      await sale.treasury(),
      await sale.toke(),
      await sale.usdc(),
      await sale.weth(),
      await sale.merkleRoot(),
    ]).to.deep.equal([params.treasury, params.toke, params.usdc, params.weth, params.merkleRoot]);
    expect([
      await sale.targetUsd(),
      await sale.overflowCapUsd(),
      await sale.basePriceUsd(),
      await sale.walletCapUsd(),
      await sale.tokeAllocation(),
      await sale.vestingSeconds(),
    ]).to.deep.equal([
      params.targetUsd,
      params.overflowCapUsd,
      params.basePriceUsd,
      params.walletCapUsd,
      params.tokeAllocation,
      params.vestingSeconds,
    ]);
    expect([await sale.finalized(), await sale.finalizedAt()]).to.deep.equal([false, 0n]);
  });

  it("refuses to finalize before its Genesis pools are set", async () => {
    const f = await loadFixture(deploy);
    const sale = await ethers.deployContract("DeGenesis", [await f.params(f.usdc)]);
    await time.increaseTo(f.windowStart + WEEK + 1);
    await expect(sale.connect(f.governance).finalize()).to.be.revertedWithCustomError(
      sale,
      "DeGenesisPoolsNotSet",
    );
  });
});
