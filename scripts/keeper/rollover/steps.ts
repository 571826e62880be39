// One rollover, as a list of steps planned from the chain's state. Each step is one transaction
// the keeper simulates (static call) before sending. Parts that take part in the rollover (venue
// moves: the venues part) register a RolloverExtension instead of editing the loop.
import type { ContractTransactionResponse } from "ethers";
import type { KeeperContext } from "../context.js";
import type { Clock } from "./clock.js";

export type StepKind = "start" | "process" | "complete" | "extension";

export interface RolloverStep {
  readonly kind: StepKind;
  /** What the step does, for people. */
  readonly label: string;
  /** What the step does, for machines. */
  readonly detail: Readonly<Record<string, unknown>>;
  /** Static call (reverts exactly as the transaction would) and gas estimate. */
  simulate(ctx: KeeperContext): Promise<{ readonly gasEstimate: bigint }>;
  send(ctx: KeeperContext): Promise<ContractTransactionResponse>;
}

/** A liquidity move the rollover will make, with the bounds it must respect. */
export interface PlannedMove {
  readonly reactor: string;
  readonly venue: string;
  readonly action: "deploy" | "withdraw";
  readonly amount: bigint;
  /** Least the venue must accept or return (from the reference price), in the asset's units. */
  readonly minAmount: bigint;
  /** Unix seconds after which the move reverts. */
  readonly deadline: bigint;
}

/**
 * A part of the protocol that adds work to the rollover. `plan` runs on every planning pass
 * (after each step), so a step it returned disappears once done.
 */
export interface RolloverExtension {
  readonly id: string;
  plan(
    ctx: KeeperContext,
    clock: Clock,
  ): Promise<{ readonly moves: readonly PlannedMove[]; readonly steps: readonly RolloverStep[] }>;
}

/** Registered extensions, run in order before the rollover completes. */
export const ROLLOVER_EXTENSIONS: RolloverExtension[] = [];

export interface RolloverPlan {
  /** The cycle this rollover closes. */
  readonly cycle: bigint;
  readonly steps: readonly RolloverStep[];
  readonly moves: readonly PlannedMove[];
}

function symbolOf(ctx: KeeperContext, reactor: string): string {
  for (const [symbol, r] of Object.entries(ctx.system.reactors)) {
    if (r.target.toString().toLowerCase() === reactor.toLowerCase()) return symbol;
  }
  return reactor;
}

const startStep = (cycle: bigint): RolloverStep => ({
  kind: "start",
  label: `start the rollover closing cycle ${cycle}`,
  detail: { cycle },
  simulate: async (ctx) => {
    await ctx.system.manager.startRollover.staticCall();
    return { gasEstimate: await ctx.system.manager.startRollover.estimateGas() };
  },
  send: (ctx) => ctx.system.manager.startRollover(),
});

const processStep = (
  ctx: KeeperContext,
  cycle: bigint,
  from: number,
  to: number,
  reactors: readonly string[],
): RolloverStep => {
  const size = to - from;
  const symbols = reactors.slice(from, to).map((r) => symbolOf(ctx, r));
  return {
    kind: "process",
    label:
      size === 1
        ? `settle Reactor ${from} (${symbols[0]})`
        : `settle Reactors ${from}–${to - 1} (${symbols.join(", ")})`,
    detail: { cycle, from, to, reactors: symbols },
    simulate: async (c) => {
      await c.system.manager.processReactors.staticCall(size);
      return { gasEstimate: await c.system.manager.processReactors.estimateGas(size) };
    },
    send: (c) => c.system.manager.processReactors(size),
  };
};

const completeStep = (cycle: bigint): RolloverStep => ({
  kind: "complete",
  label: `complete the rollover: cycle ${cycle + 1n} starts`,
  detail: { cycle },
  simulate: async (ctx) => {
    await ctx.system.manager.completeRollover.staticCall();
    return { gasEstimate: await ctx.system.manager.completeRollover.estimateGas() };
  },
  send: (ctx) => ctx.system.manager.completeRollover(),
});

/**
 * Every step still to do for the rollover the chain is in (or is due for): start, settle the
 * Reactors from the cursor in chunks of `config.chunkSize`, the extensions' steps, complete.
 * Computed from the chain alone, so a keeper that stopped anywhere resumes where it was.
 */
export async function planRollover(ctx: KeeperContext, clock: Clock): Promise<RolloverPlan> {
  const steps: RolloverStep[] = [];
  if (!clock.inProgress) steps.push(startStep(clock.cycle));
  const chunk = Math.max(1, ctx.config.chunkSize);
  const count = clock.reactors.length;
  for (let from = clock.inProgress ? clock.cursor : 0; from < count; from += chunk) {
    steps.push(processStep(ctx, clock.cycle, from, Math.min(count, from + chunk), clock.reactors));
  }
  const moves: PlannedMove[] = [];
  for (const extension of ROLLOVER_EXTENSIONS) {
    const planned = await extension.plan(ctx, clock);
    moves.push(...planned.moves);
    steps.push(...planned.steps);
  }
  steps.push(completeStep(clock.cycle));
  return { cycle: clock.cycle, steps, moves };
}
