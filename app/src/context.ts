// What every page gets: the deployment, a reader, the connected account, the transaction runner.
import { Contract, type InterfaceAbi, type Provider } from "ethers";
import type { AppConfig } from "./config";
import type { TxRunner } from "./tx";
import type { Eip1193 } from "./wallet";

export interface AppContext {
  readonly config: AppConfig;
  readonly reader: Provider;
  /** The connected account, when the wallet is on the deployment's chain. */
  readonly account: string | undefined;
  readonly tx: TxRunner;
  /** The connected wallet's provider (for signatures), when on the deployment's chain. */
  wallet(): Eip1193 | undefined;
  /** Local chains only: a JSON-RPC call to the node (time travel for the dev wallet). */
  readonly devRpc?: (method: string, params: unknown[]) => Promise<unknown>;
  /** Re-renders the current page (after a transaction). */
  refresh(): void;
}

/** A read-only contract handle. */
export function read(ctx: AppContext, address: string, abi: InterfaceAbi): Contract {
  return new Contract(address, abi, ctx.reader);
}

/** The chain's clock (latest block time, seconds): the countdowns follow the chain, not the PC. */
export async function chainNow(ctx: AppContext): Promise<bigint> {
  const block = await ctx.reader.getBlock("latest");
  return BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000));
}
