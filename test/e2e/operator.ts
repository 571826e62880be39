import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";
import { MaxUint256 } from "ethers";
import { network } from "hardhat";
import { fund } from "../../scripts/demo/market.js";
import { EXIT } from "../../scripts/keeper/chain/errors.js";
import { untrackedPairs } from "../../scripts/lib/listing.js";
import { VENUE_IDS } from "../../scripts/lib/protocol-config.js";
import {
  attachSystem,
  ignitionDeploymentDir,
  parseAddressBook,
  type Connection,
  type System,
} from "../../scripts/lib/system.js";
import { runKeeper, runScript } from "./helpers/keeper-process.js";
import { startNode, type NodeProcess } from "./helpers/node-process.js";

// The new operator's path, every step a separate process as on a fresh clone: `npm run chain`
// (127.0.0.1, a free port), `deploy` with the CLI (seeds the local venue pools, tracks every
// priced pair), then `keeper poke` + `keeper rollover` over two cycles while the LDs vote, and a
// node restart that the next deploy detects (exit 2, with the fix) and `--reset` resolves.
const E18 = 10n ** 18n;
const STAKE = 10_000n * E18;
const LOCAL_CHAIN_ID = 31_337;
/** The oracle needs an observation at least its minimum window (30 min) old: poke 1 h ahead. */
const POKE_LEAD_SECONDS = 3_600n;
const E2E_TIMEOUT_MS = 600_000;

describe("e2e: the operator's path: chain, deploy, keeper over cycles, redeploy", function () {
  this.timeout(E2E_TIMEOUT_MS);
  const deploymentId = `e2e-operator-${process.pid}`;
  let node: NodeProcess;
  let connection: Connection;
  let system: System;
  const cli = () => [
    "--network",
    "localhost",
    "--rpc-url",
    node.url,
    "--deployment-id",
    deploymentId,
  ];
  const keeper = (command: string[]) => runKeeper([...command, ...cli(), "--json"]);

  before(async () => {
    node = await startNode();
  });
  after(async () => {
    await connection?.close();
    await node?.stop();
    await rm(ignitionDeploymentDir(LOCAL_CHAIN_ID, deploymentId), { recursive: true, force: true });
  });

  const rpc = (method: string, params: unknown[] = []) =>
    connection.provider.request({ method, params });
  async function warpTo(timestamp: bigint) {
    const latest = await connection.ethers.provider.getBlock("latest");
    if (latest !== null && BigInt(latest.timestamp) < timestamp)
      await rpc("evm_setNextBlockTimestamp", [`0x${timestamp.toString(16)}`]);
    await rpc("evm_mine");
  }
  const held = async () =>
    (await system.allocator.heldVenues(system.reactors.ALCX)).map((v) => v.toLowerCase()).sort();
  const principal = async (venue: string) =>
    (await system.allocator.principalOf(system.reactors.ALCX, venue)).token;

  /** One cycle as an operator runs it: poke ahead of the end, then roll over, two processes. */
  async function keeperCycle() {
    const end = await system.manager.cycleEnd();
    await warpTo(end - POKE_LEAD_SECONDS);
    const poke = await keeper(["poke"]);
    expect(poke.code, poke.stderr).to.equal(EXIT.ok);
    await warpTo(end);
    const rollover = await keeper(["rollover"]);
    expect(rollover.code, rollover.stderr).to.equal(EXIT.ok);
    expect(rollover.result?.status).to.equal("completed");
    return rollover;
  }

  it("npm run chain listens on 127.0.0.1 only", () => {
    expect(node.listening).to.match(/^http:\/\/127\.0\.0\.1:\d+/);
  });

  it("deploy writes the address book and leaves every priced pair tracked", async () => {
    const run = await runScript("scripts/deploy.ts", cli());
    expect(run.code, run.stderr).to.equal(EXIT.ok);
    // Not a terminal: condensed progress, not Ignition's ~1,900 lines.
    expect(run.stdout.split("\n").length).to.be.lessThan(60);
    const file = path.join(ignitionDeploymentDir(LOCAL_CHAIN_ID, deploymentId), "addresses.json");
    const book = parseAddressBook(await readFile(file, "utf8"), file);
    expect(book.chainId).to.equal(LOCAL_CHAIN_ID);
    connection = await network.create({ network: "localhost", override: { url: node.url } });
    system = await attachSystem(connection, book);
    expect(await untrackedPairs(system)).to.deep.equal([]);
    const pairs = await keeper(["pairs"]);
    expect(pairs.code, pairs.stderr).to.equal(EXIT.ok);
    const states = pairs.result?.pairs as { label: string; tracked: boolean }[];
    expect(states.map((p) => p.label).sort()).to.deep.equal([
      "ALCX/WETH",
      "FXS/USDC",
      "TOKE/USDC",
      "TOKE/WETH",
    ]);
    expect(states.every((p) => p.tracked)).to.equal(true);
  });

  it("keeper rollover over two cycles moves the ALCX liquidity to the voted venues", async () => {
    const [, , lp, ld] = await connection.ethers.getSigners();
    const { reactors, staking, toke } = system;
    for (const [symbol, amount] of [
      ["WETH", 50n * E18],
      ["ALCX", 4_000n * E18],
    ] as const) {
      await fund(system, symbol, lp, amount);
      await (await system.assets[symbol].connect(lp).approve(reactors[symbol], MaxUint256)).wait();
      await (await reactors[symbol].connect(lp).deposit(amount, lp.address)).wait();
    }
    await (await toke.transfer(ld.address, STAKE)).wait();
    await (await toke.connect(ld).approve(staking, MaxUint256)).wait();
    await (await staking.connect(ld).stake(reactors.ALCX, STAKE, ld.address)).wait();
    await (
      await staking
        .connect(ld)
        .vote(reactors.ALCX, [VENUE_IDS.uniswap, VENUE_IDS.balancer], [7_000, 3_000])
    ).wait();
    expect(await held()).to.deep.equal([]);

    await keeperCycle();
    const voted = [VENUE_IDS.uniswap, VENUE_IDS.balancer].map((v) => v.toLowerCase()).sort();
    expect(await held()).to.deep.equal(voted);
    const [uni, bal] = [await principal(VENUE_IDS.uniswap), await principal(VENUE_IDS.balancer)];
    // 70/30 votes: the principal follows within the allocator's minimum move (1%) plus rounding.
    expect(Math.abs(Number((uni * 10_000n) / (uni + bal)) - 7_000)).to.be.lessThan(150);

    // The LD moves the whole vote to SushiSwap: the next rollover leaves the other venues.
    await (await staking.connect(ld).vote(reactors.ALCX, [VENUE_IDS.sushiswap], [10_000])).wait();
    await keeperCycle();
    expect(await held()).to.deep.equal([VENUE_IDS.sushiswap.toLowerCase()]);
    expect(await principal(VENUE_IDS.sushiswap)).to.be.greaterThan(0n);
    expect([await principal(VENUE_IDS.uniswap), await principal(VENUE_IDS.balancer)]).to.deep.equal(
      [0n, 0n],
    );

    const venues = await keeper(["venues"]);
    expect(venues.code, venues.stderr).to.equal(EXIT.ok);
    const sushi = (
      venues.result?.venues as {
        reactor: string;
        venue: string;
        voteBps: number;
        deployedToken: string;
      }[]
    ).find((v) => v.reactor === "ALCX/WETH" && v.venue === "sushiswap");
    expect(sushi?.voteBps).to.equal(10_000);
    expect(BigInt(sushi?.deployedToken ?? 0)).to.equal(await principal(VENUE_IDS.sushiswap));
  });

  it("after a node restart the deploy names the stale journal (exit 2) and --reset deploys afresh", async () => {
    await connection.close();
    await node.stop();
    node = await startNode();
    const stale = await runScript("scripts/deploy.ts", cli());
    expect(stale.code).to.equal(EXIT.usage);
    const lines = stale.stderr.trim().split("\n");
    expect(lines).to.have.length(1);
    expect(lines[0])
      .to.match(/does not match the chain/)
      .and.to.include("--reset");
    const reset = await runScript("scripts/deploy.ts", [...cli(), "--reset"]);
    expect(reset.code, reset.stderr).to.equal(EXIT.ok);
    expect(reset.stdout).to.include("--reset: removed the journal");
    connection = await network.create({ network: "localhost", override: { url: node.url } });
  });
});
