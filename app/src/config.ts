// The deployment the app talks to, read at run time (never compiled in): ./config.json beside
// index.html, or the URL in ?config=. `npm run app` writes one from the deployment's address book.

/** The address book the deploy exports (scripts/lib/system.ts SystemAddresses, the parts read here). */
export interface AddressBook {
  readonly chainId: number;
  readonly network: string;
  readonly toke: string;
  readonly treasury: string;
  readonly cycleManager: string;
  readonly wethGateway: string;
  readonly venueRegistry: string;
  readonly ldStaking: string;
  readonly ldVoteRelay: string;
  readonly priceFeed: string;
  readonly emissionController: string;
  readonly liquidityAllocator: string;
  readonly adapters: Readonly<Record<string, string>>;
  /** Reactor address by asset symbol. */
  readonly reactors: Readonly<Record<string, string>>;
  readonly dex?: { readonly weth: string };
}

/** The launch contracts, while they run (scripts/lib/launch.ts). */
export interface LaunchBook {
  readonly sale: string;
  readonly ethPool: string;
  readonly usdcPool: string;
  /** Public staking pools by label (TOKE, TOKE/WETH LP, ...). */
  readonly pools: Readonly<Record<string, string>>;
  /** Merkle proof of each whitelisted wallet (lower-case address). */
  readonly proofs: Readonly<Record<string, readonly string[]>>;
}

export interface AppConfig {
  readonly chainId: number;
  readonly chainName: string;
  /** JSON-RPC for reads (and for the dev wallet); without it, reads go through the wallet. */
  readonly rpcUrl?: string;
  readonly addresses: AddressBook;
  /** A local chain whose node holds unlocked accounts: offer the dev-wallet connector. */
  readonly devWallet?: boolean;
  /** The account the dev wallet starts on. */
  readonly devAccount?: string;
  readonly launch?: LaunchBook;
}

export async function loadConfig(): Promise<AppConfig> {
  const url = new URLSearchParams(location.search).get("config") ?? "./config.json";
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
  const config = (await response.json()) as AppConfig;
  if (config.addresses?.chainId !== config.chainId) {
    throw new Error(
      `${url}: the address book is for chain ${config.addresses?.chainId}, not ${config.chainId}`,
    );
  }
  return config;
}
