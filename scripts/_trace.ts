import { network } from "hardhat";
import { deployCore } from "../test/helpers/core.js";
const conn = await network.create();
const core = await deployCore(conn);
const { manager, usdc, tUsdc, users, ethers } = core;
const [alice] = users;
const U = 10n ** 6n;
await usdc.mint(alice.address, 10_000n * U);
await usdc.connect(alice).approve(await tUsdc.getAddress(), ethers.MaxUint256);
await tUsdc.connect(alice).deposit(1000n * U, alice.address);
const roll = async () => { await conn.networkHelpers.time.increaseTo(await manager.cycleEnd()); await manager.startRollover(); await manager.processReactors(64); await manager.completeRollover(); };
await roll();
await tUsdc.connect(alice).requestRedeem(100n * U, alice.address, alice.address);
await conn.networkHelpers.time.increaseTo(await manager.cycleEnd()); await manager.startRollover();
await manager.processReactors(64); await manager.completeRollover();
await tUsdc.connect(alice).deposit(10n * U, alice.address);
const tx = await tUsdc.connect(alice).deposit(10n * U, alice.address);
const rc = await tx.wait();
console.log("gas", rc!.gasUsed);
const trace = await conn.provider.request({ method: "debug_traceTransaction", params: [tx.hash, {}] }) as any;
let byDepth: Record<number, number> = {};
const kinds: Record<string, number> = {};
for (const l of trace.structLogs) {
  byDepth[l.depth] = (byDepth[l.depth] ?? 0) + l.gasCost;
  const k = ["SLOAD","SSTORE","LOG1","LOG2","LOG3","LOG4","CALL","STATICCALL"].includes(l.op) ? l.op : "other";
  if (!l.op.includes("CALL")) kinds[k + "@" + l.depth] = (kinds[k + "@" + l.depth] ?? 0) + l.gasCost;
}
console.log(byDepth, kinds);
for (const l of trace.structLogs) if (["SLOAD","SSTORE","CALL","STATICCALL"].includes(l.op)) console.log(l.depth, l.op, l.gasCost, l.op.includes("CALL") ? l.stack[l.stack.length-2] : l.stack[l.stack.length-1]);
