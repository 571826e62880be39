import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { CallableContractFuture } from "@nomicfoundation/ignition-core";
import { VENUE_IDS, type Pairing, type VenueName } from "../../scripts/lib/protocol-config.js";
import type { AnyModule } from "./Reactor.js";

export interface ReactorWiring {
  readonly symbol: string;
  readonly reactor: AnyModule;
  /** The TOKE Reactor: pooled LD option, no LD stake, no venue deployment. */
  readonly isToke: boolean;
  /** A token Reactor's base Reactor module and share; undefined for a base Reactor. */
  readonly pairing?: Pairing & { readonly baseReactor: AnyModule };
  readonly venues: readonly VenueName[];
  readonly parts: {
    readonly ldStaking: AnyModule;
    readonly venueRegistry: AnyModule;
    readonly priceFeed: AnyModule;
    readonly emissions: AnyModule;
    readonly allocator: AnyModule;
  };
}

/**
 * Connects one Reactor to the parts: the emission controller pays its LPs, the allocator deploys
 * its assets; LDs may stake on it (not on TOKE's); a token Reactor gets its pairing and the
 * venues its LDs may vote for; the price feed gets the asset's first price.
 *
 * Parameters (module "ReactorWiring_<SYMBOL>"): price (TOKE wei per asset wei, 1e18-scaled;
 * not for TOKE, which the feed prices 1:1).
 */
export function reactorWiringModule(w: ReactorWiring) {
  return buildModule(`ReactorWiring_${w.symbol}`, (m) => {
    const reactor = m.useModule(w.reactor).reactor as CallableContractFuture<string>;
    const get = (part: AnyModule, key: string) =>
      m.useModule(part)[key] as CallableContractFuture<string>;
    const emissionController = get(w.parts.emissions, "emissionController");
    const liquidityAllocator = get(w.parts.allocator, "liquidityAllocator");
    m.call(reactor, "setRewardsDistributor", [emissionController]);
    m.call(reactor, "setAllocator", [liquidityAllocator]);
    if (!w.isToke) {
      m.call(get(w.parts.ldStaking, "ldStaking"), "listReactor", [reactor]);
      const asset = m.staticCall(reactor, "asset");
      m.call(get(w.parts.priceFeed, "priceFeed"), "setPrice", [
        asset,
        m.getParameter<bigint>("price"),
      ]);
    }
    if (w.pairing !== undefined) {
      const base = m.useModule(w.pairing.baseReactor).reactor as CallableContractFuture<string>;
      m.call(liquidityAllocator, "setPairing", [reactor, base, w.pairing.shareBps]);
      const registry = get(w.parts.venueRegistry, "venueRegistry");
      for (const venue of w.venues) {
        m.call(registry, "allowVenue", [reactor, VENUE_IDS[venue]], { id: `allow_${venue}` });
      }
    }
    return {};
  });
}
