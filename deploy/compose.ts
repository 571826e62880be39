import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture } from "@nomicfoundation/ignition-core";
import {
  CORE_ASSETS,
  LOCAL_PROJECT_ASSETS,
  type AssetSymbol,
  type Pairing,
  type VenueName,
} from "../scripts/lib/protocol-config.js";
import CycleManagerModule from "./modules/CycleManager.js";
import { daoModule } from "./modules/DAO.js";
import DexWorldModule from "./modules/DexWorld.js";
import { emissionControllerModule } from "./modules/EmissionController.js";
import { existingDexModule } from "./modules/ExistingDex.js";
import ExternalAssetsModule from "./modules/ExternalAssets.js";
import { governanceHandoverModule } from "./modules/GovernanceHandover.js";
import LDStakingModule from "./modules/LDStaking.js";
import { liquidityAllocatorModule } from "./modules/LiquidityAllocator.js";
import LocalAssetsModule from "./modules/LocalAssets.js";
import PriceFeedModule from "./modules/PriceFeed.js";
import { reactorModule, type AnyModule, type AssetRef } from "./modules/Reactor.js";
import { reactorWiringModule } from "./modules/ReactorWiring.js";
import RolesModule from "./modules/Roles.js";
import TokeModule from "./modules/Toke.js";
import TreasuryModule from "./modules/Treasury.js";
import { twapOracleModule } from "./modules/TwapOracle.js";
import { venueAdaptersModule } from "./modules/VenueAdapters.js";
import VenueRegistryModule from "./modules/VenueRegistry.js";
import { wethGatewayModule } from "./modules/WethGateway.js";

/** How a whole-system deployment is put together (per network: scripts/lib/networks.ts). */
export interface ProtocolShape {
  /** `local`: DEX world + test tokens deployed first; `external`: assets given as parameters. */
  readonly assets: "local" | "external";
  /** Hand GOVERNANCE_ROLE to the timelock at the end (public networks). */
  readonly handOverGovernance: boolean;
  /** The venues that get an adapter (they must exist on the network). */
  readonly venues: readonly VenueName[];
  /** Token Reactors' pairings with a base Reactor (WETH or USDC). */
  readonly pairings: Readonly<Partial<Record<AssetSymbol, Pairing>>>;
}

/** Which asset module result each Reactor is for. */
function assetRefs(shape: ProtocolShape): Partial<Record<AssetSymbol, AssetRef>> {
  const assets = shape.assets === "local" ? LocalAssetsModule : ExternalAssetsModule;
  const refs: Partial<Record<AssetSymbol, AssetRef>> = {
    WETH: { module: assets, key: "weth" },
    USDC: { module: assets, key: "usdc" },
    TOKE: { module: TokeModule, key: "toke" },
  };
  if (shape.assets === "local") {
    for (const symbol of LOCAL_PROJECT_ASSETS) {
      refs[symbol] = { module: LocalAssetsModule, key: symbol.toLowerCase() };
    }
  }
  return refs;
}

/** The Reactor symbols a shape deploys, in registration (and settlement) order. */
export function reactorSymbols(shape: ProtocolShape): AssetSymbol[] {
  return [...CORE_ASSETS, ...(shape.assets === "local" ? LOCAL_PROJECT_ASSETS : [])];
}

/**
 * The whole system as one module. Each deployable unit is its own module (Roles, Toke,
 * Treasury, CycleManager, one Reactor_<SYMBOL> per asset, WethGateway, VenueRegistry, LDStaking,
 * PriceFeed, EmissionController, TwapOracle, LiquidityAllocator, VenueAdapters, one
 * ReactorWiring_<SYMBOL> per Reactor); this only composes them, so a new part is one more
 * module here and one more entry in the results.
 */
export function protocolModule(shape: ProtocolShape) {
  const key = JSON.stringify(shape);
  const built = compositions.get(key) ?? buildProtocol(shape);
  compositions.set(key, built);
  return built;
}

/** One composition object per shape: module objects are identities to Ignition. */
const compositions = new Map<string, ReturnType<typeof buildProtocol>>();

function buildProtocol(shape: ProtocolShape) {
  const refs = assetRefs(shape);
  const symbols = reactorSymbols(shape);
  const reactors = new Map<AssetSymbol, AnyModule>();
  let previous: AnyModule | undefined;
  for (const symbol of symbols) {
    const ref = refs[symbol];
    if (ref === undefined) throw new Error(`no asset for ${symbol}`);
    previous = reactorModule(symbol, ref, previous);
    reactors.set(symbol, previous);
  }
  const reactorOf = (symbol: AssetSymbol) => {
    const module = reactors.get(symbol);
    if (module === undefined) throw new Error(`no ${symbol} Reactor`);
    return module;
  };
  const gateway = wethGatewayModule(refs.WETH!, reactorOf("WETH"));
  const dex = shape.assets === "local" ? DexWorldModule : existingDexModule(shape.venues);
  const oracle = twapOracleModule(dex);
  const allocator = liquidityAllocatorModule(oracle);
  const adapters = venueAdaptersModule(dex, allocator, shape.venues);
  const emissions = emissionControllerModule(reactorOf("TOKE"));
  const dao = daoModule(refs.WETH!);
  const parts = {
    ldStaking: LDStakingModule,
    venueRegistry: VenueRegistryModule,
    priceFeed: PriceFeedModule,
    emissions,
    allocator,
  };
  const wirings = symbols.map((symbol) => {
    const pairing = shape.pairings[symbol];
    return reactorWiringModule({
      symbol,
      reactor: reactorOf(symbol),
      isToke: symbol === "TOKE",
      pairing:
        pairing === undefined ? undefined : { ...pairing, baseReactor: reactorOf(pairing.base) },
      venues: shape.venues,
      parts,
    });
  });
  const id = shape.assets === "local" ? "LocalProtocol" : "Protocol";

  return buildModule(id, (m) => {
    type Results = Record<string, ContractFuture<string>>;
    const use = (module: AnyModule) => m.useModule(module) as Results;
    const results: Results = {
      // Local: the DEX world and test tokens too, so one result has every address.
      ...(shape.assets === "local" ? use(DexWorldModule) : {}),
      ...use(shape.assets === "local" ? LocalAssetsModule : ExternalAssetsModule),
      ...use(RolesModule),
      ...use(TokeModule),
      ...use(TreasuryModule),
      ...use(CycleManagerModule),
      ...use(gateway),
      ...use(VenueRegistryModule),
      ...use(LDStakingModule),
      ...use(PriceFeedModule),
      ...use(emissions),
      ...use(oracle),
      ...use(allocator),
      ...use(adapters),
      ...use(dao),
    };
    for (const [symbol, module] of reactors) results[`reactor${symbol}`] = use(module).reactor;
    for (const wiring of wirings) m.useModule(wiring);
    if (shape.handOverGovernance) {
      m.useModule(
        governanceHandoverModule([
          RolesModule,
          TokeModule,
          TreasuryModule,
          CycleManagerModule,
          gateway,
          VenueRegistryModule,
          LDStakingModule,
          PriceFeedModule,
          emissions,
          oracle,
          allocator,
          adapters,
          dao,
          ...reactors.values(),
          ...wirings,
        ]),
      );
    }
    return results;
  });
}
