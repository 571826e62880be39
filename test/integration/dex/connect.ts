import { expect } from "chai";
import { connectDexWorld, isForkConfigured } from "../../../scripts/lib/dex-world.js";

describe("connectDexWorld", function () {
  it("deploys the local world without MAINNET_RPC_URL, attaches to mainnet with it", async function () {
    const { connection, world } = await connectDexWorld();
    const fork = isForkConfigured();
    expect(world.mode).to.equal(fork ? "fork" : "local");
    expect(connection.networkName).to.equal(fork ? "mainnetFork" : "default");
    // Either way the router and the Vault are wired to the world's own WETH.
    const weth = await world.weth.getAddress();
    expect(await world.uniswap.router.WETH()).to.equal(weth);
    expect(await world.balancer.vault.WETH()).to.equal(weth);
    expect(await world.uniswap.router.factory()).to.equal(await world.uniswap.factory.getAddress());
    await connection.close();
  });
});
