import { expect } from "chai";
import { network } from "hardhat";
import type { BaseContract, ContractTransactionResponse } from "ethers";
import {
  approveToke,
  deployDirectors,
  depositTo,
  E18,
  rolloverWithPrices,
} from "../../helpers/directors.js";

describe("EmissionController: parameters, reserve, hook access, missing prices", () => {
  it("bounds its parameters and sets the TOKE Reactor once", async () => {
    const conn = await network.create();
    const d = await deployDirectors(conn);
    const max = await d.controller.MAX_EMISSION_PER_CYCLE();
    await expect(d.controller.setEmissionPerCycle(max + 1n))
      .to.be.revertedWithCustomError(d.controller, "EmissionControllerBadParameter")
      .withArgs(max + 1n, 0n, max);
    await expect(d.controller.setEmissionPerCycle(max))
      .to.emit(d.controller, "EmissionPerCycleSet")
      .withArgs(max);
    await expect(d.controller.setBalanceFloor(9_001n)).to.be.revertedWithCustomError(
      d.controller,
      "EmissionControllerBadParameter",
    );
    await expect(d.controller.setBalanceFloor(0n))
      .to.emit(d.controller, "BalanceFloorSet")
      .withArgs(0n);
    await expect(
      d.controller.setPoolReactor(await d.tToke.getAddress()),
    ).to.be.revertedWithCustomError(d.controller, "EmissionControllerBadPoolReactor");
    await expect(d.controller.setPriceFeed(d.ethers.ZeroAddress)).to.be.revertedWithCustomError(
      d.controller,
      "EmissionControllerZero",
    );
    expect(await d.controller.poolReactor()).to.equal(await d.tToke.getAddress());
  });

  it("keeps the reserve apart from budgets: fund, withdraw within it", async () => {
    const conn = await network.create();
    const d = await deployDirectors(conn);
    const [alice] = d.users;
    await approveToke(d, alice, await d.controller.getAddress());
    await expect(d.controller.connect(alice).fund(5n * E18))
      .to.emit(d.controller, "Funded")
      .withArgs(alice.address, 5n * E18);
    const reserve = await d.controller.reserve();
    expect(reserve).to.equal(d.params.reserve + 5n * E18);
    await rolloverWithPrices(conn, d);
    // The first round drew one cycle's emission out of the reserve.
    expect(await d.controller.reserve()).to.equal(reserve - d.params.emissionPerCycle);
    await expect(d.controller.withdrawReserve(alice.address, reserve))
      .to.be.revertedWithCustomError(d.controller, "EmissionControllerExceedsReserve")
      .withArgs(reserve, reserve - d.params.emissionPerCycle);
    await expect(d.controller.withdrawReserve(alice.address, 1n))
      .to.emit(d.controller, "ReserveWithdrawn")
      .withArgs(alice.address, 1n);
    // A reserve smaller than the emission caps the draw.
    await d.controller.withdrawReserve(d.governance.address, (await d.controller.reserve()) - 10n);
    await rolloverWithPrices(conn, d);
    expect(await d.controller.totalDrawn()).to.equal(d.params.emissionPerCycle + 10n);
    expect(await d.controller.reserve()).to.equal(0n);
  });

  it("a TOKE Reactor made the pool after it had weights: those weights are carried, not lost", async () => {
    const conn = await network.create();
    const d = await deployDirectors(conn, undefined, { setPoolReactor: false });
    const [alice] = d.users;
    const TOKER = await d.tToke.getAddress();
    await depositTo(d, d.tToke, alice, 300n * E18);
    await rolloverWithPrices(conn, d);
    await rolloverWithPrices(conn, d);
    // As a plain Reactor, tTOKE got a weight for cycle 2 (its TOKE valued 1:1, no stake: all of
    // it on the LP side, none handed to the missing LD side).
    expect((await d.controller.snapshotOf(TOKER)).lpWeight).to.be.gt(0n);
    expect((await d.controller.snapshotOf(TOKER)).ldWeight).to.equal(0n);
    await d.controller.setPoolReactor(TOKER);
    const before = await d.controller.undistributed();
    await rolloverWithPrices(conn, d);
    // Nothing could be paid (no pooled TOKE recorded for cycle 2, no LD stake anywhere): the
    // whole round is carried and the new draw adds to it.
    expect(await d.controller.undistributed()).to.equal(before + d.params.emissionPerCycle);
    expect(await d.controller.claimable(alice.address, [TOKER], [])).to.equal(0n);
    // From the next round the pooled TOKE earns the LD sides' pooled part.
    expect((await d.controller.sumsFor(3)).pooled).to.equal(300n * E18);
  });

  it("only the cycle manager calls the hook", async () => {
    const conn = await network.create();
    const d = await deployDirectors(conn);
    const [alice] = d.users;
    await expect(d.controller.connect(alice).onReactorRollover(await d.tWeth.getAddress(), 0))
      .to.be.revertedWithCustomError(d.controller, "EmissionControllerOnlyManager")
      .withArgs(alice.address);
    await expect(
      d.controller.connect(alice).onRewardUndistributed(await d.tWeth.getAddress(), 0, 1n),
    )
      .to.be.revertedWithCustomError(d.controller, "EmissionControllerOnlyManager")
      .withArgs(alice.address);
  });

  it("a Reactor without a fresh price gets no weight, and the rollover still completes", async () => {
    const conn = await network.create();
    const d = await deployDirectors(conn);
    const [alice] = d.users;
    await depositTo(d, d.tWeth, alice, E18);
    await rolloverWithPrices(conn, d);
    // Let the prices go stale, then roll over without refreshing them.
    await conn.networkHelpers.time.increase(9n * 24n * 3600n);
    await d.manager.startRollover();
    await expect(d.manager.processReactors(64))
      .to.emit(d.controller, "PriceMissing")
      .withArgs(await d.tWeth.getAddress(), 1n);
    await d.manager.completeRollover();
    expect((await d.controller.snapshotOf(await d.tWeth.getAddress())).lpWeight).to.equal(0n);
    expect((await d.controller.sumsFor(2)).weight).to.equal(0n);
  });
});

describe("role matrix: every privileged function refuses an outsider and the guardian", () => {
  it("reverts with RoleGatedUnauthorized for governance and guardian functions", async () => {
    const conn = await network.create();
    const d = await deployDirectors(conn);
    const [outsider] = d.users;
    const WETH = await d.tWeth.getAddress();
    const weth = await d.weth.getAddress();
    const id = d.ethers.encodeBytes32String("x");
    const GOV = await d.roles.GOVERNANCE_ROLE();
    const GUARD = await d.roles.GUARDIAN_ROLE();
    const KEEP = await d.roles.KEEPER_ROLE();
    type Call = [BaseContract, string, () => Promise<ContractTransactionResponse>, string];
    const as = (who: typeof outsider) => ({
      staking: d.staking.connect(who),
      venues: d.venues.connect(who),
      feed: d.feed.connect(who),
      controller: d.controller.connect(who),
    });
    for (const who of [outsider, d.guardian]) {
      const c = as(who);
      const calls: Call[] = [
        [d.staking, "listReactor", () => c.staking.listReactor(WETH), GOV],
        [d.staking, "unpause", () => c.staking.unpause(WETH), GOV],
        [d.staking, "setController", () => c.staking.setController(who.address), GOV],
        [d.venues, "allowVenue", () => c.venues.allowVenue(WETH, id), GOV],
        [d.venues, "disallowVenue", () => c.venues.disallowVenue(WETH, id), GOV],
        [d.feed, "setPrice", () => c.feed.setPrice(weth, E18), GOV],
        [d.feed, "setMaxAge", () => c.feed.setMaxAge(3_600n), GOV],
        [d.feed, "setMaxDeviationBps", () => c.feed.setMaxDeviationBps(1n), GOV],
        [d.feed, "setMinPostInterval", () => c.feed.setMinPostInterval(1n), GOV],
        [d.feed, "postPrice", () => c.feed.postPrice(weth, E18), KEEP],
        [d.controller, "withdrawReserve", () => c.controller.withdrawReserve(who.address, 1n), GOV],
        [d.controller, "setEmissionPerCycle", () => c.controller.setEmissionPerCycle(1n), GOV],
        [d.controller, "setBalanceFloor", () => c.controller.setBalanceFloor(1n), GOV],
        [d.controller, "setPoolReactor", () => c.controller.setPoolReactor(WETH), GOV],
        [d.controller, "setPriceFeed", () => c.controller.setPriceFeed(who.address), GOV],
        [d.controller, "setRateCap", () => c.controller.setRateCap(20_000n), GOV],
        [d.controller, "setCoverageCurve", () => c.controller.setCoverageCurve(1n, 1n), GOV],
      ];
      if (who === outsider) calls.push([d.staking, "pause", () => c.staking.pause(WETH), GUARD]);
      for (const [contract, name, call, role] of calls) {
        await expect(call(), name)
          .to.be.revertedWithCustomError(contract, "RoleGatedUnauthorized")
          .withArgs(who.address, role);
      }
    }
  });
});
