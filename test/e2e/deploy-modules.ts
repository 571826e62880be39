import { readFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { network } from "hardhat";
import { MAINNET } from "../../scripts/lib/addresses.js";
import { PROFILES, type NetworkProfile } from "../../scripts/lib/networks.js";
import {
  ROLE,
  TOKE_SUPPLY_WEI,
  VENUE_IDS,
  ZERO_ADDRESS,
} from "../../scripts/lib/protocol-config.js";
import { deployLaunch, deployLaunchPools } from "../../scripts/lib/launch.js";
import { attachSystem, deploySystem, loadAddresses } from "../../scripts/lib/system.js";
import { requireMainnetFork } from "../helpers/fork.js";
import { serveChain } from "./helpers/chain.js";

const E2E_TIMEOUT_MS = 120_000;
const FORK_TIMEOUT_MS = 300_000;
const WEEK = 7n * 24n * 3600n;
const TWO_DAYS = 2n * 24n * 3600n;
const LOCAL_REACTORS = ["WETH", "USDC", "TOKE", "ALCX", "FXS"];

type Params = Record<string, Record<string, unknown>>;
const readParams = async (file: string) => JSON.parse(await readFile(file, "utf8")) as Params;

describe("e2e: the Ignition modules deploy a wired system", function () {
  this.timeout(E2E_TIMEOUT_MS);

  let local: Params;
  before(async () => {
    local = await readParams("deploy/parameters/local.json");
  });

  it("local: DEX world, test tokens and five Reactors registered in order, deployer governing", async () => {
    const connection = await network.create();
    const latest = BigInt(await connection.networkHelpers.time.latest());
    const system = await deploySystem(connection);
    const { manager, roles, timelock, toke, treasury, gateway, reactors, signer, dex } = system;

    expect(Object.keys(reactors)).to.deep.equal(LOCAL_REACTORS);
    expect(await manager.reactors()).to.deep.equal(
      await Promise.all(LOCAL_REACTORS.map((s) => reactors[s].getAddress())),
    );
    for (const symbol of LOCAL_REACTORS) {
      const reactor = reactors[symbol];
      expect(await reactor.asset()).to.equal(await system.assets[symbol].getAddress());
      expect(await reactor.symbol()).to.equal(`t${symbol}`);
      expect(await reactor.manager()).to.equal(await manager.getAddress());
      expect(await reactor.treasury()).to.equal(await treasury.getAddress());
      expect(await reactor.paused()).to.equal(false);
    }
    expect(await reactors.WETH.asset()).to.equal(await dex!.weth.getAddress());
    expect(await reactors.TOKE.asset()).to.equal(await toke.getAddress());
    expect(await gateway.reactor()).to.equal(await reactors.WETH.getAddress());
    expect(await gateway.weth()).to.equal(await dex!.weth.getAddress());
    expect(await dex!.uniswap.router.factory()).to.equal(await dex!.uniswap.factory.getAddress());

    // deploy/parameters/local.json: weekly cycles from the latest block, a two-day timelock.
    const state = await manager.state();
    expect(state.duration).to.equal(WEEK);
    expect(state.cycleStart >= latest && state.cycleStart <= latest + 60n).to.equal(true);
    expect(await timelock.getMinDelay()).to.equal(TWO_DAYS);
    expect(await timelock.hasRole(await timelock.PROPOSER_ROLE(), signer.address)).to.equal(true);
    expect(await timelock.hasRole(await timelock.EXECUTOR_ROLE(), ZERO_ADDRESS)).to.equal(true);
    expect(await timelock.hasRole(await timelock.DEFAULT_ADMIN_ROLE(), signer.address)).to.equal(
      false,
    );

    // Locally the deployer keeps every role (handy for demos); the timelock gets nothing.
    for (const role of [ROLE.governance, ROLE.guardian, ROLE.keeper]) {
      expect(await roles.hasRole(role, signer.address)).to.equal(true);
    }
    expect(await roles.hasRole(ROLE.governance, await timelock.getAddress())).to.equal(false);
    expect(await toke.totalSupply()).to.equal(TOKE_SUPPLY_WEI);
    // The deployer funded the emission reserve (local.json: 10M TOKE) from the supply.
    const reserve = BigInt(String(local.EmissionController.reserve).replace(/n$/, ""));
    expect(await system.emissions.reserve()).to.equal(reserve);
    expect(await toke.balanceOf(signer.address)).to.equal(TOKE_SUPPLY_WEI - reserve);
  });

  it("local: the parts are wired (emissions, staking, oracle, allocator, adapters, pairings)", async () => {
    const system = await deploySystem(await network.create());
    const {
      manager,
      treasury,
      staking,
      emissions,
      allocator,
      venueRegistry,
      priceFeed,
      reactors,
      addresses,
    } = system;
    const a = (x: { getAddress(): Promise<string> }) => x.getAddress();
    expect(await manager.emissionHook()).to.equal(addresses.emissionController);
    expect(await manager.allocator()).to.equal(addresses.liquidityAllocator);
    expect(await treasury.lossCover()).to.equal(addresses.liquidityAllocator);
    expect(await staking.controller()).to.equal(addresses.emissionController);
    expect(await staking.slasher()).to.equal(addresses.liquidityAllocator);
    expect(await staking.relay()).to.equal(addresses.ldVoteRelay);
    expect(await emissions.poolReactor()).to.equal(await a(reactors.TOKE));
    for (const [venue, id] of Object.entries(VENUE_IDS)) {
      expect(await allocator.adapterOf(id), venue).to.equal(
        addresses.adapters[venue as keyof typeof VENUE_IDS],
      );
    }
    for (const symbol of LOCAL_REACTORS) {
      const reactor = reactors[symbol];
      expect(await reactor.rewardsDistributor(), symbol).to.equal(addresses.emissionController);
      expect(await reactor.allocator(), symbol).to.equal(addresses.liquidityAllocator);
      // LDs stake on every Reactor but TOKE's (the pooled option).
      expect(await staking.isListed(reactor), symbol).to.equal(symbol !== "TOKE");
      if (symbol !== "TOKE") {
        const expected = BigInt(String(local[`ReactorWiring_${symbol}`].price).replace(/n$/, ""));
        expect((await priceFeed.priceData(await reactor.asset())).price, symbol).to.equal(expected);
      }
    }
    // local profile: ALCX on half of tWETH, FXS on all of tUSDC; LDs may vote for all venues.
    const alcx = await allocator.pairingOf(reactors.ALCX);
    expect([alcx.baseReactor, alcx.baseShareBps]).to.deep.equal([await a(reactors.WETH), 5_000n]);
    const fxs = await allocator.pairingOf(reactors.FXS);
    expect([fxs.baseReactor, fxs.baseShareBps]).to.deep.equal([await a(reactors.USDC), 10_000n]);
    for (const symbol of ["ALCX", "FXS"]) {
      const [ids] = await venueRegistry.allowedVenues(reactors[symbol]);
      expect([...ids].sort(), symbol).to.deep.equal(Object.values(VENUE_IDS).sort());
    }
    const [wethVenues] = await venueRegistry.allowedVenues(reactors.WETH);
    expect(wethVenues.length).to.equal(0);
  });

  it("parameters override the file, module by module", async () => {
    const connection = await network.create();
    const [, guardian, keeper] = await connection.ethers.getSigners();
    const system = await deploySystem(connection, {
      cycleSeconds: 3600n,
      firstStart: 1_000_000n,
      parameters: {
        Roles: { guardian: guardian.address, keeper: keeper.address, timelockMinDelay: 60n },
      },
    });
    const state = await system.manager.state();
    expect([state.duration, state.cycleStart]).to.deep.equal([3600n, 1_000_000n]);
    expect(await system.timelock.getMinDelay()).to.equal(60n);
    expect(await system.roles.hasRole(ROLE.guardian, guardian.address)).to.equal(true);
    expect(await system.roles.hasRole(ROLE.keeper, keeper.address)).to.equal(true);
    expect(await system.roles.hasRole(ROLE.guardian, system.signer.address)).to.equal(false);
  });

  it("public-network shape: existing WETH/USDC from parameters, governance handed to the timelock", async () => {
    const connection = await network.create();
    const { ethers } = connection;
    // Stand-ins for the tokens that already exist on a public network.
    const weth = await ethers.deployContract("TestERC20", ["Wrapped Ether", "WETH", 18]);
    const usdc = await ethers.deployContract("TestERC20", ["USD Coin", "USDC", 6]);
    const profile: NetworkProfile = { ...PROFILES.sepolia, network: "default" };
    const system = await deploySystem(connection, {
      profile,
      parameters: {
        ExternalAssets: { weth: await weth.getAddress(), usdc: await usdc.getAddress() },
      },
    });
    expect(Object.keys(system.reactors)).to.deep.equal(["WETH", "USDC", "TOKE"]);
    expect(system.dex).to.equal(undefined);
    expect(await system.reactors.USDC.asset()).to.equal(await usdc.getAddress());

    const sepolia = await readParams("deploy/parameters/sepolia.json");
    expect(await system.timelock.getMinDelay()).to.equal(
      BigInt(sepolia.Roles.timelockMinDelay as number),
    );
    expect((await system.manager.state()).duration).to.equal(
      BigInt(sepolia.CycleManager.cycleSeconds as number),
    );
    const timelock = await system.timelock.getAddress();
    expect(await system.roles.hasRole(ROLE.governance, timelock)).to.equal(true);
    expect(await system.roles.hasRole(ROLE.governance, system.signer.address)).to.equal(false);
    // The deployer can no longer change anything directly.
    await expect(system.manager.setDuration(3600))
      .to.be.revertedWithCustomError(system.manager, "RoleGatedUnauthorized")
      .withArgs(system.signer.address, ROLE.governance);
  });

  it("the address book round-trips, and attaching gives the same handles", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "reactor-book-"));
    try {
      const connection = await network.create();
      const file = path.join(dir, "addresses.json");
      const system = await deploySystem(connection, { addressBook: file });
      const loaded = await loadAddresses({
        chainId: system.addresses.chainId,
        network: "default",
        addressBook: file,
      });
      expect(loaded).to.deep.equal(JSON.parse(JSON.stringify(system.addresses)));
      const attached = await attachSystem(connection, loaded);
      expect(Object.keys(attached.reactors)).to.deep.equal(LOCAL_REACTORS);
      expect(await attached.reactors.FXS.getAddress()).to.equal(
        await system.reactors.FXS.getAddress(),
      );
      await expect(
        loadAddresses({ chainId: 1, network: "mainnet", addressBook: file }),
      ).to.be.rejectedWith(/is for chain 31337/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("over HTTP, Ignition journals the deployment where the keeper finds it", async () => {
    const chain = await serveChain();
    try {
      const fromJournal = await loadAddresses({
        chainId: chain.system.addresses.chainId,
        network: "localhost",
        deploymentId: chain.deploymentId,
      });
      expect({ ...fromJournal, network: "" }).to.deep.equal({
        ...chain.system.addresses,
        network: "",
      });
    } finally {
      await chain.close();
    }
  });

  it("the Launch module deploys the sale and its Genesis pools next to the system, funded", async () => {
    const connection = await network.create();
    const system = await deploySystem(connection);
    const [, alice, outsider] = await connection.ethers.getSigners();
    const launch = await deployLaunch(system, [alice.address]);
    const { sale, ethPool, usdcPool } = launch;
    expect(await ethPool.depositor()).to.equal(await sale.getAddress());
    expect(await usdcPool.depositor()).to.equal(await sale.getAddress());
    expect(await sale.treasury()).to.equal(system.addresses.treasury);
    expect(await sale.weth()).to.equal(await system.assets.WETH.getAddress());
    // The original's terms: $24M at $8 is 3M TOKE, moved from the deployer.
    expect(await system.toke.balanceOf(sale)).to.equal(3_000_000n * 10n ** 18n);
    await connection.networkHelpers.time.increaseTo(launch.windowStart);
    await (
      await sale.connect(alice).commitEth(launch.proof(alice.address), { value: 10n ** 18n })
    ).wait();
    expect((await sale.commitmentOf(alice.address)).eth).to.equal(10n ** 18n);
    await expect(sale.connect(outsider).commitEth([], { value: 10n ** 18n }))
      .to.be.revertedWithCustomError(sale, "DeGenesisNotWhitelisted")
      .withArgs(outsider.address);
  });

  it("the LaunchPools module deploys the public pools over the real TOKE/WETH pairs, and CoRE", async () => {
    const connection = await network.create();
    const system = await deploySystem(connection);
    const [, outsider] = await connection.ethers.getSigners();
    const { dex, signer } = system;
    const toke = system.addresses.toke;
    const weth = await dex!.weth.getAddress();
    const pools = await deployLaunchPools(system);
    const { tokePool, sushiLpPool, uniswapLpPool, election, funding } = pools;
    // The LP pools stake the factories' own TOKE/WETH pairs, which now exist.
    const uniswapPair = await dex!.uniswap.factory.getPair(toke, weth);
    const sushiPair = await dex!.sushiswap.factory.getPair(toke, weth);
    expect(BigInt(uniswapPair)).to.not.equal(0n);
    expect(BigInt(sushiPair)).to.not.equal(0n);
    expect(uniswapPair).to.not.equal(sushiPair);
    expect(await pools.uniswapPair.factory()).to.equal(await dex!.uniswap.factory.getAddress());
    expect(await tokePool.stakingToken()).to.equal(toke);
    expect(await sushiLpPool.stakingToken()).to.equal(sushiPair);
    expect(await uniswapLpPool.stakingToken()).to.equal(uniswapPair);
    for (const pool of [tokePool, sushiLpPool, uniswapLpPool]) {
      expect(await pool.rewardToken()).to.equal(toke);
    }
    // The original's weights: 4 per staked TOKE, 69 per staked LP token.
    const sources = (await election.weightSources()).map((s) => [s.source, s.multiplier]);
    expect(sources).to.deep.equal([
      [await tokePool.getAddress(), 4n],
      [await sushiLpPool.getAddress(), 69n],
      [await uniswapLpPool.getAddress(), 69n],
    ]);
    expect(await election.toke()).to.equal(toke);
    expect(await funding.election()).to.equal(await election.getAddress());
    expect(await funding.toke()).to.equal(toke);
    expect(await funding.treasury()).to.equal(system.addresses.treasury);
    // Governance and guardian are the deployer (the module's defaults), on every contract.
    for (const c of [tokePool, sushiLpPool, uniswapLpPool, election, funding]) {
      expect(await c.hasRole(await c.DEFAULT_ADMIN_ROLE(), signer.address)).to.equal(true);
      expect(await c.hasRole(await c.GUARDIAN_ROLE(), signer.address)).to.equal(true);
      expect(await c.hasRole(await c.DEFAULT_ADMIN_ROLE(), outsider.address)).to.equal(false);
    }
  });

  it("the fork parameters name mainnet's WETH and USDC (scripts/lib/addresses.ts)", async () => {
    const fork = await readParams("deploy/parameters/mainnet-fork.json");
    expect(fork.ExternalAssets).to.deep.equal({ weth: MAINNET.weth, usdc: MAINNET.usdc });
    expect(fork.ExistingDex).to.deep.equal({
      uniswapV2Factory: MAINNET.uniswapV2Factory,
      sushiswapFactory: MAINNET.sushiswapFactory,
      balancerVault: MAINNET.balancerVault,
      balancerWeightedPoolFactory: MAINNET.balancerWeightedPoolFactoryV4,
    });
    for (const name of ["local", "mainnet-fork", "sepolia"]) {
      const params = await readParams(`deploy/parameters/${name}.json`);
      expect(params.CycleManager.firstStart, name).to.equal(0); // filled from the chain
    }
  });
});

describe("e2e: the modules on a mainnet fork", function () {
  this.timeout(FORK_TIMEOUT_MS);

  it("deploys Reactors for mainnet's WETH and USDC and attaches the real venues", async function () {
    requireMainnetFork(this);
    const connection = await network.create("mainnetFork");
    const system = await deploySystem(connection);
    expect(await system.reactors.WETH.asset()).to.equal(MAINNET.weth);
    expect(await system.reactors.USDC.asset()).to.equal(MAINNET.usdc);
    expect(await system.dex!.uniswap.factory.getAddress()).to.equal(MAINNET.uniswapV2Factory);
    expect(await system.reactors.USDC.decimals()).to.equal(6n);
  });
});
