// A keeper write: send, then wait for the network's confirmations (bounded by txTimeoutSeconds).
import type { ContractTransactionResponse } from "ethers";
import type { KeeperContext } from "./context.js";
import { EXIT, KeeperError } from "./errors.js";

/** Sends `tx` and waits for it to be mined with `config.confirmations`; returns its hash. */
export async function sendAndWait(
  ctx: KeeperContext,
  tx: Promise<ContractTransactionResponse>,
): Promise<string> {
  const sent = await tx;
  const receipt = await ctx.system.connection.ethers.provider.waitForTransaction(
    sent.hash,
    ctx.config.confirmations,
    ctx.config.txTimeoutSeconds * 1000,
  );
  if (receipt === null) {
    throw new KeeperError(
      `${sent.hash} was not mined within ${ctx.config.txTimeoutSeconds} s`,
      EXIT.failed,
    );
  }
  if (receipt.status !== 1) {
    throw new KeeperError(`transaction ${sent.hash} reverted on-chain`, EXIT.failed);
  }
  return sent.hash;
}
