// The rollover state machine as the keeper sees it: one consistent read of the chain.
import type { KeeperContext } from "./context.js";

export interface Clock {
  /** Latest block's number and time (unix seconds): "now" for the chain. */
  readonly blockNumber: number;
  readonly now: bigint;
  /** The current cycle (the one a rollover in progress is closing). */
  readonly cycle: bigint;
  readonly cycleStart: bigint;
  /** When the current cycle ends: its rollover may start from then. */
  readonly cycleEnd: bigint;
  readonly duration: bigint;
  readonly nextDuration: bigint;
  readonly inProgress: boolean;
  /** Next Reactor (list index) the rollover in progress settles. */
  readonly cursor: number;
  /** Registered Reactors, in settlement order. */
  readonly reactors: readonly string[];
}

/** Whether a rollover should run now: one is in progress, or the current cycle has ended. */
export const isDue = (clock: Clock) => clock.inProgress || clock.now >= clock.cycleEnd;

/** Seconds until the current cycle ends (negative: overdue). */
export const secondsToRollover = (clock: Clock) => clock.cycleEnd - clock.now;

export async function readClock(ctx: KeeperContext): Promise<Clock> {
  const { manager } = ctx.system;
  const provider = ctx.system.connection.ethers.provider;
  return ctx.rpc("read cycle state", async () => {
    // Pin every read to one block, so the clock is consistent even while blocks are produced.
    const block = await provider.getBlock("latest");
    if (block === null) throw new Error("the node returned no latest block");
    const at = { blockTag: block.number };
    const [state, reactors] = await Promise.all([manager.state(at), manager.reactors(at)]);
    return {
      blockNumber: block.number,
      now: BigInt(block.timestamp),
      cycle: state.cycle,
      cycleStart: state.cycleStart,
      cycleEnd: state.cycleStart + state.duration,
      duration: state.duration,
      nextDuration: state.nextDuration,
      inProgress: state.inProgress,
      cursor: Number(state.cursor),
      reactors: [...reactors],
    };
  });
}
