// Every transaction in one place: simulated first (a revert is explained and nothing is sent),
// then signed in the wallet and followed to its receipt: pending, confirmed or reverted.
import { BrowserProvider, Contract, type InterfaceAbi, type Provider } from "ethers";
import { explain, type ErrorContext } from "./errors";
import { h, replace } from "./ui";
import type { Eip1193 } from "./wallet";

export interface TxRequest {
  /** What the user does, in words ("Deposit 1 WETH"). */
  readonly label: string;
  readonly address: string;
  readonly abi: InterfaceAbi;
  readonly method: string;
  readonly args: readonly unknown[];
  /** Ether sent along, wei. */
  readonly value?: bigint;
  /** Units for the error sentences. */
  readonly context?: ErrorContext;
}

const RECEIPT_POLL_MS = 400;

export type TxStatus = "checking" | "pending" | "confirmed" | "reverted" | "refused";

export class TxRunner {
  constructor(
    private readonly list: HTMLElement,
    private readonly reader: Provider,
    private readonly wallet: () => { provider: Eip1193; account: string } | undefined,
  ) {}

  /** Sends `request`; resolves true once it is confirmed. */
  async send(request: TxRequest): Promise<boolean> {
    const entry = this.entry(request.label);
    const wallet = this.wallet();
    if (wallet === undefined) {
      entry.set("refused", "Connect a wallet on the right network first.");
      return false;
    }
    const overrides = request.value === undefined ? {} : { value: request.value };
    try {
      // Simulate with the reader so that a revert is decoded before anything is signed.
      const reader = new Contract(request.address, request.abi, this.reader);
      await reader
        .getFunction(request.method)
        .estimateGas(...request.args, { ...overrides, from: wallet.account });
    } catch (error) {
      entry.set("refused", `Not sent: ${explain(error, request.context)}`);
      return false;
    }
    try {
      entry.set("pending", "Confirm in your wallet…");
      const signer = await new BrowserProvider(wallet.provider as never).getSigner(wallet.account);
      const contract = new Contract(request.address, request.abi, signer);
      const response = await contract.getFunction(request.method).send(...request.args, overrides);
      entry.set("pending", `Pending: ${response.hash.slice(0, 10)}…`);
      const receipt = await this.receipt(response.hash);
      if (receipt === null || receipt.status !== 1) {
        entry.set("reverted", `Reverted in block ${receipt?.blockNumber ?? "?"}.`);
        return false;
      }
      entry.set("confirmed", `Confirmed in block ${receipt.blockNumber}.`);
      return true;
    } catch (error) {
      entry.set("reverted", explain(error, request.context));
      return false;
    }
  }

  /**
   * Polls for the receipt (one block is enough: a confirmed receipt is final on the chains the app
   * targets). Not `waitForTransaction`: on an automining chain no further block may ever come,
   * and a block-event wait can miss the one that carried the transaction.
   */
  private async receipt(hash: string) {
    for (;;) {
      const receipt = await this.reader.getTransactionReceipt(hash);
      if (receipt !== null) return receipt;
      await new Promise((resolve) => setTimeout(resolve, RECEIPT_POLL_MS));
    }
  }

  /** Reports an action refused before any transaction (validation). */
  refuse(label: string, reason: string): void {
    this.entry(label).set("refused", reason);
  }

  private entry(label: string) {
    const detail = h("span", { class: "tx-detail", "data-testid": "tx-detail" });
    const badge = h("span", { class: "tx-badge" });
    const item = h(
      "li",
      { class: "tx", "data-testid": "tx" },
      h("strong", {}, label),
      badge,
      detail,
    );
    this.list.prepend(item);
    while (this.list.children.length > 8) this.list.lastElementChild?.remove();
    const names: Record<TxStatus, string> = {
      checking: "checking",
      pending: "pending",
      confirmed: "confirmed",
      reverted: "reverted",
      refused: "not sent",
    };
    const set = (status: TxStatus, text: string) => {
      item.dataset.status = status;
      replace(badge, names[status]);
      replace(detail, text);
    };
    set("checking", "Checking…");
    return { set };
  }
}
