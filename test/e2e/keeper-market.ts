import { expect } from "chai";
import { MaxUint256 } from "ethers";
import { arbitrage, fund, seedMarket, SEED_PRICES_USD } from "../../scripts/demo/market.js";
import { EXIT } from "../../scripts/keeper/chain/errors.js";
import { listPairs } from "../../scripts/lib/listing.js";
import { VENUE_IDS } from "../../scripts/lib/protocol-config.js";
import { runKeeper } from "./helpers/keeper-process.js";
import { serveChain, warpTo, type ServedChain } from "./helpers/chain.js";

// The keeper's market jobs and the parts' status columns, as a child process against a served
// chain with the demo's pools listed: poke records TWAP observations, prices posts the TWAP's
// asset-to-TOKE prices, the rollover deploys ALCX liquidity along the LD votes, and status and
// the next dry run show stake, votes, positions and the planned moves.
const E18 = 10n ** 18n;
const E2E_TIMEOUT_MS = 240_000;
const STAKE = 10_000n * E18;
/** TWAP vs seed price: the pools are arbitraged to the seed prices; rounding and fees only. */
const PRICE_TOLERANCE_BPS = 50n;

describe("e2e: keeper market jobs and status on the full system", function () {
  this.timeout(E2E_TIMEOUT_MS);
  let chain: ServedChain;
  let args: string[];

  before(async () => {
    chain = await serveChain();
    args = [
      "--network",
      "localhost",
      "--rpc-url",
      chain.url,
      "--deployment-id",
      chain.deploymentId,
      "--json",
    ];
    const { system } = chain;
    const signers = await system.connection.ethers.getSigners();
    const [maker, lp, ld] = signers;
    const market = await seedMarket(system, maker);
    await listPairs(system, market.listings);
    await arbitrage(system, market.pools, SEED_PRICES_USD, signers[signers.length - 1]);
    const [weth, alcx] = [system.reactors.WETH, system.reactors.ALCX];
    for (const [symbol, reactor, amount] of [
      ["WETH", weth, 50n * E18],
      ["ALCX", alcx, 4_000n * E18],
    ] as const) {
      await fund(system, symbol, lp, amount);
      await (await system.assets[symbol].connect(lp).approve(reactor, MaxUint256)).wait();
      await (await reactor.connect(lp).deposit(amount, lp.address)).wait();
    }
    await fund(system, "TOKE", ld, STAKE);
    await (await system.toke.connect(ld).approve(system.staking, MaxUint256)).wait();
    await (await system.staking.connect(ld).stake(alcx, STAKE, ld.address)).wait();
    await (
      await system.staking
        .connect(ld)
        .vote(alcx, [VENUE_IDS.uniswap, VENUE_IDS.balancer], [7_000, 3_000])
    ).wait();
  });
  after(async () => chain.close());

  const cycleEnd = () => chain.system.manager.cycleEnd();

  it("poke records an observation of every listed pair once per window", async () => {
    await warpTo(chain, (await cycleEnd()) - 3_600n);
    const first = await runKeeper(["poke", ...args]);
    expect(first.code, first.stderr).to.equal(EXIT.ok);
    expect([...(first.result?.recorded as string[])].sort()).to.deep.equal([
      "ALCX/WETH",
      "FXS/USDC",
      "TOKE/USDC",
      "TOKE/WETH",
    ]);
    const again = await runKeeper(["poke", ...args]);
    expect(again.result?.recorded).to.deep.equal([]);
    expect((again.result?.tooSoon as string[]).length).to.equal(4);
  });

  it("prices posts TWAP prices (TOKE per asset) within the feed's bounds", async () => {
    await warpTo(chain, await cycleEnd());
    const run = await runKeeper(["prices", ...args]);
    expect(run.code, run.stderr).to.equal(EXIT.ok);
    const posts = run.result?.posts as { symbol: string; source: string; value: string }[];
    expect(posts.map((p) => p.symbol)).to.deep.equal(["WETH", "USDC", "ALCX", "FXS"]);
    expect(posts.every((p) => p.source === "twap")).to.equal(true);
    const feed = chain.system.priceFeed;
    for (const symbol of ["WETH", "ALCX", "FXS"]) {
      // TOKE wei per asset wei x 1e18 = (USD per asset / USD per TOKE) x 1e18 (both 18 decimals).
      const expected =
        BigInt(Math.round((SEED_PRICES_USD[symbol] / SEED_PRICES_USD.TOKE) * 1e6)) * 10n ** 12n;
      const { price } = await feed.priceData(await chain.system.assets[symbol].getAddress());
      const gap = price > expected ? price - expected : expected - price;
      expect(
        gap * 10_000n <= expected * PRICE_TOLERANCE_BPS,
        `${symbol}: ${price} vs ${expected}`,
      ).to.equal(true);
    }
  });

  it("the rollover deploys ALCX liquidity along the votes with the keeper's bounds", async () => {
    const run = await runKeeper(["rollover", ...args]);
    expect(run.code, run.stderr).to.equal(EXIT.ok);
    const chunks = run.lines.filter((l) => l.event === "step" && l.kind === "process");
    expect(chunks.every((l) => (l.detail as { bounded: boolean }).bounded)).to.equal(true);
    const { allocator, reactors } = chain.system;
    const held = (await allocator.heldVenues(reactors.ALCX)).map((v) => v.toLowerCase()).sort();
    expect(held).to.deep.equal(
      [VENUE_IDS.uniswap, VENUE_IDS.balancer].map((v) => v.toLowerCase()).sort(),
    );
    const uni = (await allocator.principalOf(reactors.ALCX, VENUE_IDS.uniswap)).token;
    const bal = (await allocator.principalOf(reactors.ALCX, VENUE_IDS.balancer)).token;
    // 70/30 votes: the deployed principal follows within the allocator's 1.5% tolerance.
    const share = Number((uni * 10_000n) / (uni + bal)) / 100;
    expect(Math.abs(share - 70)).to.be.lessThan(1.5);
  });

  it("status shows the stake, the votes, the positions per venue and both sides' emissions", async () => {
    const run = await runKeeper(["status", ...args]);
    expect(run.code, run.stderr).to.equal(EXIT.ok);
    type Row = {
      symbol: string;
      ldStake: string | null;
      votes: { venue: string; bps: number }[] | null;
      venues: { venue: string; amount: string }[] | null;
      lastCycle: { lpEmissions: string; ldEmissions: string | null } | null;
    };
    const rows = run.result?.reactors as Row[];
    const alcx = rows.find((r) => r.symbol === "ALCX")!;
    expect(alcx.ldStake).to.equal(STAKE.toString());
    expect(alcx.votes?.find((v) => v.venue === "uniswap")?.bps).to.equal(7_000);
    expect(alcx.venues?.map((v) => v.venue).sort()).to.deep.equal(["balancer", "uniswap"]);
    expect(rows.find((r) => r.symbol === "TOKE")?.ldStake).to.equal(null);
    // tWETH's side of the ALCX/WETH positions shows on tWETH's row.
    const weth = rows.find((r) => r.symbol === "WETH")!;
    const wethDeployed = weth.venues?.reduce((s, v) => s + BigInt(v.amount), 0n) ?? 0n;
    expect(wethDeployed).to.equal(await chain.system.reactors.WETH.deployedAssets());
    expect(alcx.lastCycle).to.not.equal(null);
    expect(run.result?.missing).to.deep.equal([]);
  });

  it("the next dry run plans the venue moves against the votes", async () => {
    await (
      await chain.system.staking
        .connect((await chain.system.connection.ethers.getSigners())[2])
        .vote(chain.system.reactors.ALCX, [VENUE_IDS.sushiswap], [10_000])
    ).wait();
    await warpTo(chain, await cycleEnd());
    const run = await runKeeper(["rollover", "--dry-run", ...args]);
    expect(run.code, run.stderr).to.equal(EXIT.ok);
    const moves = (
      run.result?.plan as { moves: { reactor: string; venue: string; action: string }[] }
    ).moves;
    // The re-vote moves the active stake's tallies at once: all to SushiSwap, out of the others.
    const alcx = Object.fromEntries(
      moves.filter((m) => m.reactor === "ALCX").map((m) => [m.venue, m.action]),
    );
    expect(alcx).to.deep.equal({ sushiswap: "add", uniswap: "remove", balancer: "remove" });
  });
});
