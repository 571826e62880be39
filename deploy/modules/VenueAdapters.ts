import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { CallableContractFuture } from "@nomicfoundation/ignition-core";
import { VENUE_IDS, type VenueName } from "../../scripts/lib/protocol-config.js";
import type { AnyModule } from "./Reactor.js";
import RolesModule from "./Roles.js";

/** Result key of each venue's adapter. */
export const ADAPTER_KEYS: Readonly<Record<VenueName, string>> = {
  uniswap: "uniswapAdapter",
  sushiswap: "sushiswapAdapter",
  balancer: "balancerAdapter",
};

/**
 * One adapter per venue of `venues`, serving the allocator of `allocator`, on the DEX contracts
 * of `dex` (the local DEX world or the existing deployments), each registered with the allocator
 * under its venue id.
 */
export function venueAdaptersModule(
  dex: AnyModule,
  allocator: AnyModule,
  venues: readonly VenueName[],
) {
  return buildModule("VenueAdapters", (m) => {
    const { protocolRoles } = m.useModule(RolesModule);
    const d = m.useModule(dex) as Record<string, CallableContractFuture<string>>;
    const liquidityAllocator = m.useModule(allocator)
      .liquidityAllocator as CallableContractFuture<string>;
    const results: Record<string, CallableContractFuture<string>> = {};
    let uniswapRegistered: ReturnType<typeof m.call> | undefined;
    for (const venue of venues) {
      const adapter =
        venue === "balancer"
          ? m.contract("BalancerV2WeightedAdapter", [
              liquidityAllocator,
              d.balancerVault,
              d.balancerWeightedPoolFactory,
              protocolRoles,
            ])
          : m.contract(
              "UniswapV2StyleAdapter",
              [liquidityAllocator, venue === "uniswap" ? d.uniswapV2Factory : d.sushiswapFactory],
              { id: venue === "uniswap" ? "UniswapV2Adapter" : "SushiSwapAdapter" },
            );
      const registered = m.call(liquidityAllocator, "registerVenue", [VENUE_IDS[venue], adapter], {
        id: `register_${venue}`,
      });
      if (venue === "uniswap") uniswapRegistered = registered;
      results[ADAPTER_KEYS[venue]] = adapter;
    }
    // A loss past the Treasury's cover sells slashed TOKE for the asset on Uniswap V2; without a
    // slash venue that part of a loss is written down instead.
    if (uniswapRegistered !== undefined)
      m.call(liquidityAllocator, "setSlashVenue", [VENUE_IDS.uniswap], {
        id: "setSlashVenue",
        after: [uniswapRegistered],
      });
    return results;
  });
}
