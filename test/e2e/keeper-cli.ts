import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { MaxUint256 } from "ethers";
import { EXIT } from "../../scripts/keeper/chain/errors.js";
import type { TestToken } from "../../scripts/lib/dex-types.js";
import { collect, runKeeper, spawnKeeper, type KeeperLine } from "./helpers/keeper-process.js";
import { flakyProxy } from "./helpers/flaky-proxy.js";
import { serveChain, warpTo, type ServedChain } from "./helpers/chain.js";

// The system deployed through the Ignition modules on a chain served over HTTP; the keeper CLI
// run against it as a child process, with --json. Five Reactors (WETH, USDC, TOKE, ALCX, FXS)
// and the local chunk size of 2: a rollover is start, 3 chunks (2 + 2 + 1), complete.
const REACTORS = ["WETH", "USDC", "TOKE", "ALCX", "FXS"];
const CHUNKS = 3;
/** Reactor assets with a feed price (all but TOKE, which the feed prices 1:1). */
const PRICED = 4;
const USDC = (n: number) => BigInt(n) * 10n ** 6n;
const E2E_TIMEOUT_MS = 240_000;
/** Seconds a keeper process takes beyond its RPC timeouts: start-up (tsx, Hardhat) and back-off. */
const FROZEN_SLACK_S = 25;

/** The command line of `pid`'s parent process (Linux /proc). */
function readParentCommand(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  return readFileSync(`/proc/${ppid}/cmdline`, "utf8").replaceAll("\0", " ");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("e2e: keeper CLI against a deployed system", function () {
  this.timeout(E2E_TIMEOUT_MS);
  let chain: ServedChain;
  let args: (rpcUrl?: string) => string[];

  before(async () => {
    chain = await serveChain();
    args = (rpcUrl = chain.url) => [
      "--network",
      "localhost",
      "--rpc-url",
      rpcUrl,
      "--deployment-id",
      chain.deploymentId,
      "--json",
    ];
  });
  after(async () => chain.close());

  const state = () => chain.system.manager.state();
  const testUsdc = async () =>
    (await chain.connection.ethers.getContractAt(
      "TestERC20",
      await chain.system.assets.USDC.getAddress(),
    )) as unknown as TestToken;
  const warpToCycleEnd = async () => warpTo(chain, await chain.system.manager.cycleEnd());

  /** An LP deposits into tUSDC and asks to redeem part of it, through the test's connection. */
  async function lpActivity(deposit: bigint, request: bigint) {
    const [, lp] = await chain.connection.ethers.getSigners();
    const usdc = await testUsdc();
    const tUsdc = chain.system.reactors.USDC.connect(lp);
    await (await usdc.mint(lp.address, deposit)).wait();
    await (await usdc.connect(lp).approve(await tUsdc.getAddress(), MaxUint256)).wait();
    await (await tUsdc.deposit(deposit, lp.address)).wait();
    if (request > 0n) await (await tUsdc.requestRedeem(request, lp.address, lp.address)).wait();
    return lp;
  }

  /** Kinds of the steps a run sent, the price posts (prepare) left out. */
  const steps = (lines: readonly KeeperLine[]) =>
    lines
      .filter((l) => l.type === "event" && l.event === "step" && l.kind !== "prepare")
      .map((l) => l.kind as string);
  const pricePosts = (lines: readonly KeeperLine[]) =>
    lines.filter((l) => l.event === "step" && l.kind === "prepare").length;

  it("status reports the cycle, every Reactor and the Treasury from the deployment", async () => {
    await lpActivity(USDC(1_000), 0n);
    const run = await runKeeper(["status", ...args()]);
    expect(run.code, run.stderr).to.equal(EXIT.ok);
    const result = run.result as unknown as {
      clock: { cycle: string; inProgress: boolean; reactors: string[] };
      due: boolean;
      reactors: { symbol: string; totalSupply: string; idle: string; rate: string }[];
      treasury: { holdings: { symbol: string; amount: string }[] };
      singularity: { cycles: number; overallBps: number; reached: boolean };
    };
    expect(result.clock.cycle).to.equal("0");
    // Coverage and the singularity from the emission controller: K as deployed, nothing
    // covered before the first rollover (the Treasury holds no tAssets).
    const { emissions } = chain.system;
    expect(result.singularity.cycles).to.equal(
      Number((await emissions.coverageCurve()).singularityCycles),
    );
    expect(result.singularity.overallBps).to.equal(Number(await emissions.overallCoverage()));
    expect(result.singularity.reached).to.equal(false);
    expect(result.due).to.equal(false);
    expect(result.reactors.map((r) => r.symbol)).to.deep.equal(REACTORS);
    const usdc = result.reactors.find((r) => r.symbol === "USDC");
    expect(usdc?.totalSupply).to.equal(USDC(1_000).toString());
    expect(usdc?.idle).to.equal(USDC(1_000).toString());
    expect(usdc?.rate).to.equal((10n ** 18n).toString());
    expect(result.treasury.holdings.map((h) => h.symbol)).to.deep.equal(REACTORS);
  });

  it("rollover before the cycle ends does nothing and exits 0", async () => {
    const run = await runKeeper(["rollover", ...args()]);
    expect(run.code, run.stderr).to.equal(EXIT.ok);
    expect(run.result?.status).to.equal("not-due");
    expect((await state()).cycle).to.equal(0n);
  });

  it("rollover --dry-run plans every step and simulates the first without sending", async () => {
    await warpToCycleEnd();
    const before = await state();
    const run = await runKeeper(["rollover", "--dry-run", ...args()]);
    expect(run.code, run.stderr).to.equal(EXIT.ok);
    expect(run.result?.status).to.equal("planned");
    const plan = run.result?.plan as { steps: { kind: string }[]; firstStepGasEstimate: string };
    // The keeper (signer 0 holds KEEPER_ROLE locally) first refreshes the four asset prices.
    expect(plan.steps.map((s) => s.kind)).to.deep.equal([
      ...Array(PRICED).fill("prepare"),
      "start",
      ...Array(CHUNKS).fill("process"),
      "complete",
    ]);
    expect(
      (run.result?.plan as { bounds: { keeperBounds: boolean } }).bounds.keeperBounds,
    ).to.equal(true);
    expect(BigInt(plan.firstStepGasEstimate)).to.be.greaterThan(21_000n);
    const after = await state();
    expect(after.inProgress).to.equal(false);
    expect(after.cycle).to.equal(before.cycle);
  });

  it("--max-chunks stops mid-rollover, and the next run resumes at the cursor", async () => {
    const first = await runKeeper(["rollover", "--max-chunks", "1", ...args()]);
    expect(first.code, first.stderr).to.equal(EXIT.ok);
    expect(first.result?.status).to.equal("stopped");
    expect(steps(first.lines)).to.deep.equal(["start", "process"]);
    expect(pricePosts(first.lines)).to.equal(PRICED);
    let s = await state();
    expect([s.inProgress, s.cursor, s.cycle]).to.deep.equal([true, 2n, 0n]);

    const plan = await runKeeper(["rollover", "--dry-run", ...args()]);
    const planned = plan.result?.plan as { steps: { kind: string; detail: { from?: number } }[] };
    expect(planned.steps.map((x) => x.kind)).to.deep.equal(["process", "process", "complete"]);
    expect(planned.steps[0].detail.from).to.equal(2);

    const second = await runKeeper(["rollover", ...args()]);
    expect(second.code, second.stderr).to.equal(EXIT.ok);
    expect(second.result?.status).to.equal("completed");
    expect(steps(second.lines)).to.deep.equal(["process", "process", "complete"]);
    s = await state();
    expect([s.inProgress, s.cycle]).to.deep.equal([false, 1n]);
    // The deposit of cycle 0 is active in cycle 1.
    expect(await chain.system.reactors.USDC.activeSupply()).to.equal(USDC(1_000));
  });

  it("a keeper killed mid-rollover leaves a state the next run finishes", async () => {
    const lp = await lpActivity(USDC(500), USDC(300));
    await warpToCycleEnd();
    const child = spawnKeeper(["rollover", ...args()], { KEEPER_TEST_STALL_AFTER_CHUNKS: "1" });
    const killed = await collect(child, (line) => {
      if (line.event === "stalled") child.kill("SIGKILL");
    });
    expect(killed.code).to.equal(null); // killed by the signal, no exit code
    expect(killed.result).to.equal(undefined);
    let s = await state();
    expect([s.inProgress, s.cursor, s.cycle]).to.deep.equal([true, 2n, 1n]);
    // USDC (index 1) was settled before the kill: the request of cycle 1 is claimable already.
    expect(await chain.system.reactors.USDC.claimableRedeemRequest(0, lp.address)).to.equal(
      USDC(300),
    );

    const rerun = await runKeeper(["rollover", ...args()]);
    expect(rerun.code, rerun.stderr).to.equal(EXIT.ok);
    expect(steps(rerun.lines)).to.deep.equal(["process", "process", "complete"]);
    s = await state();
    expect([s.inProgress, s.cycle]).to.deep.equal([false, 2n]);
  });

  it("retries a flaky node: refused calls and sends whose answer was lost", async () => {
    const proxy = await flakyProxy(chain.url, { failRate: 0.2, dropSends: 2 });
    try {
      await warpToCycleEnd();
      const before = (await state()).cycle;
      const run = await runKeeper(["rollover", ...args(proxy.url)]);
      expect(
        run.code,
        `${run.stderr}\n${run.lines.map((l) => JSON.stringify(l)).join("\n")}`,
      ).to.equal(EXIT.ok);
      expect(run.result?.status).to.equal("completed");
      expect(proxy.injected.refused).to.be.greaterThan(0);
      expect(proxy.injected.droppedAfterForward).to.equal(2);
      expect(run.lines.filter((l) => l.event === "retry").length).to.be.greaterThan(0);
      // Exactly one rollover happened, however many answers were lost.
      const s = await state();
      expect([s.inProgress, s.cycle]).to.deep.equal([false, before + 1n]);
    } finally {
      await proxy.close();
    }
  });

  it("exits 3 when the node stays unreachable, without printing the URL", async () => {
    const proxy = await flakyProxy(chain.url, { failRate: 1, dropSends: 0 });
    try {
      const run = await runKeeper(["status", ...args(proxy.url)]);
      expect(run.code).to.equal(EXIT.unavailable);
      expect(String(run.error?.message)).to.match(/node kept failing/);
      expect(JSON.stringify(run.lines) + run.stderr).to.not.include(proxy.url);
    } finally {
      await proxy.close();
    }
  });

  it("exits 3 within a bounded time when the node freezes (answers nothing)", async () => {
    const proxy = await flakyProxy(chain.url, { failRate: 0, dropSends: 0, frozen: true });
    try {
      const [timeoutS, attempts] = [1, 2];
      const started = Date.now();
      const run = await runKeeper([
        "status",
        ...args(proxy.url),
        "--rpc-timeout",
        String(timeoutS),
        "--rpc-attempts",
        String(attempts),
      ]);
      const elapsedS = (Date.now() - started) / 1000;
      expect(run.code, run.stderr).to.equal(EXIT.unavailable);
      expect(String(run.error?.message)).to.match(/timed out/);
      // attempts x timeout, the back-off and the process start-up; never the 300 s default.
      expect(elapsedS).to.be.lessThan(attempts * timeoutS + FROZEN_SLACK_S);
      expect(proxy.seen.get("eth_chainId")).to.equal(attempts);
    } finally {
      await proxy.close();
    }
  });

  it("a typo or a bad value exits 2 and prints the error once", async () => {
    for (const argv of [["rolover"], ["rollover", "--max-chunks", "x"], ["status", "--bogus"]]) {
      const run = await runKeeper(argv);
      expect(run.code, argv.join(" ")).to.equal(EXIT.usage);
      const errors = run.stderr.split("\n").filter((l) => /^error:/.test(l));
      expect(errors, run.stderr).to.have.length(1);
      expect(run.stderr).to.not.match(/keeper failed/);
    }
  });

  it("exits 2 with one clear line when KEEPER_PRIVATE_KEY is missing", async () => {
    // sepoliaKeeper signs with KEEPER_PRIVATE_KEY; its RPC URL points at the local chain.
    const run = await runKeeper(["status", "--network", "sepoliaKeeper"], {
      SEPOLIA_RPC_URL: chain.url,
      KEEPER_PRIVATE_KEY: undefined,
    });
    expect(run.code, run.stderr).to.equal(EXIT.usage);
    expect(run.stderr.trim().split("\n")).to.have.length(1);
    expect(run.stderr).to.include("missing secret KEEPER_PRIVATE_KEY").and.not.include(chain.url);
  });

  it("exits 2 with one clear line on a malformed address book", async () => {
    const dir = tmpdir();
    const broken = path.join(dir, `book-${process.pid}-broken.json`);
    const partial = path.join(dir, `book-${process.pid}-partial.json`);
    await writeFile(broken, "{ not json");
    await writeFile(partial, JSON.stringify({ ...chain.system.addresses, toke: "0x1234" }));
    for (const [file, reason] of [
      [broken, /is not valid JSON/],
      [partial, /toke is missing or not an address/],
    ] as const) {
      const run = await runKeeper([
        "status",
        "--network",
        "localhost",
        "--rpc-url",
        chain.url,
        "--addresses",
        file,
      ]);
      expect(run.code).to.equal(EXIT.usage);
      expect(run.stderr.trim().split("\n")).to.have.length(1);
      expect(run.stderr).to.include(`address book ${file}`).and.to.match(reason);
    }
  });

  it("npm run keeper is one process: SIGTERM to npm reaches the keeper, which stops", async () => {
    const child = spawn(
      "npm",
      ["run", "--silent", "keeper", "--", "watch", "--poll", "1", ...args()],
      {
        cwd: process.cwd(),
        env: { ...process.env, NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let keeperPid: number | undefined;
    const run = collect(child, (line) => {
      if (line.event === "watching") {
        keeperPid = line.pid as number;
        // npm runs `node --import tsx scripts/keeper.ts` with no tsx process in between.
        expect(readParentCommand(keeperPid)).to.not.match(/tsx(\/dist)?\/cli/);
        child.kill("SIGTERM");
      }
    });
    const done = await run;
    expect(keeperPid, done.stderr).to.be.a("number");
    expect(done.stderr).to.include("stopping after the current rollover");
    expect(isAlive(keeperPid!)).to.equal(false);
  });

  it("a Reactor short of its matured exits no longer halts the rollover: it completes, the rest is paid when assets return", async () => {
    // Governance (the deployer, locally) makes itself tUSDC's allocator and takes the idle
    // assets out; a request then matures with nothing idle to cover it.
    const tUsdc = chain.system.reactors.USDC;
    const lp = await lpActivity(USDC(200), 0n);
    await warpToCycleEnd();
    expect((await runKeeper(["rollover", ...args()])).code).to.equal(EXIT.ok);
    const claimable = await tUsdc.claimableRedeemRequest(0, lp.address);
    if (claimable > 0n)
      await (await tUsdc.connect(lp).redeem(claimable, lp.address, lp.address)).wait();
    await (await tUsdc.setAllocator(chain.system.signer.address)).wait();
    const free = (await tUsdc.idleAssets()) - (await tUsdc.reservedAssets());
    await (await tUsdc.pullAssets(free)).wait();
    await (await tUsdc.connect(lp).requestRedeem(USDC(100), lp.address, lp.address)).wait();
    await warpToCycleEnd();

    // Issue 11: the manager records tUSDC's failed settlement and the rollover completes.
    const run = await runKeeper(["rollover", ...args()]);
    expect(run.code, run.stderr).to.equal(EXIT.ok);
    expect(run.result?.status).to.equal("completed");
    expect(await tUsdc.uncoveredAssets()).to.equal(USDC(100));
    expect(await tUsdc.pendingRedeemRequest(0, lp.address)).to.equal(USDC(100));

    // Put the assets back: the matured request is covered at once and claimable.
    const usdc = await testUsdc();
    await (await usdc.approve(await tUsdc.getAddress(), free)).wait();
    await (await tUsdc.pushAssets(free)).wait();
    expect(await tUsdc.uncoveredAssets()).to.equal(0n);
    expect(await tUsdc.claimableRedeemRequest(0, lp.address)).to.equal(USDC(100));
  });

  it("exits 2 when there is no deployment to attach to", async () => {
    const run = await runKeeper([
      "status",
      "--network",
      "localhost",
      "--rpc-url",
      chain.url,
      "--deployment-id",
      "missing",
      "--json",
    ]);
    expect(run.code).to.equal(EXIT.usage);
    expect(String(run.error?.message)).to.match(/no deployment found/);
  });

  it("watch rolls over when a cycle comes due", async () => {
    const child = spawnKeeper(["watch", "--max-rollovers", "1", "--poll", "1", ...args()]);
    const before = (await state()).cycle;
    const done = collect(child, (line) => {
      if (line.event === "watching") void warpToCycleEnd();
    });
    const run = await done;
    expect(run.code, run.stderr).to.equal(EXIT.ok);
    expect(run.result?.rollovers).to.equal(1);
    expect((await state()).cycle).to.equal(before + 1n);
  });
});
