import { deployCore, gasOf, type Connection } from "../../test/helpers/core.js";

/** One measured operation: what, the gas from its receipt, and the target it must meet. */
export interface GasRow {
  operation: string;
  gasUsed: bigint;
  target: bigint | null;
}

/** Gas targets of issue #3 (gasUsed from receipts, Hardhat's default chain, OZ ERC-20 asset). */
export const GAS_TARGETS = {
  depositWarm: 62_000n,
  requestRedeemFirst: 70_000n,
  requestRedeemWarm: 45_000n,
  redeem: 60_000n,
  rolloverPerReactor: 45_000n,
} as const;

const UNIT = 10n ** 6n;

/**
 * Measures the Reactor's hot paths on a fresh Hardhat chain with the OZ ERC-20 test token as
 * the asset (USDC-like, 6 decimals). "first" = the account's first time, "warm" = the same
 * account again. Every account already holds some of the asset (as a real LP does).
 */
export async function measureGas(conn: Connection, withEmissions = false): Promise<GasRow[]> {
  const core = await deployCore(conn);
  const { manager, usdc, tUsdc, users, ethers } = core;
  if (withEmissions) {
    // A stand-in emissions contract books an LP reward for every Reactor at every rollover, and
    // an early LP is active for a cycle first, so the reward accumulator has moved before any
    // measurement and reward checkpoints are written as in production.
    const hook = await ethers.deployContract("MockEmissionHook");
    await hook.setRewardPerRollover(1_000n * 10n ** 18n);
    await manager.setEmissionHook(await hook.getAddress());
    const early = users[5];
    await usdc.mint(early.address, 1_000n * UNIT);
    await usdc.connect(early).approve(await tUsdc.getAddress(), ethers.MaxUint256);
    await tUsdc.connect(early).deposit(1_000n * UNIT, early.address);
    for (let i = 0; i < 2; i++) {
      await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
      await manager.startRollover();
      await manager.processReactors(64);
      await manager.completeRollover();
    }
  }
  const [alice, bob, carol, dave] = users;
  const reactor = await tUsdc.getAddress();
  for (const u of [alice, bob, carol, dave]) {
    await usdc.mint(u.address, 1_000_000n * UNIT);
    await usdc.connect(u).approve(reactor, ethers.MaxUint256);
  }
  const rows: GasRow[] = [];
  const add = (operation: string, gasUsed: bigint, target: bigint | null = null) =>
    rows.push({ operation, gasUsed, target });
  const toEnd = async () => conn.networkHelpers.time.increaseTo(await manager.cycleEnd());

  // Baseline: a bare OpenZeppelin ERC-4626 vault on the same token.
  const oz = await ethers.deployContract("TestERC4626", [await usdc.getAddress()]);
  await usdc.connect(alice).approve(await oz.getAddress(), ethers.MaxUint256);
  await oz.connect(alice).deposit(100n * UNIT, alice.address);
  add("OZ ERC-4626 deposit, warm (baseline)", await gasOf(oz.connect(alice).deposit(100n * UNIT, alice.address)));

  add("deposit, first ever in the Reactor", await gasOf(tUsdc.connect(alice).deposit(1_000n * UNIT, alice.address)));
  add("deposit, warm (same cycle)", await gasOf(tUsdc.connect(alice).deposit(1_000n * UNIT, alice.address)), GAS_TARGETS.depositWarm);
  add("deposit, new holder", await gasOf(tUsdc.connect(bob).deposit(1_000n * UNIT, bob.address)));
  await tUsdc.connect(carol).deposit(1_000n * UNIT, carol.address);
  await tUsdc.connect(dave).deposit(1_000n * UNIT, dave.address);

  // Rollover closing cycle 0 in two chunks of one Reactor: tWETH (empty), then tUSDC (deposits
  // to activate). Then one chunk of both Reactors in the next rollover.
  await toEnd();
  add("startRollover", await gasOf(manager.startRollover()));
  const oneIdle = await gasOf(manager.processReactors(1));
  add("processReactors(1): tWETH, empty", oneIdle);
  add("processReactors(1): tUSDC, deposits to activate", await gasOf(manager.processReactors(1)));
  add("completeRollover", await gasOf(manager.completeRollover()));
  // Carol's first touch since her deposit activated also reads the reward accumulator at the end
  // of her deposit's cycle (once per activation); her next deposit is the steady state.
  add("deposit, first since the holder's units activated", await gasOf(tUsdc.connect(carol).deposit(1_000n * UNIT, carol.address)));
  add(
    "deposit, warm, holder with active tAssets",
    await gasOf(tUsdc.connect(carol).deposit(1_000n * UNIT, carol.address)),
    GAS_TARGETS.depositWarm,
  );

  add("transfer, active balance to a holder", await gasOf(tUsdc.connect(alice).transfer(bob.address, 10n * UNIT)));
  add("transfer, warm", await gasOf(tUsdc.connect(alice).transfer(bob.address, 10n * UNIT)));

  add(
    "requestRedeem, first request in the Reactor",
    await gasOf(tUsdc.connect(alice).requestRedeem(100n * UNIT, alice.address, alice.address)),
    GAS_TARGETS.requestRedeemFirst,
  );
  add(
    "requestRedeem, warm (replaces the request)",
    await gasOf(tUsdc.connect(alice).requestRedeem(200n * UNIT, alice.address, alice.address)),
    GAS_TARGETS.requestRedeemWarm,
  );
  add("requestRedeem, another holder", await gasOf(tUsdc.connect(bob).requestRedeem(100n * UNIT, bob.address, bob.address)));
  const daveShares = await tUsdc.balanceOf(dave.address);
  await tUsdc.connect(dave).requestRedeem(daveShares, dave.address, dave.address);
  await tUsdc.connect(carol).requestRedeem(100n * UNIT, carol.address, carol.address);

  await toEnd();
  await manager.startRollover();
  const twoReactors = await gasOf(manager.processReactors(2));
  add("processReactors(2): tWETH empty + tUSDC maturing requests", twoReactors);
  add("  per Reactor added to a chunk (difference)", twoReactors - oneIdle, GAS_TARGETS.rolloverPerReactor);
  await manager.completeRollover();

  add("redeem, part of a request", await gasOf(tUsdc.connect(alice).redeem(50n * UNIT, alice.address, alice.address)), GAS_TARGETS.redeem);
  add("redeem, rest of the request", await gasOf(tUsdc.connect(alice).redeem(150n * UNIT, alice.address, alice.address)), GAS_TARGETS.redeem);
  add("withdraw, whole request", await gasOf(tUsdc.connect(bob).withdraw(100n * UNIT, bob.address, bob.address)), GAS_TARGETS.redeem);
  add("redeem, full exit (whole balance)", await gasOf(tUsdc.connect(dave).redeem(daveShares, dave.address, dave.address)), GAS_TARGETS.redeem);
  return rows;
}
