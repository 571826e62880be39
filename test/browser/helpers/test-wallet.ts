/// <reference lib="dom" />
// Code inside page.evaluate / addInitScript runs in the browser: DOM types for it.
// A test wallet injected into the page: an EIP-1193 provider announced through EIP-6963, backed by
// one of the local node's Hardhat accounts (unlocked: the node signs). Requests cross into Node
// through page.exposeFunction and are forwarded to the node as raw JSON-RPC, so reverts keep
// their error data as a wallet passes them on. It can start on a wrong chain.
import type { Page } from "playwright-core";

export interface TestWalletOptions {
  readonly rpcUrl: string;
  readonly account: string;
  /** The chain the wallet is on at first (default: the node's). */
  readonly startChainId?: number;
}

export interface TestWallet {
  /** The chain the wallet is on now. */
  chainId(): number;
  /** Every method the page asked for, in order. */
  readonly calls: string[];
}

const INFO = {
  uuid: "0f6c2c43-6d51-4e8a-9d7b-5f1f2a3b4c5d",
  name: "Test Wallet",
  icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='7' fill='%234f8cff'/%3E%3C/svg%3E",
  rdns: "org.reactor.testwallet",
};

export async function injectTestWallet(
  page: Page,
  options: TestWalletOptions,
): Promise<TestWallet> {
  let id = 0;
  const rpc = async (method: string, params: unknown[]) => {
    const response = await fetch(options.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }),
    });
    return (await response.json()) as { result?: unknown; error?: unknown };
  };
  const nodeChain = Number((await rpc("eth_chainId", [])).result);
  let chainId = options.startChainId ?? nodeChain;
  const calls: string[] = [];
  await page.exposeFunction("__testWalletRequest", async (method: string, params: unknown[]) => {
    calls.push(method);
    switch (method) {
      case "eth_requestAccounts":
      case "eth_accounts":
        return { result: [options.account] };
      case "eth_chainId":
        return { result: `0x${chainId.toString(16)}` };
      case "wallet_switchEthereumChain": {
        const wanted = Number((params[0] as { chainId: string }).chainId);
        if (wanted !== nodeChain)
          return { error: { code: 4902, message: `unknown chain ${wanted}` } };
        chainId = wanted;
        await page.evaluate(
          (hex) =>
            (
              window as unknown as { __testWalletEmit(e: string, v: unknown): void }
            ).__testWalletEmit("chainChanged", hex),
          `0x${wanted.toString(16)}`,
        );
        return { result: null };
      }
      case "eth_sendTransaction":
        if (chainId !== nodeChain)
          return { error: { code: 4901, message: "the wallet is on another chain" } };
        return rpc(method, params);
      default:
        return rpc(method, params);
    }
  });
  // Plain JavaScript source: a function would be re-serialised with the test runner's helpers.
  await page.addInitScript(`(() => {
    const info = ${JSON.stringify(INFO)};
    const listeners = new Map();
    const provider = {
      async request(args) {
        const answer = await window.__testWalletRequest(args.method, args.params ?? []);
        if (answer.error !== undefined) throw Object.assign(new Error(answer.error.message), answer.error);
        return answer.result;
      },
      on(event, listener) {
        if (!listeners.has(event)) listeners.set(event, new Set());
        listeners.get(event).add(listener);
      },
      removeListener(event, listener) {
        listeners.get(event)?.delete(listener);
      },
    };
    window.__testWalletEmit = (event, value) => {
      for (const listener of listeners.get(event) ?? []) listener(value);
    };
    const announce = () =>
      window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }));
    window.addEventListener("eip6963:requestProvider", announce);
    announce();
  })();`);
  return { chainId: () => chainId, calls };
}

/** The connect button of the test wallet (EIP-6963 id: its rdns). */
export const TEST_WALLET_BUTTON = `[data-testid="connect-${INFO.rdns}"]`;
