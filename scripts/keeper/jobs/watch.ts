// The `watch` job: a long-running keeper that pokes the oracle ahead of each cycle's end and
// rolls over when due.
import { readClock, secondsToRollover } from "../chain/clock.js";
import { EXIT, KeeperError } from "../chain/errors.js";
import { sleep } from "../chain/retry.js";
import { pokeOracle, renderPoke } from "../steps/market.js";
import type { Job } from "./job.js";
import { renderRollover, runRollover } from "./rollover.js";

export interface WatchOptions {
  /** Exit after this many completed rollovers (default: run until stopped). */
  readonly maxRollovers?: number;
  /** Seconds between checks (default: config.pollSeconds). */
  readonly pollSeconds?: number;
  /** Set to stop after the rollover in hand (SIGINT/SIGTERM). */
  readonly stopRequested?: () => boolean;
}

export interface WatchResult {
  readonly rollovers: number;
  readonly cycles: readonly bigint[];
}

/**
 * Runs `rollover` whenever a cycle comes due, and `poke` once per cycle when it is within
 * `oracleLeadSeconds` of its end (so the rollover prices against a settled TWAP). Transient node
 * failures are logged and waited out; a real failure (a revert) ends the watch with its exit
 * code, for a supervisor to restart.
 */
export const watchJob: Job<WatchOptions, WatchResult> = {
  name: "watch",
  async run(ctx, options) {
    const cycles: bigint[] = [];
    const poll = options.pollSeconds ?? ctx.config.pollSeconds;
    ctx.out.event(
      "watching",
      { pollSeconds: poll, pid: process.pid },
      `Watching for due rollovers (every ${poll} s; Ctrl-C stops)`,
    );
    let pokedFor: bigint | undefined;
    while (options.stopRequested?.() !== true) {
      try {
        const before = await readClock(ctx);
        const lead = BigInt(ctx.config.oracleLeadSeconds);
        if (
          !before.inProgress &&
          pokedFor !== before.cycle &&
          before.now >= before.cycleEnd - lead
        ) {
          pokedFor = before.cycle;
          const poked = await pokeOracle(ctx);
          ctx.out.event("poked", { ...poked }, renderPoke(poked));
        }
        const outcome = await runRollover(ctx, {});
        if (outcome.status === "completed") {
          cycles.push(...outcome.completedCycles);
          ctx.out.event(
            "rolled-over",
            { cycles: outcome.completedCycles },
            renderRollover(outcome),
          );
        }
        if (options.maxRollovers !== undefined && cycles.length >= options.maxRollovers) break;
        const clock = await readClock(ctx);
        // Wake for the poke window or the cycle's end, whichever comes first.
        const untilPoke = Number(secondsToRollover(clock)) - ctx.config.oracleLeadSeconds;
        const untilDue = Number(secondsToRollover(clock));
        const next = [untilPoke, untilDue].filter((s) => s > 0);
        await sleep(1000 * Math.max(0.2, Math.min(poll, ...next)));
      } catch (error) {
        if (error instanceof KeeperError && error.exitCode === EXIT.unavailable) {
          ctx.out.warn(`${error.message}; trying again in ${poll} s`);
          await sleep(1000 * poll);
          continue;
        }
        throw error;
      }
    }
    return { rollovers: cycles.length, cycles };
  },
  render: (r) => `Watch ended after ${r.rollovers} rollover(s).`,
};
