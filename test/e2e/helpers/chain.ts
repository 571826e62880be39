// A Hardhat chain served over HTTP from the test process (Hardhat's own JSON-RPC server), with
// the system deployed on it through the Ignition modules, so that keeper processes can reach it.
import { rm } from "node:fs/promises";
import { network } from "hardhat";
import {
  deploySystem,
  ignitionDeploymentDir,
  type Connection,
  type System,
} from "../../../scripts/lib/system.js";

export interface ServedChain {
  readonly url: string;
  readonly connection: Connection;
  readonly system: System;
  readonly deploymentId: string;
  /** JSON-RPC call on the served chain (time travel, mining). */
  rpc(method: string, params?: unknown[]): Promise<unknown>;
  close(): Promise<void>;
}

let served = 0;

/** Serves a fresh in-process chain on a free port and deploys the system on it over HTTP. */
export async function serveChain(): Promise<ServedChain> {
  const server = await network.createServer("default", "127.0.0.1", 0);
  const { address, port } = await server.listen();
  const url = `http://${address}:${port}`;
  const connection = await network.create({ network: "localhost", override: { url } });
  // Ignition journals HTTP deployments under deploy/deployments/<id> (git-ignored for e2e-*).
  const deploymentId = `e2e-${process.pid}-${++served}`;
  const system = await deploySystem(connection, { deploymentId });
  return {
    url,
    connection,
    system,
    deploymentId,
    rpc: (method, params = []) => connection.provider.request({ method, params }),
    async close() {
      await connection.close();
      await server.close();
      await rm(ignitionDeploymentDir(system.addresses.chainId, deploymentId), {
        recursive: true,
        force: true,
      });
    },
  };
}

/** Moves the served chain's clock to `timestamp` (if it is ahead) and mines a block. */
export async function warpTo(chain: ServedChain, timestamp: bigint): Promise<void> {
  const latest = await chain.connection.ethers.provider.getBlock("latest");
  if (latest !== null && BigInt(latest.timestamp) < timestamp) {
    await chain.rpc("evm_setNextBlockTimestamp", [`0x${timestamp.toString(16)}`]);
  }
  await chain.rpc("evm_mine");
}
