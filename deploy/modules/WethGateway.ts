import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { ContractFuture } from "@nomicfoundation/ignition-core";
import type { AnyModule, AssetRef } from "./Reactor.js";

/** Native-ether entry and exit of the WETH Reactor (`wethReactor`), for the WETH of `weth`. */
export function wethGatewayModule(weth: AssetRef, wethReactor: AnyModule) {
  return buildModule("WethGateway", (m) => {
    const reactor = m.useModule(wethReactor).reactor as ContractFuture<string>;
    const token = m.useModule(weth.module)[weth.key] as ContractFuture<string>;
    const wethGateway = m.contract("WethGateway", [reactor, token]);
    return { wethGateway };
  });
}
