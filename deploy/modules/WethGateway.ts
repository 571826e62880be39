import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture } from "@nomicfoundation/ignition-core";
import { reactorModule, type AssetRef } from "./Reactor.js";

/**
 * Native-ether entry and exit of the WETH Reactor, for the WETH given by `weth`. WETH's Reactor
 * is the first one registered, so its module has no predecessor.
 */
export function wethGatewayModule(weth: AssetRef) {
  return buildModule("WethGateway", (m) => {
    const { reactor } = m.useModule(reactorModule("WETH", weth));
    const token = m.useModule(weth.module)[weth.key] as ContractFuture<string>;
    const wethGateway = m.contract("WethGateway", [reactor, token]);
    return { wethGateway };
  });
}
