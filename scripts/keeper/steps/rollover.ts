// One rollover, as a list of steps planned from the chain's state. Each step is one transaction
// the keeper simulates (static call) before sending. Parts that take part in the rollover (price
// posts, venue moves) are RolloverExtensions listed in extensions.ts, not edits of the loop.
import type { Clock } from "../chain/clock.js";
import type { KeeperContext } from "../chain/context.js";
import { ROLLOVER_EXTENSIONS } from "./extensions.js";
import type { MoveBounds, PlannedMove, RolloverStep } from "./types.js";

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
