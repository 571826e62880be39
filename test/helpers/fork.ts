import { isForkConfigured } from "../../scripts/lib/dex-world.js";

/** Printed, never silent: why the fork-only tests did not run, and how to run them. */
export const FORK_SKIP_REASON =
  "MAINNET_RPC_URL is unset: skipping mainnet-fork tests (set it in .env, see .env.example)";

/**
 * Call first in a fork-only suite's `before` (or a test): without a mainnet RPC URL it prints
 * the reason and skips, so the suite shows as pending with an explanation.
 */
export function requireMainnetFork(ctx: Mocha.Context): void {
  const where = ctx.test?.parent?.fullTitle() ?? "fork tests";
  if (isForkConfigured()) {
    if ((process.env.FORK_BLOCK ?? "").trim() === "") {
      console.log(`      [${where}] FORK_BLOCK is unset: forking the latest block, not repeatable`);
    }
    return;
  }
  console.log(`      [${where}] ${FORK_SKIP_REASON}`);
  ctx.skip();
}
