// Gas of the directors part: LD stake, unstake, votes (direct and signed), delegation, and
// reward claims after 1 and after 20 cycles, on the system from deploySystem.
import { MaxUint256 } from "ethers";
import { network } from "hardhat";
import { signDelegation, signVote } from "../../test/helpers/signatures.js";
import { keeperContext } from "../keeper/chain/context.js";
import { MemoryOutput } from "../keeper/chain/output.js";
import { runRollover } from "../keeper/jobs/rollover.js";
import { VENUE_IDS } from "../lib/protocol-config.js";
import { deploySystem, type System } from "../lib/system.js";
import { fundLp, gasOf, type GasRow, type GasScenario } from "./measure.js";

const E18 = 10n ** 18n;
/** Cycles between the two claims whose gas must be the same (claims are O(1) in cycles). */
export const LONG_CLAIM_CYCLES = 20;

/** A whole rollover by the keeper's own job (it refreshes the prices the emissions need). */
async function roll(system: System): Promise<void> {
  await system.connection.networkHelpers.time.increaseTo(await system.manager.cycleEnd());
  const outcome = await runRollover(keeperContext(system, new MemoryOutput()));
  if (outcome.status !== "completed") throw new Error(`rollover ${outcome.status}`);
}

export const directorsOperations: GasScenario = {
  group: "LD staking, votes and claims",
  async run() {
    const system = await deploySystem(await network.create());
    const rows: GasRow[] = [];
    const row = (id: string, label: string, gasUsed: bigint) =>
      rows.push({ id, group: this.group, label, gasUsed });
    const [, alice, bob, carol, dave, erin, frank] = await system.connection.ethers.getSigners();
    const { staking, relay, emissions, toke } = system;
    const alcx = system.reactors.ALCX;
    for (const u of [alice, bob, carol, dave, erin, frank]) {
      await (await toke.transfer(u.address, 100_000n * E18)).wait();
      // One maximal approval, as wallets do (the figures then measure staking, not allowances).
      await (await toke.connect(u).approve(staking, MaxUint256)).wait();
    }
    const ids = [VENUE_IDS.uniswap, VENUE_IDS.sushiswap, VENUE_IDS.balancer];
    const shares = [5_000, 3_000, 2_000];
    // An LP on ALCX so that both sides earn.
    await fundLp(system, alcx, erin, 1_000n * E18);
    await (await alcx.connect(erin).deposit(1_000n * E18, erin.address)).wait();

    await (await staking.connect(bob).stake(alcx, 100n * E18, bob.address)).wait();
    row(
      "stake.first",
      "stake: first for the account",
      await gasOf(staking.connect(alice).stake(alcx, 100n * E18, alice.address)),
    );
    row(
      "stake.warm",
      "stake: again, not voting",
      await gasOf(staking.connect(alice).stake(alcx, 100n * E18, alice.address)),
    );
    row(
      "vote.first",
      "vote over 3 venues: first vote of the account",
      await gasOf(staking.connect(alice).vote(alcx, ids, shares)),
    );
    row(
      "vote.change",
      "vote over 3 venues: change",
      await gasOf(staking.connect(alice).vote(alcx, ids, [2_000, 3_000, 5_000])),
    );
    row(
      "stake.voting",
      "stake: again, voting on 3 venues",
      await gasOf(staking.connect(alice).stake(alcx, 100n * E18, alice.address)),
    );
    await (await staking.connect(frank).stake(alcx, 100n * E18, frank.address)).wait();
    row(
      "vote.newVoter",
      "vote over 3 venues: another account (tallies exist)",
      await gasOf(staking.connect(frank).vote(alcx, ids, shares)),
    );
    await (await staking.connect(carol).stake(alcx, 100n * E18, carol.address)).wait();
    const deadline = BigInt(await system.connection.networkHelpers.time.latest()) + 3_600n;
    const alcxAddress = await alcx.getAddress();
    const voteSig = await signVote(carol, relay, {
      voter: carol.address,
      reactor: alcxAddress,
      venues: ids,
      shares: shares.map(BigInt),
      nonce: 0n,
      deadline,
    });
    row(
      "vote.signed",
      "vote over 3 venues: signed (EIP-712), relayed by another account",
      await gasOf(
        relay
          .connect(frank)
          .voteBySig(carol.address, alcxAddress, ids, shares, 0n, deadline, voteSig),
      ),
    );
    row(
      "delegate.direct",
      "delegate the stake's votes",
      await gasOf(staking.connect(bob).delegate(alcx, alice.address)),
    );
    await (await staking.connect(dave).stake(alcx, 100n * E18, dave.address)).wait();
    const delegationSig = await signDelegation(dave, relay, {
      delegator: dave.address,
      reactor: alcxAddress,
      delegatee: alice.address,
      nonce: 0n,
      deadline,
    });
    row(
      "delegate.signed",
      "delegate: signed (EIP-712), relayed",
      await gasOf(
        relay
          .connect(frank)
          .delegateBySig(dave.address, alcxAddress, alice.address, 0n, deadline, delegationSig),
      ),
    );

    await roll(system);
    row(
      "unstake.request",
      "requestUnstake",
      await gasOf(staking.connect(bob).requestUnstake(alcx, 10n * E18)),
    );
    await roll(system);
    row(
      "unstake.withdraw",
      "withdraw a settled unstake",
      await gasOf(staking.connect(bob).withdraw(alcx, bob.address)),
    );

    // First claims write the holders' reward checkpoints; the measured ones come after.
    await (await emissions.connect(erin).claim([alcxAddress], [], erin.address)).wait();
    await (await emissions.connect(carol).claim([], [alcxAddress], carol.address)).wait();
    await roll(system);
    const lp1 = await gasOf(emissions.connect(erin).claim([alcxAddress], [], erin.address));
    const ld1 = await gasOf(emissions.connect(carol).claim([], [alcxAddress], carol.address));
    row("claim.lp.1", "claim LP rewards, 1 Reactor, after 1 cycle", lp1);
    row("claim.ld.1", "claim LD rewards, 1 Reactor, after 1 cycle", ld1);
    for (let i = 0; i < LONG_CLAIM_CYCLES; ++i) await roll(system);
    const lp20 = await gasOf(emissions.connect(erin).claim([alcxAddress], [], erin.address));
    const ld20 = await gasOf(emissions.connect(carol).claim([], [alcxAddress], carol.address));
    row("claim.lp.20", `claim LP rewards, 1 Reactor, after ${LONG_CLAIM_CYCLES} cycles`, lp20);
    row("claim.ld.20", `claim LD rewards, 1 Reactor, after ${LONG_CLAIM_CYCLES} cycles`, ld20);
    const extra = (a: bigint, b: bigint) => (b > a ? b - a : 0n);
    row(
      "claim.flat",
      `extra gas of a claim after ${LONG_CLAIM_CYCLES} cycles over one after 1 (LP + LD)`,
      extra(lp1, lp20) + extra(ld1, ld20),
    );
    return rows;
  },
};
