// The shape of the app's config.json: plain types (no DOM), shared with the script that writes
// one (scripts/app/world.ts).

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
  readonly adapters: Readonly<Record<string, string | undefined>>;
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
