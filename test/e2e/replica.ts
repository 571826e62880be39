import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { MaxUint256 } from "ethers";
import { network } from "hardhat";
import { EXIT } from "../../scripts/keeper/chain/errors.js";
import { MAINNET } from "../../scripts/lib/addresses.js";
import { npmArtifacts } from "../../scripts/lib/artifacts.js";
import type { TestToken } from "../../scripts/lib/dex-types.js";
import {
  attachSystem,
  ignitionDeploymentDir,
  parseAddressBook,
  type Connection,
  type System,
} from "../../scripts/lib/system.js";
import { runKeeper, runScript } from "./helpers/keeper-process.js";
import { startNode, type NodeProcess } from "./helpers/node-process.js";

// The offline mainnet rehearsal: `deploy --network mainnetReplica` on a local node places
// mainnet's WETH, USDC, Uniswap V2, SushiSwap and Balancer V2 at their mainnet addresses and
// deploys with deploy/parameters/mainnet-fork.json unchanged; a keeper process then rolls a
// cycle over on it.
const LOCAL_CHAIN_ID = 31_337;
const USDC = (n: number) => BigInt(n) * 10n ** 6n;
const E2E_TIMEOUT_MS = 300_000;

describe("e2e: mainnet replica: deploy with mainnet's parameters and roll over", function () {
  this.timeout(E2E_TIMEOUT_MS);
  const deploymentId = `e2e-replica-${process.pid}`;
  let node: NodeProcess;
  let connection: Connection;
  let system: System;
  const cli = () => [
    "--network",
    "mainnetReplica",
    "--rpc-url",
    node.url,
    "--deployment-id",
    deploymentId,
  ];

  before(async () => {
    node = await startNode();
  });
  after(async () => {
    await connection?.close();
    await node?.stop();
    await rm(ignitionDeploymentDir(LOCAL_CHAIN_ID, deploymentId), { recursive: true, force: true });
  });

  it("deploys on mainnet's addresses, which hold the npm packages' bytecode", async () => {
    const run = await runScript("scripts/deploy.ts", cli());
    expect(run.code, run.stderr).to.equal(EXIT.ok);
    const file = path.join(ignitionDeploymentDir(LOCAL_CHAIN_ID, deploymentId), "addresses.json");
    connection = await network.create({ network: "mainnetReplica", override: { url: node.url } });
    system = await attachSystem(connection, parseAddressBook(await readFile(file, "utf8"), file));
    const code = (address: string) => connection.ethers.provider.getCode(address);
    // No immutables in these two: the runtime code is byte for byte the package's.
    expect(await code(MAINNET.weth)).to.equal(npmArtifacts.weth9().deployedBytecode);
    expect(await code(MAINNET.uniswapV2Factory)).to.equal(
      npmArtifacts.uniswapV2Factory().deployedBytecode,
    );
    expect(await system.assets.WETH.getAddress()).to.equal(MAINNET.weth);
    expect(await system.assets.USDC.getAddress()).to.equal(MAINNET.usdc);
    expect(await system.assets.USDC.decimals()).to.equal(6n);
    expect(await system.assets.WETH.symbol()).to.equal("WETH");
    expect(Object.keys(system.reactors)).to.deep.equal(["WETH", "USDC", "TOKE"]);
  });

  it("a keeper process rolls the cycle over and activates a deposit", async () => {
    const [, lp] = await connection.ethers.getSigners();
    const usdc = (await connection.ethers.getContractAt(
      "TestERC20",
      MAINNET.usdc,
    )) as unknown as TestToken;
    const tUsdc = system.reactors.USDC;
    await (await usdc.mint(lp.address, USDC(1_000))).wait();
    await (await usdc.connect(lp).approve(tUsdc, MaxUint256)).wait();
    await (await tUsdc.connect(lp).deposit(USDC(1_000), lp.address)).wait();
    expect(await tUsdc.activeSupply()).to.equal(0n);
    const end = await system.manager.cycleEnd();
    await connection.provider.request({
      method: "evm_setNextBlockTimestamp",
      params: [`0x${end.toString(16)}`],
    });
    await connection.provider.request({ method: "evm_mine", params: [] });
    const run = await runKeeper(["rollover", ...cli(), "--json"]);
    expect(run.code, run.stderr).to.equal(EXIT.ok);
    expect(run.result?.status).to.equal("completed");
    expect((await system.manager.state()).cycle).to.equal(1n);
    expect(await tUsdc.activeSupply()).to.equal(USDC(1_000));
  });
});
