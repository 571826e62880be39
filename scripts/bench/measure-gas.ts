import { deployCore, gasOf, type Connection } from "../../test/helpers/core.js";

/** One measured operation: what, the gas from its receipt, and the target it must meet. */
export interface GasRow {
  operation: string;
  gasUsed: bigint;
  target: bigint | null;
}

const UNIT = 10n ** 6n;

/**
 * Measures the Reactor's hot paths on a fresh Hardhat chain with the OZ ERC-20 test token as
 * the asset (USDC-like). "first" = the account's first time, "warm" = the same account again.
 */
export async function measureGas(conn: Connection): Promise<GasRow[]> {
  const core = await deployCore(conn);
  const { manager, usdc, tUsdc, users, ethers } = core;
  const [alice, bob, carol] = users;
  const reactor = await tUsdc.getAddress();
  for (const u of [alice, bob, carol]) {
    await usdc.mint(u.address, 1_000_000n * UNIT);
    await usdc.connect(u).approve(reactor, ethers.MaxUint256);
  }
  const rows: GasRow[] = [];
  const add = (operation: string, gasUsed: bigint, target: bigint | null) =>
    rows.push({ operation, gasUsed, target });

  // Baseline: a bare OpenZeppelin ERC-4626 vault on the same token.
  const oz = await ethers.deployContract("TestERC4626", [await usdc.getAddress()]);
  await usdc.connect(alice).approve(await oz.getAddress(), ethers.MaxUint256);
  await oz.connect(alice).deposit(100n * UNIT, alice.address);
  add("OZ ERC-4626 deposit (warm, baseline)", await gasOf(oz.connect(alice).deposit(100n * UNIT, alice.address)), null);

  add("deposit (first)", await gasOf(tUsdc.connect(alice).deposit(1_000n * UNIT, alice.address)), null);
  add("deposit (warm)", await gasOf(tUsdc.connect(alice).deposit(1_000n * UNIT, alice.address)), 62_000n);
  await tUsdc.connect(bob).deposit(1_000n * UNIT, bob.address);
  await tUsdc.connect(carol).deposit(1_000n * UNIT, carol.address);

  // A cycle later, with active balances on both sides of a transfer.
  const roll = async () => {
    const end = await manager.cycleEnd();
    await conn.networkHelpers.time.increaseTo(end);
    await manager.startRollover();
    const g = await gasOf(manager.processReactors(64));
    await manager.completeRollover();
    return g;
  };
  await roll();
  add("transfer (active -> holder)", await gasOf(tUsdc.connect(alice).transfer(bob.address, 10n * UNIT)), null);
  add("transfer (warm)", await gasOf(tUsdc.connect(alice).transfer(bob.address, 10n * UNIT)), null);

  add("requestRedeem (first in pool)", await gasOf(tUsdc.connect(alice).requestRedeem(100n * UNIT, alice.address, alice.address)), 70_000n);
  add("requestRedeem (warm, replace)", await gasOf(tUsdc.connect(alice).requestRedeem(200n * UNIT, alice.address, alice.address)), 45_000n);
  add("requestRedeem (second user)", await gasOf(tUsdc.connect(bob).requestRedeem(100n * UNIT, bob.address, bob.address)), null);

  // Rollover: one chunk with both Reactors (tWETH idle, tUSDC with matured requests).
  const end = await manager.cycleEnd();
  await conn.networkHelpers.time.increaseTo(end);
  add("startRollover", await gasOf(manager.startRollover()), null);
  add("processReactors(1) (tWETH, idle)", await gasOf(manager.processReactors(1)), 45_000n);
  add("processReactors(1) (tUSDC, pending + requests)", await gasOf(manager.processReactors(1)), null);
  add("completeRollover", await gasOf(manager.completeRollover()), null);

  add("redeem (part)", await gasOf(tUsdc.connect(alice).redeem(50n * UNIT, alice.address, alice.address)), 60_000n);
  add("redeem (rest of request)", await gasOf(tUsdc.connect(alice).redeem(150n * UNIT, alice.address, alice.address)), 60_000n);
  add("withdraw (full request)", await gasOf(tUsdc.connect(bob).withdraw(100n * UNIT, bob.address, bob.address)), 60_000n);
  return rows;
}

