// Gas measurement plumbing: rows read from receipts, and the actors a scenario needs.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";
import { MaxUint256, getAddress, keccak256, parseUnits, toUtf8Bytes } from "ethers";
import type { Reactor } from "../../typechain-types/index.js";
import type { TestToken } from "../lib/dex-types.js";
import type { Connection, System } from "../lib/system.js";

/** One measured figure. `id` keys the budget in gas-budget.json. */
export interface GasRow {
  readonly id: string;
  readonly group: string;
  readonly label: string;
  readonly gasUsed: bigint;
}

/** A scenario of one part: sets up what it needs on a fresh chain and measures. */
export interface GasScenario {
  readonly group: string;
  run(): Promise<GasRow[]>;
}

/** gasUsed of a sent transaction, from its receipt. */
export async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("no receipt");
  return receipt.gasUsed;
}

/** A test token handle (anyone may mint) at `address`. */
export async function testToken(system: System, address: string): Promise<TestToken> {
  return (await system.connection.ethers.getContractAt(
    "TestERC20",
    address,
  )) as unknown as TestToken;
}

/** `count` funded signers beyond Hardhat's 20 accounts, from deterministic addresses. */
export async function extraSigners(
  conn: Connection,
  count: number,
  tag: string,
): Promise<HardhatEthersSigner[]> {
  const signers: HardhatEthersSigner[] = [];
  for (let i = 0; i < count; ++i) {
    const address = getAddress(keccak256(toUtf8Bytes(`${tag}:${i}`)).slice(0, 42));
    await conn.networkHelpers.impersonateAccount(address);
    await conn.networkHelpers.setBalance(address, parseUnits("100", 18));
    signers.push(await conn.ethers.getSigner(address));
  }
  return signers;
}

/**
 * Mints `amount` of a Reactor's test asset to `who`, who approves the Reactor once for the
 * maximum (as wallets usually do: OpenZeppelin's ERC-20 then skips the allowance write, so the
 * figures measure the Reactor rather than the allowance bookkeeping).
 */
export async function fundLp(
  system: System,
  reactor: Reactor,
  who: HardhatEthersSigner,
  amount: bigint,
) {
  const token = await testToken(system, await reactor.asset());
  await (await token.mint(who.address, amount)).wait();
  await (await token.connect(who).approve(await reactor.getAddress(), MaxUint256)).wait();
}

/** Moves the chain to the current cycle's end (a rollover may start). */
export async function toCycleEnd(system: System): Promise<void> {
  await system.connection.networkHelpers.time.increaseTo(await system.manager.cycleEnd());
}

/** Runs a whole rollover (start, every Reactor in one chunk, complete); returns each tx's gas. */
export async function rollover(system: System) {
  await toCycleEnd(system);
  const start = await gasOf(system.manager.startRollover());
  const count = (await system.manager.reactors()).length;
  const process = count === 0 ? 0n : await gasOf(system.manager.processReactors(count));
  const complete = await gasOf(system.manager.completeRollover());
  return { start, process, complete, total: start + process + complete };
}
