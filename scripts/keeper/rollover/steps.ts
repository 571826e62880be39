// One rollover, as a list of steps planned from the chain's state. Each step is one transaction
// the keeper simulates (static call) before sending. Parts that take part in the rollover (venue
// moves: the venues part) register a RolloverExtension instead of editing the loop.
import type { ContractTransactionResponse } from "ethers";
import type { KeeperContext } from "../context.js";
import type { Clock } from "./clock.js";

export type StepKind = "start" | "process" | "complete" | "prepare";

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

/**
 * Where a Reactor's liquidity stands on a venue against its LDs' votes, and which way the
 * rollover will move it. The allocator computes the exact amounts on-chain, from the TWAP.
 */
export interface PlannedMove {
  readonly reactor: string;
  readonly venue: string;
  /** The venue's share of the Reactor's vote tallies, bps. */
  readonly voteBps: number;
  /** The venue's share of what the Reactor has deployed now (principal), bps. */
  readonly deployedBps: number;
  /** Tokens deployed there now (principal), the Reactor asset's units. */
  readonly deployed: bigint;
  readonly action: "add" | "remove" | "hold";
}

/** The limits every venue move of the rollover carries. */
export interface MoveBounds {
  /** What the keeper passes (0: none, governance's maximum applies). */
  readonly slippageBps: number;
  readonly maxSlippageBps: number;
  /** Moves smaller than this share of the deployable amount are skipped. */
  readonly minMoveBps: number;
  /** Unix seconds after which the chunk (and every move in it) reverts; 0: none. */
  readonly deadline: bigint;
  /** Whether the keeper's bounded entry point is used (the signer holds KEEPER_ROLE). */
  readonly keeperBounds: boolean;
}

/**
 * A part of the protocol that adds work to the rollover. `plan` runs on every planning pass
 * (after each step), so a step it returned disappears once done.
 */
export interface RolloverExtension {
  readonly id: string;
  /** Steps before `startRollover` (only when no rollover is in progress). */
  before?(ctx: KeeperContext, clock: Clock): Promise<readonly RolloverStep[]>;
  /** Venue moves the settlement chunks will make, for display. */
  moves?(ctx: KeeperContext, clock: Clock): Promise<readonly PlannedMove[]>;
  /** Problems worth an operator's attention before this rollover (printed once). */
  warnings?(ctx: KeeperContext, clock: Clock): Promise<readonly string[]>;
}

/** Registered extensions (scripts/keeper/parts.ts registers the deployed parts'). */
export const ROLLOVER_EXTENSIONS: RolloverExtension[] = [];

/**
 * How chunks are sent: plain `processReactors(n)`, or the keeper's
 * `processReactorsWithBounds(n, slippageBps, deadline)` when the venue part is deployed and the
 * signer holds KEEPER_ROLE. Decided once per planning pass.
 */
export async function moveBounds(
  ctx: KeeperContext,
  clock: Clock,
): Promise<MoveBounds | undefined> {
  const { system } = ctx;
  if (BigInt(await system.manager.allocator()) === 0n) return undefined;
  const [maxSlippageBps, minMoveBps] = await system.allocator.bounds();
  const keeperBounds = await system.roles.hasRole(
    await system.roles.KEEPER_ROLE(),
    system.signer.address,
  );
  const slippage = Math.min(ctx.config.slippageBps, Number(maxSlippageBps));
  return {
    slippageBps: keeperBounds ? slippage : 0,
    maxSlippageBps: Number(maxSlippageBps),
    minMoveBps: Number(minMoveBps),
    deadline: keeperBounds ? clock.now + BigInt(ctx.config.moveDeadlineSeconds) : 0n,
    keeperBounds,
  };
}

export interface RolloverPlan {
  /** The cycle this rollover closes. */
  readonly cycle: bigint;
  readonly steps: readonly RolloverStep[];
  readonly moves: readonly PlannedMove[];
  /** Undefined when no allocator is set (no venue moves). */
  readonly bounds: MoveBounds | undefined;
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
  bounds: MoveBounds | undefined,
): RolloverStep => {
  const size = to - from;
  const symbols = reactors.slice(from, to).map((r) => symbolOf(ctx, r));
  const bounded = bounds?.keeperBounds === true;
  // The deadline is taken when the step is sent, so a slow earlier step cannot expire it.
  const deadline = async (c: KeeperContext) => {
    const block = await c.system.connection.ethers.provider.getBlock("latest");
    return BigInt(block?.timestamp ?? 0) + BigInt(c.config.moveDeadlineSeconds);
  };
  const slippage = bounds?.slippageBps ?? 0;
  return {
    kind: "process",
    label:
      size === 1
        ? `settle Reactor ${from} (${symbols[0]})`
        : `settle Reactors ${from}–${to - 1} (${symbols.join(", ")})`,
    detail: { cycle, from, to, reactors: symbols, bounded, slippageBps: slippage },
    simulate: async (c) => {
      const m = c.system.manager;
      if (!bounded) {
        await m.processReactors.staticCall(size);
        return { gasEstimate: await m.processReactors.estimateGas(size) };
      }
      const d = await deadline(c);
      await m.processReactorsWithBounds.staticCall(size, slippage, d);
      return { gasEstimate: await m.processReactorsWithBounds.estimateGas(size, slippage, d) };
    },
    send: async (c) =>
      bounded
        ? c.system.manager.processReactorsWithBounds(size, slippage, await deadline(c))
        : c.system.manager.processReactors(size),
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
  const moves: PlannedMove[] = [];
  if (!clock.inProgress) {
    for (const extension of ROLLOVER_EXTENSIONS)
      steps.push(...((await extension.before?.(ctx, clock)) ?? []));
    steps.push(startStep(clock.cycle));
  }
  const bounds = await moveBounds(ctx, clock);
  const chunk = Math.max(1, ctx.config.chunkSize);
  const count = clock.reactors.length;
  for (let from = clock.inProgress ? clock.cursor : 0; from < count; from += chunk) {
    steps.push(
      processStep(ctx, clock.cycle, from, Math.min(count, from + chunk), clock.reactors, bounds),
    );
  }
  for (const extension of ROLLOVER_EXTENSIONS)
    moves.push(...((await extension.moves?.(ctx, clock)) ?? []));
  steps.push(completeStep(clock.cycle));
  return { cycle: clock.cycle, steps, moves, bounds };
}
