import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture } from "@nomicfoundation/ignition-core";
import { ORACLE_DEFAULTS } from "../../scripts/lib/protocol-config.js";
import type { AnyModule } from "./Reactor.js";
import RolesModule from "./Roles.js";

/**
 * Reference prices: TWAPs of Uniswap V2 pairs (the `uniswapV2Factory` of `dex`).
 *
 * Parameters (module "TwapOracle"): minWindow (s, default 30 min), maxWindow (s, default
 * 2 days), maxFeedAge (s, default 1 day).
 */
export function twapOracleModule(dex: AnyModule) {
  return buildModule("TwapOracle", (m) => {
    const { protocolRoles } = m.useModule(RolesModule);
    const factory = m.useModule(dex).uniswapV2Factory as ContractFuture<string>;
    const twapOracle = m.contract("TwapOracle", [
      factory,
      protocolRoles,
      m.getParameter("minWindow", ORACLE_DEFAULTS.minWindowSeconds),
      m.getParameter("maxWindow", ORACLE_DEFAULTS.maxWindowSeconds),
      m.getParameter("maxFeedAge", ORACLE_DEFAULTS.maxFeedAgeSeconds),
    ]);
    return { twapOracle };
  });
}
