// The `rollover` job: if a rollover is due, run it to completion (or resume the one in
// progress), one simulated-then-sent step at a time, re-reading the chain before every step.
import pc from "picocolors";
import Table from "cli-table3";
import { fmtAmount, fmtDuration } from "../../lib/format.js";
import { isDue, readClock, secondsToRollover, type Clock } from "../chain/clock.js";
import type { KeeperContext } from "../chain/context.js";
import { EXIT, KeeperError, decodeRevert, describeRevert, toKeeperError } from "../chain/errors.js";
import type { Progress } from "../chain/output.js";
import { backoffMs, isTransient, sleep } from "../chain/retry.js";
import { ROLLOVER_EXTENSIONS } from "../steps/extensions.js";
import { planRollover, type RolloverPlan } from "../steps/rollover.js";
import type { MoveBounds, PlannedMove, RolloverStep } from "../steps/types.js";
import type { Job } from "./job.js";

export interface RolloverOptions {
  /** Print the plan (and simulate its first step) without sending anything. */
  readonly dryRun?: boolean;
  /** Stop after this many `processReactors` transactions (resume by running again). */
  readonly maxChunks?: number;
  /** Most rollovers to run back to back when the schedule is behind (default: config). */
  readonly maxCycles?: number;
  /**
   * Test hook: after this many chunks, report and then hang, so a test can kill the process
   * mid-rollover (KEEPER_TEST_STALL_AFTER_CHUNKS).
   */
  readonly stallAfterChunks?: number;
}

export interface SentStep {
  readonly kind: RolloverStep["kind"];
  readonly label: string;
  readonly detail: Readonly<Record<string, unknown>>;
  readonly hash: string;
  readonly blockNumber: number;
  readonly gasUsed: bigint;
  readonly gasEstimate: bigint;
}

export interface RolloverOutcome {
  /** not-due: nothing to do; planned: dry run; completed: every due rollover ran; stopped: --max-chunks. */
  readonly status: "not-due" | "planned" | "completed" | "stopped";
  readonly completedCycles: readonly bigint[];
  readonly sent: readonly SentStep[];
  /** The chain after the run. */
  readonly clock: Clock;
  /** Dry run: the plan, with the first step's simulation. */
  readonly plan?: {
    readonly cycle: bigint;
    readonly steps: readonly {
      kind: string;
      label: string;
      detail: Readonly<Record<string, unknown>>;
    }[];
    readonly moves: readonly PlannedMove[];
    readonly bounds: MoveBounds | undefined;
    readonly firstStepGasEstimate: bigint;
  };
}

/** Reverts that mean someone else moved the rollover on between our read and our call. */
const RACE_ERRORS = new Set([
  "CycleManagerRolloverInProgress",
  "CycleManagerNoRollover",
  "CycleManagerNothingToProcess",
  "CycleManagerReactorsPending",
  "CycleManagerCycleNotEnded",
]);
const MAX_RACES = 3;

function planView(plan: RolloverPlan) {
  return {
    cycle: plan.cycle,
    steps: plan.steps.map((s) => ({ kind: s.kind, label: s.label, detail: s.detail })),
    moves: plan.moves,
    bounds: plan.bounds,
  };
}

interface PlanView {
  readonly cycle: bigint;
  readonly steps: readonly { readonly label: string }[];
  readonly moves: readonly PlannedMove[];
  readonly bounds: MoveBounds | undefined;
}

const pct = (bps: number) => `${(bps / 100).toFixed(1)}%`;

function renderPlan(plan: PlanView, firstGas: bigint | undefined): string {
  const table = new Table({
    head: ["#", "step", "simulated gas"].map((h) => pc.cyan(h)),
    colAligns: ["right", "left", "right"],
    style: { head: [], border: [], compact: true },
  });
  plan.steps.forEach((step, i) => {
    const gas =
      i === 0 && firstGas !== undefined ? firstGas.toLocaleString("en-US") : pc.dim("after step 1");
    table.push([String(i + 1), step.label, gas]);
  });
  const lines = [
    pc.bold(`Rollover plan: close cycle ${plan.cycle} in ${plan.steps.length} transactions`),
    table.toString(),
  ];
  const b = plan.bounds;
  if (b === undefined) {
    lines.push(pc.dim("No venue moves: no liquidity allocator is set on this network."));
    return lines.join("\n");
  }
  if (plan.moves.length > 0) {
    const moves = new Table({
      head: ["Reactor", "venue", "LD votes", "deployed now", "share now", "move"].map((h) =>
        pc.cyan(h),
      ),
      colAligns: ["left", "left", "right", "right", "right", "left"],
      style: { head: [], border: [], compact: true },
    });
    for (const m of plan.moves) {
      moves.push([
        m.reactor,
        m.venue,
        pct(m.voteBps),
        fmtAmount(m.deployed, m.decimals, 4),
        pct(m.deployedBps),
        m.action,
      ]);
    }
    lines.push(
      pc.bold("Venue moves (toward the LD votes; amounts set on-chain from the TWAP)"),
      moves.toString(),
    );
  } else {
    lines.push(pc.dim("No venue votes yet: nothing to move."));
  }
  lines.push(
    `Bounds: ${
      b.keeperBounds
        ? `slippage ${pct(b.slippageBps)} (keeper, governance max ${pct(b.maxSlippageBps)}), deadline ${new Date(Number(b.deadline) * 1000).toISOString()} at planning`
        : `slippage ${pct(b.maxSlippageBps)} (governance max; the signer lacks KEEPER_ROLE, so no tighter bound or deadline)`
    }; minimum amounts = TWAP-fair amounts less the slippage; moves under ${pct(b.minMoveBps)} of the deployable amount are skipped.`,
  );
  return lines.join("\n");
}

async function simulate(ctx: KeeperContext, step: RolloverStep) {
  return ctx.rpc(`simulate: ${step.label}`, () => step.simulate(ctx));
}

/** Sends `step` and waits for its confirmations; transient failures are the caller's to retry. */
async function send(
  ctx: KeeperContext,
  step: RolloverStep,
  gasEstimate: bigint,
): Promise<SentStep> {
  const tx = await step.send(ctx);
  ctx.out.event(
    "sent",
    { kind: step.kind, label: step.label, hash: tx.hash },
    pc.dim(`  → ${step.label}: sent ${tx.hash}`),
  );
  const provider = ctx.system.connection.ethers.provider;
  const timeoutMs = ctx.config.txTimeoutSeconds * 1000;
  const receipt = await ctx.rpc(`wait for ${tx.hash}`, async () => {
    const r = await provider.waitForTransaction(tx.hash, ctx.config.confirmations, timeoutMs);
    if (r === null)
      throw new KeeperError(
        `${tx.hash} was not mined within ${ctx.config.txTimeoutSeconds} s`,
        EXIT.failed,
      );
    return r;
  });
  if (receipt.status !== 1) {
    throw new KeeperError(`${step.label}: transaction ${tx.hash} reverted on-chain`, EXIT.failed);
  }
  return {
    kind: step.kind,
    label: step.label,
    detail: step.detail,
    hash: tx.hash,
    blockNumber: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
    gasEstimate,
  };
}

/** Runs every rollover that is due (see RolloverOptions). */
export async function runRollover(
  ctx: KeeperContext,
  options: RolloverOptions = {},
): Promise<RolloverOutcome> {
  const sent: SentStep[] = [];
  const completedCycles: bigint[] = [];
  const maxCycles = options.maxCycles ?? ctx.config.maxCatchUpCycles;
  let chunks = 0;
  let races = 0;
  let transientSends = 0;
  let progress: Progress | undefined;
  let announced: bigint | undefined;
  const stop = () => progress?.stop();

  try {
    for (;;) {
      const clock = await readClock(ctx);
      if (!isDue(clock)) {
        stop();
        if (completedCycles.length === 0) {
          return { status: "not-due", completedCycles, sent, clock };
        }
        return { status: "completed", completedCycles, sent, clock };
      }
      if (completedCycles.length >= maxCycles) {
        ctx.out.warn(`still due after ${maxCycles} rollovers (the schedule is behind): run again`);
        stop();
        return { status: "completed", completedCycles, sent, clock };
      }
      const plan = await planRollover(ctx, clock);
      const step = plan.steps[0];

      if (announced !== plan.cycle) {
        announced = plan.cycle;
        const overdue = -secondsToRollover(clock);
        ctx.out.event(
          "plan",
          {
            ...planView(plan),
            resumed: clock.inProgress,
            cursor: clock.cursor,
            overdueSeconds: overdue,
          },
          clock.inProgress
            ? pc.yellow(
                `Resuming the rollover of cycle ${plan.cycle} at Reactor ${clock.cursor} of ${clock.reactors.length}`,
              )
            : `Cycle ${plan.cycle} ended ${fmtDuration(overdue)} ago: rolling over in ${plan.steps.length} transactions`,
        );
        for (const extension of ROLLOVER_EXTENSIONS) {
          for (const warning of (await extension.warnings?.(ctx, clock)) ?? [])
            ctx.out.warn(warning);
        }
        progress?.stop();
        progress = options.dryRun
          ? undefined
          : ctx.out.progress(plan.steps.length, `cycle ${plan.cycle}`);
      }

      let simulation: { gasEstimate: bigint };
      try {
        simulation = await simulate(ctx, step);
      } catch (error) {
        const name = decodeRevert(error)?.name;
        if (name !== undefined && RACE_ERRORS.has(name) && races < MAX_RACES && !options.dryRun) {
          // Another keeper (anyone may roll over) moved the state on: read it again.
          ++races;
          ctx.out.warn(
            `${step.label}: ${name}: the rollover moved on under us, re-reading the chain`,
          );
          continue;
        }
        throw new KeeperError(
          `simulation of "${step.label}" reverted: ${describeRevert(error)}`,
          EXIT.failed,
          {
            cause: error,
          },
        );
      }

      if (options.dryRun) {
        ctx.out.event("simulated", { label: step.label, gasEstimate: simulation.gasEstimate }, "");
        return {
          status: "planned",
          completedCycles,
          sent,
          clock,
          plan: { ...planView(plan), firstStepGasEstimate: simulation.gasEstimate },
        };
      }

      let done: SentStep;
      try {
        done = await send(ctx, step, simulation.gasEstimate);
      } catch (error) {
        // We may not know whether the transaction went out: back off, read the chain, re-plan.
        // The state machine makes a repeated step revert rather than act twice.
        if (!isTransient(error) || transientSends + 1 >= ctx.config.retry.attempts) throw error;
        const delay = backoffMs(ctx.config.retry, ++transientSends);
        ctx.out.event(
          "retry",
          {
            label: step.label,
            attempt: transientSends,
            delayMs: delay,
            reason: describeRevert(error),
          },
          pc.yellow(
            `  ${step.label}: ${describeRevert(error)}; re-reading the chain in ${delay} ms`,
          ),
        );
        await sleep(delay);
        continue;
      }
      transientSends = 0;
      sent.push(done);
      progress?.tick(step.kind);
      ctx.out.event(
        "step",
        { ...done },
        `${pc.green("✓")} ${step.label} ${pc.dim(`gas ${done.gasUsed.toLocaleString("en-US")} · block ${done.blockNumber} · ${done.hash}`)}`,
      );
      if (step.kind === "complete") {
        completedCycles.push(plan.cycle);
        progress?.stop();
        progress = undefined;
      }
      if (step.kind === "process") {
        ++chunks;
        if (options.stallAfterChunks !== undefined && chunks >= options.stallAfterChunks) {
          ctx.out.event("stalled", { chunks }, `stalling after ${chunks} chunk(s) (test hook)`);
          await new Promise<never>(() => {});
        }
        if (options.maxChunks !== undefined && chunks >= options.maxChunks) {
          stop();
          ctx.out.warn(`stopped after ${chunks} chunk(s) (--max-chunks): run again to resume`);
          return { status: "stopped", completedCycles, sent, clock: await readClock(ctx) };
        }
      }
    }
  } catch (error) {
    stop();
    throw toKeeperError(error, "rollover");
  }
}

/** The human rendering of a rollover outcome. */
export function renderRollover(outcome: RolloverOutcome): string {
  const { clock } = outcome;
  switch (outcome.status) {
    case "not-due":
      return `Not due: cycle ${clock.cycle} ends at ${new Date(Number(clock.cycleEnd) * 1000).toISOString()} (in ${fmtDuration(secondsToRollover(clock))} of chain time).`;
    case "planned": {
      const plan = outcome.plan;
      if (plan === undefined) return "";
      return `${renderPlan(plan, plan.firstStepGasEstimate)}\n${pc.dim("Dry run: nothing sent. The first step was simulated; later steps are simulated as they come.")}`;
    }
    case "stopped":
      return pc.yellow(
        `Stopped mid-rollover of cycle ${clock.cycle} at Reactor ${clock.cursor} of ${clock.reactors.length}.`,
      );
    case "completed": {
      const gas = outcome.sent.reduce((sum, s) => sum + s.gasUsed, 0n);
      return pc.green(
        `Rolled over ${outcome.completedCycles.map((c) => `cycle ${c}`).join(", ")} in ${outcome.sent.length} transactions (${gas.toLocaleString("en-US")} gas). Cycle ${clock.cycle} ends at ${new Date(Number(clock.cycleEnd) * 1000).toISOString()}.`,
      );
    }
  }
}

export const rolloverJob: Job<RolloverOptions, RolloverOutcome> = {
  name: "rollover",
  run: runRollover,
  render: renderRollover,
};
