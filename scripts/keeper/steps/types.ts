// The shapes the rollover's steps share: a step (one simulated-then-sent transaction), a planned
// venue move, the bounds every move carries, and the extension a protocol part plugs in with.
import type { ContractTransactionResponse } from "ethers";
import type { Clock } from "../chain/clock.js";
import type { KeeperContext } from "../chain/context.js";

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
  /** The Reactor asset's decimals (to print `deployed` in whole tokens). */
  readonly decimals: number;
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
