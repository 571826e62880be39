// Gas of the core part: the Reactor's user operations and the rollover's cost per Reactor and
// per user. Each scenario starts from a fresh chain with the system from deploySystem.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { ZeroAddress } from "ethers";
import { network } from "hardhat";
import { Reactor__factory, type Reactor } from "../../typechain-types/index.js";
import { deploySystem, type System } from "../lib/system.js";
import {
  extraSigners,
  fundLp,
  gasOf,
  rollover,
  toCycleEnd,
  type GasRow,
  type GasScenario,
} from "./measure.js";

const USDC = (n: number) => BigInt(n) * 10n ** 6n;
const ETH = (n: number) => BigInt(n) * 10n ** 18n;
/** Users per Reactor in the "many users" rollover. */
export const MANY_USERS = 200;
/** Reactor counts of the whole-rollover scenario. */
export const REACTOR_COUNTS = [1, 5, 10] as const;

async function freshSystem(): Promise<System> {
  return deploySystem(await network.create());
}

/** Deposit, transfer, requestRedeem, redeem and the gateway, on the USDC and WETH Reactors. */
export const userOperations: GasScenario = {
  group: "Reactor: user operations",
  async run() {
    const system = await freshSystem();
    const [, alice, bob, carol] = await system.connection.ethers.getSigners();
    const tUsdc = system.reactors.USDC;
    const rows: GasRow[] = [];
    const row = (id: string, label: string, gasUsed: bigint) =>
      rows.push({ id, group: this.group, label, gasUsed });
    for (const lp of [alice, bob, carol]) await fundLp(system, tUsdc, lp, USDC(1_000_000));
    // Bob deposits first, so Alice's "first" is a holder's first, not the Reactor's very first.
    await tUsdc.connect(bob).deposit(USDC(1_000), bob.address);
    row(
      "deposit.first",
      "deposit: first by this holder",
      await gasOf(tUsdc.connect(alice).deposit(USDC(1_000), alice.address)),
    );
    row(
      "deposit.warm",
      "deposit: again, same cycle",
      await gasOf(tUsdc.connect(alice).deposit(USDC(1_000), alice.address)),
    );
    await rollover(system);
    row(
      "deposit.nextCycle",
      "deposit: again, next cycle (activates the old)",
      await gasOf(tUsdc.connect(alice).deposit(USDC(1_000), alice.address)),
    );
    row(
      "transfer.newHolder",
      "transfer: to a new holder",
      await gasOf(tUsdc.connect(alice).transfer(carol.address, USDC(10))),
    );
    row(
      "transfer.warm",
      "transfer: to an existing holder",
      await gasOf(tUsdc.connect(alice).transfer(bob.address, USDC(10))),
    );
    row(
      "requestRedeem.first",
      "requestRedeem: first request",
      await gasOf(tUsdc.connect(alice).requestRedeem(USDC(500), alice.address, alice.address)),
    );
    row(
      "requestRedeem.warm",
      "requestRedeem: replaces the pending one",
      await gasOf(tUsdc.connect(alice).requestRedeem(USDC(600), alice.address, alice.address)),
    );
    await tUsdc.connect(bob).requestRedeem(USDC(500), bob.address, bob.address);
    await rollover(system);
    row(
      "redeem.partial",
      "redeem: part of a matured request",
      await gasOf(tUsdc.connect(alice).redeem(USDC(100), alice.address, alice.address)),
    );
    row(
      "redeem.full",
      "redeem: rest of the request",
      await gasOf(tUsdc.connect(alice).redeem(USDC(500), alice.address, alice.address)),
    );
    row(
      "withdraw.full",
      "withdraw: whole request (assets)",
      await gasOf(tUsdc.connect(bob).withdraw(USDC(500), bob.address, bob.address)),
    );

    const { gateway } = system;
    const tWeth = system.reactors.WETH;
    await gateway.connect(bob).depositETH(bob.address, { value: ETH(1) });
    row(
      "gateway.depositETH.first",
      "ETH deposit via WethGateway: first by this holder",
      await gasOf(gateway.connect(alice).depositETH(alice.address, { value: ETH(1) })),
    );
    row(
      "gateway.depositETH.warm",
      "ETH deposit via WethGateway: again",
      await gasOf(gateway.connect(alice).depositETH(alice.address, { value: ETH(1) })),
    );
    await tWeth.connect(alice).requestRedeem(ETH(1), alice.address, alice.address);
    await tWeth.connect(alice).setOperator(await gateway.getAddress(), true);
    await rollover(system);
    row(
      "gateway.redeemETH",
      "ETH redeem via WethGateway",
      await gasOf(gateway.connect(alice).redeemETH(ETH(1), alice.address, alice.address)),
    );
    return rows;
  },
};

/**
 * Every Reactor gets `users` depositors who each also request part of their deposit (after
 * claiming a request that matured), so the next rollover activates deposits and matures requests.
 */
async function activity(
  system: System,
  reactors: readonly Reactor[],
  users: readonly HardhatEthersSigner[],
) {
  for (const reactor of reactors) {
    const unit = 10n ** (await reactor.decimals());
    for (const user of users) {
      const claimable = await reactor.claimableRedeemRequest(0, user.address);
      if (claimable > 0n)
        await (await reactor.connect(user).redeem(claimable, user.address, user.address)).wait();
      await fundLp(system, reactor, user, 100n * unit);
      await (await reactor.connect(user).deposit(100n * unit, user.address)).wait();
      await (
        await reactor.connect(user).requestRedeem(10n * unit, user.address, user.address)
      ).wait();
    }
  }
}

/**
 * Replaces the deployed (empty) Reactors by `count` Reactors of 18-decimal test tokens, so that
 * every Reactor in the measurement is alike (governance = the deployer on a local chain).
 */
async function withReactorCount(system: System, count: number): Promise<Reactor[]> {
  const { ethers } = system.connection;
  for (const reactor of await system.manager.reactors()) {
    await (await system.manager.removeReactor(reactor)).wait();
  }
  for (let i = 0; i < count; ++i) {
    const token = await ethers.deployContract("TestERC20", [`Gas asset ${i}`, `GAS${i}`, 18]);
    const reactor = await ethers.deployContract("Reactor", [
      await token.getAddress(),
      system.addresses.cycleManager,
      system.addresses.protocolRoles,
      system.addresses.treasury,
    ]);
    await (await system.manager.addReactor(await reactor.getAddress())).wait();
  }
  const addresses = await system.manager.reactors();
  return addresses.map((a) => Reactor__factory.connect(a, system.signer));
}

/**
 * A fresh system; `coreOnly` unsets the emission hook and the allocator (governance may), so
 * that the rollover is the core's alone.
 */
async function rolloverSystem(coreOnly: boolean): Promise<System> {
  const system = await freshSystem();
  if (coreOnly) {
    await (await system.manager.setEmissionHook(ZeroAddress)).wait();
    await (await system.manager.setAllocator(ZeroAddress)).wait();
  }
  return system;
}

/** Two rollovers of `count` fresh Reactors with one active user each; the second's gas. */
async function steadyRollover(system: System, count: number) {
  const reactors = await withReactorCount(system, count);
  const [, user] = await system.connection.ethers.getSigners();
  await activity(system, reactors, [user]);
  await rollover(system); // activates the deposits, matures the requests
  await activity(system, reactors, [user]);
  return rollover(system);
}

/**
 * Whole rollovers with 1, 5 and 10 active Reactors and one Reactor with 1 vs 200 users, on the
 * full system (every Reactor gets the emission hook and the allocator step; none has a pairing,
 * so no venue moves), and the marginal cost per Reactor of the core alone.
 */
export const rolloverCost: GasScenario = {
  group: "Rollover",
  async run() {
    const rows: GasRow[] = [];
    const row = (id: string, label: string, gasUsed: bigint) =>
      rows.push({ id, group: this.group, label, gasUsed });
    const [first, last] = [REACTOR_COUNTS[0], REACTOR_COUNTS[REACTOR_COUNTS.length - 1]];
    const core = [
      await steadyRollover(await rolloverSystem(true), first),
      await steadyRollover(await rolloverSystem(true), last),
    ];
    row(
      "rollover.perReactor.core",
      `marginal gas per Reactor, core only (no emission hook, no allocator): (${last} − ${first} Reactors) / ${last - first}`,
      (core[1].total - core[0].total) / BigInt(last - first),
    );
    const totals = new Map<number, bigint>();
    for (const count of REACTOR_COUNTS) {
      const gas = await steadyRollover(await rolloverSystem(false), count);
      totals.set(count, gas.total);
      row(
        `rollover.whole.${count}`,
        `whole rollover, ${count} Reactor${count > 1 ? "s" : ""} (start + 1 chunk + complete)`,
        gas.total,
      );
      if (count === 1) {
        row("rollover.start", "startRollover", gas.start);
        row("rollover.complete", "completeRollover", gas.complete);
        row(
          "rollover.chunk.1",
          "processReactors(1): one Reactor with deposits and requests",
          gas.process,
        );
      }
    }
    const perReactor =
      ((totals.get(last) ?? 0n) - (totals.get(first) ?? 0n)) / BigInt(last - first);
    row(
      "rollover.perReactor",
      `marginal gas per Reactor, full system (emission hook + allocator step, no venue moves): (${last} − ${first}) / ${last - first}`,
      perReactor,
    );

    const byUsers = new Map<number, bigint>();
    for (const users of [1, MANY_USERS]) {
      const system = await freshSystem();
      const [reactor] = await withReactorCount(system, 1);
      const signers = await extraSigners(system.connection, users, `gas-user-${users}`);
      await activity(system, [reactor], signers);
      await toCycleEnd(system);
      await (await system.manager.startRollover()).wait();
      const gas = await gasOf(system.manager.processReactors(1));
      byUsers.set(users, gas);
      row(
        `rollover.chunk.users.${users}`,
        `processReactors(1) after ${users} user${users > 1 ? "s" : ""} deposited and requested`,
        gas,
      );
    }
    // Settling must not depend on how many users a Reactor has (budget 0).
    const extra = (byUsers.get(MANY_USERS) ?? 0n) - (byUsers.get(1) ?? 0n);
    row(
      "rollover.chunk.usersExtra",
      `extra gas of the ${MANY_USERS}-user chunk over the 1-user chunk`,
      extra > 0n ? extra : 0n,
    );
    return rows;
  },
};
