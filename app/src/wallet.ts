// Wallets: EIP-6963 discovery (mipd), any injected EIP-1193 provider, and on local chains a dev
// wallet backed by the node's unlocked Hardhat accounts. Tracks the account and the chain.
import { createStore, type EIP1193Provider, type EIP6963ProviderDetail } from "mipd";
import type { AppConfig } from "./config";

export interface Eip1193 {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
  on?(event: string, listener: (...args: never[]) => void): void;
  removeListener?(event: string, listener: (...args: never[]) => void): void;
}

/** A wallet the user can pick. */
export interface Connector {
  readonly id: string;
  readonly name: string;
  readonly icon?: string;
  /** Local only: the dev wallet signs with the node's accounts. */
  readonly local: boolean;
  readonly provider: Eip1193;
}

export interface WalletState {
  readonly connector: Connector;
  readonly account: string;
  readonly chainId: number;
}

const DEV_ACCOUNT_KEY = "reactor.devAccount";

/**
 * The dev wallet: an EIP-1193 provider that forwards every request to the local node, whose
 * accounts are unlocked (Hardhat's), and answers eth_accounts with the account picked here.
 */
export class DevWallet implements Eip1193 {
  private readonly listeners = new Map<string, Set<(...args: never[]) => void>>();
  private id = 0;
  account: string | undefined;

  constructor(
    private readonly rpcUrl: string,
    start?: string,
  ) {
    this.account = localStorage.getItem(DEV_ACCOUNT_KEY) ?? start;
  }

  async accounts(): Promise<string[]> {
    return (await this.rpc("eth_accounts", [])) as string[];
  }

  select(account: string): void {
    this.account = account;
    localStorage.setItem(DEV_ACCOUNT_KEY, account);
    this.emit("accountsChanged", [account]);
  }

  async request({
    method,
    params,
  }: {
    method: string;
    params?: unknown[] | object;
  }): Promise<unknown> {
    if (method === "eth_requestAccounts" || method === "eth_accounts") {
      const all = await this.accounts();
      if (
        this.account === undefined ||
        !all.some((a) => a.toLowerCase() === this.account?.toLowerCase())
      ) {
        this.account = all[1] ?? all[0];
      }
      return this.account === undefined ? [] : [this.account];
    }
    if (method === "wallet_switchEthereumChain" || method === "wallet_addEthereumChain") {
      throw Object.assign(new Error("the dev wallet is bound to the local chain"), { code: 4200 });
    }
    return this.rpc(method, Array.isArray(params) ? params : params === undefined ? [] : [params]);
  }

  on(event: string, listener: (...args: never[]) => void): void {
    let set = this.listeners.get(event);
    if (set === undefined) this.listeners.set(event, (set = new Set()));
    set.add(listener);
  }

  removeListener(event: string, listener: (...args: never[]) => void): void {
    this.listeners.get(event)?.delete(listener);
  }

  private emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? [])
      (listener as (...a: unknown[]) => void)(...args);
  }

  private async rpc(method: string, params: unknown[]): Promise<unknown> {
    const response = await fetch(this.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: ++this.id, method, params }),
    });
    const body = (await response.json()) as {
      result?: unknown;
      error?: { code: number; message: string; data?: unknown };
    };
    if (body.error !== undefined) throw Object.assign(new Error(body.error.message), body.error);
    return body.result;
  }
}

/** Wallets on offer: announced (EIP-6963), a legacy window.ethereum, and the dev wallet. */
export class Wallets {
  private readonly store = createStore();
  readonly dev: DevWallet | undefined;
  state: WalletState | undefined;
  private onChange: () => void = () => {};
  private readonly handlers = {
    accountsChanged: (accounts: string[]) => {
      if (this.state === undefined) return;
      const account = accounts[0];
      this.state = account === undefined ? undefined : { ...this.state, account };
      this.onChange();
    },
    chainChanged: (chainId: string) => {
      if (this.state === undefined) return;
      this.state = { ...this.state, chainId: Number(chainId) };
      this.onChange();
    },
  };

  constructor(private readonly config: AppConfig) {
    this.dev =
      config.devWallet && config.rpcUrl !== undefined
        ? new DevWallet(config.rpcUrl, config.devAccount)
        : undefined;
    this.store.subscribe(() => this.onChange());
  }

  listen(onChange: () => void): void {
    this.onChange = onChange;
  }

  connectors(): Connector[] {
    const announced: Connector[] = this.store.getProviders().map((d: EIP6963ProviderDetail) => ({
      id: d.info.rdns || d.info.uuid,
      name: d.info.name,
      icon: d.info.icon,
      local: false,
      provider: d.provider as EIP1193Provider as unknown as Eip1193,
    }));
    const injected = (window as { ethereum?: Eip1193 }).ethereum;
    if (injected !== undefined && !announced.some((c) => c.provider === injected)) {
      announced.push({ id: "injected", name: "Browser wallet", local: false, provider: injected });
    }
    if (this.dev !== undefined) {
      announced.push({
        id: "dev",
        name: "Dev wallet (local only)",
        local: true,
        provider: this.dev,
      });
    }
    return announced;
  }

  async connect(connector: Connector): Promise<void> {
    this.disconnect();
    const accounts = (await connector.provider.request({
      method: "eth_requestAccounts",
    })) as string[];
    const chainId = Number(await connector.provider.request({ method: "eth_chainId" }));
    const account = accounts[0];
    if (account === undefined) throw new Error(`${connector.name} gave no account`);
    connector.provider.on?.("accountsChanged", this.handlers.accountsChanged as never);
    connector.provider.on?.("chainChanged", this.handlers.chainChanged as never);
    this.state = { connector, account, chainId };
    sessionStorage.setItem("reactor.connector", connector.id);
    this.onChange();
  }

  /** Reconnects to the wallet of the last session, if it is still on offer. */
  async restore(): Promise<void> {
    const id = sessionStorage.getItem("reactor.connector");
    const connector = this.connectors().find((c) => c.id === id);
    if (connector !== undefined) await this.connect(connector).catch(() => undefined);
  }

  disconnect(): void {
    const provider = this.state?.connector.provider;
    provider?.removeListener?.("accountsChanged", this.handlers.accountsChanged as never);
    provider?.removeListener?.("chainChanged", this.handlers.chainChanged as never);
    this.state = undefined;
    sessionStorage.removeItem("reactor.connector");
  }

  get wrongChain(): boolean {
    return this.state !== undefined && this.state.chainId !== this.config.chainId;
  }

  /** Asks the wallet to switch to the deployment's chain (adding it when the wallet lacks it). */
  async switchChain(): Promise<void> {
    const provider = this.state?.connector.provider;
    if (provider === undefined) return;
    const chainId = `0x${this.config.chainId.toString(16)}`;
    try {
      await provider.request({ method: "wallet_switchEthereumChain", params: [{ chainId }] });
    } catch (error) {
      if ((error as { code?: number }).code !== 4902 || this.config.rpcUrl === undefined)
        throw error;
      await provider.request({
        method: "wallet_addEthereumChain",
        params: [
          {
            chainId,
            chainName: this.config.chainName,
            rpcUrls: [this.config.rpcUrl],
            nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
          },
        ],
      });
    }
    // Some wallets switch without a chainChanged event: read the chain back.
    if (this.state !== undefined) {
      this.state = {
        ...this.state,
        chainId: Number(await provider.request({ method: "eth_chainId" })),
      };
      this.onChange();
    }
  }
}
