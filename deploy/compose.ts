import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture } from "@nomicfoundation/ignition-core";
import {
  CORE_ASSETS,
  LOCAL_PROJECT_ASSETS,
  type AssetSymbol,
} from "../scripts/lib/protocol-config.js";
import CycleManagerModule from "./modules/CycleManager.js";
import DexWorldModule from "./modules/DexWorld.js";
import ExternalAssetsModule from "./modules/ExternalAssets.js";
import { governanceHandoverModule } from "./modules/GovernanceHandover.js";
import LocalAssetsModule from "./modules/LocalAssets.js";
import { reactorModule, type AnyModule, type AssetRef } from "./modules/Reactor.js";
import RolesModule from "./modules/Roles.js";
import TokeModule from "./modules/Toke.js";
import TreasuryModule from "./modules/Treasury.js";
import { wethGatewayModule } from "./modules/WethGateway.js";

/** How a whole-system deployment is put together. */
export interface ProtocolShape {
  /** `local`: DEX world + test tokens deployed first; `external`: assets given as parameters. */
  readonly assets: "local" | "external";
  /** Hand GOVERNANCE_ROLE to the timelock at the end (public networks). */
  readonly handOverGovernance: boolean;
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
 * Treasury, CycleManager, one Reactor_<SYMBOL> per asset, WethGateway); this only composes them,
 * so a new part (staking, votes, emissions, venue adapters, allocator, launch) is one more
 * `m.useModule` here and one more entry in the results.
 */
export function protocolModule(shape: ProtocolShape) {
  const key = `${shape.assets}:${shape.handOverGovernance}`;
  const built = compositions.get(key) ?? buildProtocol(shape);
  compositions.set(key, built);
  return built;
}

/** One composition object per shape: module objects are identities to Ignition. */
const compositions = new Map<string, ReturnType<typeof buildProtocol>>();

function buildProtocol(shape: ProtocolShape) {
  const refs = assetRefs(shape);
  const symbols = reactorSymbols(shape);
  const reactorModules: (readonly [AssetSymbol, AnyModule])[] = [];
  for (const symbol of symbols) {
    const ref = refs[symbol];
    if (ref === undefined) throw new Error(`no asset for ${symbol}`);
    const previous = reactorModules.at(-1)?.[1];
    reactorModules.push([symbol, reactorModule(symbol, ref, previous)]);
  }
  const wethRef = refs.WETH;
  const wethReactor = reactorModules.find(([symbol]) => symbol === "WETH")?.[1];
  if (wethRef === undefined || wethReactor === undefined) throw new Error("no WETH Reactor");
  const gatewayModule = wethGatewayModule(wethRef, wethReactor);
  const id = shape.assets === "local" ? "LocalProtocol" : "Protocol";

  return buildModule(id, (m) => {
    // Local: the DEX world and test tokens too, so that callers get every address from one result.
    const world = shape.assets === "local" ? m.useModule(DexWorldModule) : {};
    const results: Record<string, ContractFuture<string>> = {
      ...world,
      ...m.useModule<string, string, Record<string, ContractFuture<string>>>(
        shape.assets === "local" ? LocalAssetsModule : ExternalAssetsModule,
      ),
      ...m.useModule(RolesModule),
      ...m.useModule(TokeModule),
      ...m.useModule(TreasuryModule),
      ...m.useModule(CycleManagerModule),
      ...m.useModule(gatewayModule),
    };
    for (const [symbol, module] of reactorModules) {
      results[`reactor${symbol}`] = m.useModule(module).reactor as ContractFuture<string>;
    }
    if (shape.handOverGovernance) {
      const wiring: AnyModule[] = [
        RolesModule,
        TokeModule,
        TreasuryModule,
        CycleManagerModule,
        gatewayModule,
        ...reactorModules.map(([, module]) => module),
      ];
      m.useModule(governanceHandoverModule(wiring));
    }
    return results;
  });
}
