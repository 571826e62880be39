/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code inside page.evaluate / addInitScript runs in the browser: DOM types for it.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "chai";
import { encodeBytes32String } from "ethers";
import type { TestToken } from "../../scripts/lib/dex-types.js";
import { fmt as formatAmount } from "../../app/src/format.js";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { keeperContext } from "../../scripts/keeper/chain/context.js";
import { pokeOracle, postPrices } from "../../scripts/keeper/steps/market.js";
import { MemoryOutput } from "../../scripts/keeper/chain/output.js";
import { startAppWorld, type AppWorld } from "../../scripts/app/world.js";
import { buildAndServeApp, type ServedApp } from "./helpers/app-server.js";
import { findChromium, launchChromium } from "./helpers/chromium.js";
import { injectTestWallet, TEST_WALLET_BUTTON, type TestWallet } from "./helpers/test-wallet.js";

// The wallet app in Debian's Chromium: built as `npm run app:build` builds it, served beside a
// local chain with the system deployed (the demo's world, no cycle played), and driven through a
// test wallet (EIP-1193 + EIP-6963) backed by a Hardhat account. Screenshots go to reports/app/.
const CHROMIUM = findChromium();
const SHOTS = "reports/app";
const E18 = 10n ** 18n;
const TIMEOUT_MS = 300_000;
const TOKE_UNIT = { symbol: "TOKE", decimals: 18 };
/** TOKE as the app shows it. */
const fmt = (wei: bigint) => formatAmount(wei, TOKE_UNIT);
if (CHROMIUM === undefined && process.env.CI === undefined) {
  console.log("browser tests: no Chromium found (CHROME_PATH, PATH or /usr/bin/chromium): not run");
} else {
  describe("app: wallet flows in Chromium", function () {
    this.timeout(TIMEOUT_MS);
    let world: AppWorld;
    let app: ServedApp;
    let browser: Browser;
    let configDir: string;
    const contexts: BrowserContext[] = [];

    before(async () => {
      if (CHROMIUM === undefined)
        throw new Error("CI needs a Chromium: .ci/run installs Debian's chromium");
      configDir = await mkdtemp(path.join(tmpdir(), "reactor-app-test-"));
      const configFile = path.join(configDir, "config.json");
      world = await startAppWorld({ cycles: 0, configFile, launch: true });
      app = await buildAndServeApp(configFile);
      browser = await launchChromium(CHROMIUM);
      await mkdir(SHOTS, { recursive: true });
    });
    after(async () => {
      for (const c of contexts) await c.close();
      await browser?.close();
      await app?.close();
      await world?.close();
      if (configDir !== undefined) await rm(configDir, { recursive: true, force: true });
    });

    let current: Page | undefined;
    let failures = 0;
    afterEach(async function () {
      if (this.currentTest?.state === "failed" && current !== undefined) {
        await current
          .screenshot({ path: `${SHOTS}/failure-${++failures}.png`, fullPage: true })
          .catch(() => undefined);
      }
    });

    const newPage = async (startChainId?: number): Promise<{ page: Page; wallet: TestWallet }> => {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (error) => console.log(`page error: ${error.message}`));
      const wallet = await injectTestWallet(page, {
        rpcUrl: world.url,
        account: world.user.address,
        startChainId,
      });
      current = page;
      return { page, wallet };
    };
    const open = async (page: Page, id: string) => {
      await page.goto(`${app.url}#/${id}`);
      await page.waitForSelector(`main[data-ready="${id}"][data-busy="0"]`);
    };
    const go = async (page: Page, id: string) => {
      if ((await page.evaluate(() => location.hash)) === `#/${id}`)
        await page.click('[data-testid="refresh"]');
      else await page.evaluate((hash) => (location.hash = hash), `#/${id}`);
      await page.waitForSelector(`main[data-ready="${id}"][data-busy="0"]`);
    };
    const connect = async (page: Page) => {
      await page.click(TEST_WALLET_BUTTON);
      await page.waitForSelector('[data-testid="account"]');
      await page.waitForSelector('main[data-busy="0"]');
    };
    /** Waits for the newest transaction whose label starts with `label` to settle. */
    const settled = async (page: Page, label: string) => {
      const handle = await page.waitForFunction((wanted) => {
        const item = [...document.querySelectorAll<HTMLElement>('[data-testid="tx"]')].find((li) =>
          li.querySelector("strong")?.textContent?.startsWith(wanted),
        );
        const status = item?.dataset.status;
        // Settled, and the page re-rendered after it (forms are rebuilt with fresh figures).
        const idle = document.querySelector<HTMLElement>("main")?.dataset.busy === "0";
        return status === undefined || status === "checking" || status === "pending" || !idle
          ? false
          : {
              status,
              detail: item?.querySelector('[data-testid="tx-detail"]')?.textContent ?? "",
              label: item?.querySelector("strong")?.textContent ?? "",
            };
      }, label);
      return (await handle.jsonValue()) as { status: string; detail: string; label: string };
    };
    const confirmed = async (page: Page, label: string) => {
      const outcome = await settled(page, label);
      expect(outcome.status, `${label}: ${outcome.detail}`).to.equal("confirmed");
      return outcome.label;
    };
    const textOf = (page: Page, testId: string) =>
      page.locator(`[data-testid="${testId}"]`).first().innerText();
    const waitText = (page: Page, testId: string, text: string) =>
      page.waitForFunction(
        ([id, t]) =>
          document.querySelector(`[data-testid="${id}"]`)?.textContent?.includes(t) ?? false,
        [testId, text] as const,
      );
    const fill = async (page: Page, id: string, amount: string) => {
      await page.fill(`[data-testid="${id}-amount"]`, amount);
      await page.click(`[data-testid="${id}-submit"]`);
    };
    /** The keeper's preparation (oracle and prices, as its rollover does), then the cycle's end. */
    const toCycleEnd = async () => {
      const ctx = keeperContext(world.system, new MemoryOutput());
      const time = world.connection.networkHelpers.time;
      const end = await world.system.manager.cycleEnd();
      const lead = end - BigInt(ctx.config.oracleLeadSeconds);
      if (BigInt(await time.latest()) < lead) await time.increaseTo(lead);
      await pokeOracle(ctx);
      await postPrices(ctx);
      if (BigInt(await time.latest()) < end) await time.increaseTo(end);
    };
    /** Rolls the cycle over with the Cycle page's button. */
    const rollover = async (page: Page) => {
      const { cycle } = await world.system.manager.state();
      await toCycleEnd();
      await go(page, "cycle");
      await waitText(page, "cycle-state", "due");
      await page.click('[data-testid="rollover"]');
      await confirmed(page, `Complete the rollover of cycle ${cycle}`);
      expect((await world.system.manager.state()).cycle).to.equal(cycle + 1n);
    };

    it("LP: connect, deposit 1 WETH and 1 ETH, request, rollover, over-redeem refused with the decoded error, redeem", async () => {
      const { page } = await newPage();
      const me = world.user.address;
      const reactor = world.system.reactors.WETH;
      const weth = world.system.assets.WETH;
      await open(page, "reactors");
      await connect(page);
      await page.waitForSelector('[data-testid="held-WETH"]');
      const sharesBefore = await reactor.balanceOf(me);

      await fill(page, "deposit-WETH", "1");
      await confirmed(page, "Approve 1 WETH");
      await confirmed(page, "Deposit 1 WETH");
      await waitText(page, "held-WETH", "1 tWETH");
      await fill(page, "deposit-eth-WETH", "1");
      await confirmed(page, "Deposit 1 ETH");
      // A fresh Reactor's rate is 1:1: 1 WETH + 1 ETH make 2 tWETH.
      await waitText(page, "held-WETH", "2 tWETH");
      expect((await reactor.balanceOf(me)) - sharesBefore).to.equal(2n * E18);

      await page.click('[data-testid="request-WETH-max"]');
      await page.click('[data-testid="request-WETH-submit"]');
      await confirmed(page, "Request 2 tWETH");
      await waitText(page, "pending-WETH", "2 tWETH");
      expect(await reactor.pendingRedeemRequest(0, me)).to.equal(2n * E18);
      await page.screenshot({ path: `${SHOTS}/reactors-pending.png`, fullPage: true });

      await rollover(page);
      await go(page, "reactors");
      await waitText(page, "claimable-WETH", "2 tWETH");
      expect(await reactor.claimableRedeemRequest(0, me)).to.equal(2n * E18);

      // More than is claimable: the simulation's revert is decoded and nothing is sent.
      const nonce = await world.connection.ethers.provider.getTransactionCount(me);
      await fill(page, "redeem-WETH", "5");
      const refused = await settled(page, "Redeem 5 tWETH");
      expect(refused).to.deep.equal({
        status: "refused",
        detail: "Not sent: You asked to redeem 5 tWETH but 2 are claimable.",
        label: "Redeem 5 tWETH",
      });
      expect(await world.connection.ethers.provider.getTransactionCount(me)).to.equal(nonce);
      await page.screenshot({ path: `${SHOTS}/reactors-over-redeem.png`, fullPage: true });

      const wethBefore = await weth.balanceOf(me);
      await page.click('[data-testid="redeem-WETH-max"]');
      await page.click('[data-testid="redeem-WETH-submit"]');
      await confirmed(page, "Redeem 2 tWETH");
      // No venue loss in the cycle: the rate is still 1:1, so 2 tWETH pay 2 WETH.
      expect((await weth.balanceOf(me)) - wethBefore).to.equal(2n * E18);
      await waitText(page, "claimable-WETH", "0 tWETH");
    });

    it("LD: stake TOKE on ALCX, vote 60/40, rollover, claim the rewards", async () => {
      const { page } = await newPage();
      const me = world.user.address;
      const staking = world.system.staking;
      const alcx = world.system.reactors.ALCX;
      const registry = world.system.venueRegistry;
      const STAKE = 1_000n * E18;
      // Governance (the deployer here) deploys Treasury liquidity into FXS, which has no LP in
      // this world: the Treasury's coverage of FXS shows on the Reactors page after rollovers.
      const fxs = world.system.reactors.FXS;
      expect(await fxs.totalSupply()).to.equal(0n);
      const fxsToken = (await world.connection.ethers.getContractAt(
        "TestERC20",
        await world.system.assets.FXS.getAddress(),
      )) as unknown as TestToken;
      const { treasury, signer } = world.system;
      const PCL = 10_000n * E18;
      await (await fxsToken.mint(signer.address, PCL)).wait();
      await (await fxsToken.connect(signer).approve(treasury, PCL)).wait();
      await (await treasury.deposit(fxsToken, PCL, encodeBytes32String("CORE_FUNDING"))).wait();
      await (await treasury.provideLiquidity(fxs, PCL, PCL)).wait();
      // The asset side first: a Reactor far below the emission balance floor earns nothing, and
      // 400 ALCX at the deployment's 2.5 TOKE per ALCX balance 1,000 TOKE of stake 1:1.
      await open(page, "reactors");
      await connect(page);
      await page.waitForSelector('[data-testid="deposit-ALCX-amount"]');
      await fill(page, "deposit-ALCX", "400");
      await confirmed(page, "Approve 400 ALCX");
      await confirmed(page, "Deposit 400 ALCX");
      await go(page, "direct");
      await page.waitForSelector('[data-testid="stake-ALCX-amount"]');
      await fill(page, "stake-ALCX", "1000");
      await confirmed(page, "Approve 1,000 TOKE");
      await confirmed(page, "Stake 1,000 TOKE on ALCX");
      await waitText(page, "my-stake-ALCX", "1,000 TOKE");
      expect((await staking.stakeOf(alcx, me)).total).to.equal(STAKE);

      await page.fill('[data-testid="vote-ALCX-uniswap-v2"]', "60");
      await page.fill('[data-testid="vote-ALCX-sushiswap"]', "40");
      await page.fill('[data-testid="vote-ALCX-balancer-v2"]', "0");
      expect(await textOf(page, "vote-ALCX-sum")).to.equal("Total 100%");
      await page.click('[data-testid="vote-ALCX-submit"]');
      const voted = await confirmed(page, "Vote ");
      expect(voted)
        .to.contain("Uniswap V2 60%")
        .and.to.contain("SushiSwap 40%")
        .and.to.contain("Balancer V2 0%");
      // The next cycle's tallies are stake x basis points: 1,000 TOKE x 6,000 and x 4,000
      // (the only LD on ALCX in this world).
      const slot = async (venue: string) =>
        Number((await registry.slotOf(alcx, encodeBytes32String(venue))).slot);
      const next = (await staking.tallies(alcx)).next;
      expect(next[await slot("UNISWAP_V2")]).to.equal(STAKE * 6_000n);
      expect(next[await slot("SUSHISWAP")]).to.equal(STAKE * 4_000n);
      expect(next[await slot("BALANCER_V2")]).to.equal(0n);

      // The stake is active from the next cycle; emission weights for a cycle are fixed when it
      // starts, from the cycle before: the first LD reward is booked by the third rollover.
      for (let i = 0; i < 3; ++i) await rollover(page);
      const emissions = world.system.emissions;
      const alcxAddress = await alcx.getAddress();
      const owedLd = await emissions.claimable(me, [], [alcxAddress]);
      const owedLp = await emissions.claimable(me, [alcxAddress], []);
      expect(owedLd > 0n, "LD rewards owed on ALCX after three rollovers").to.equal(true);
      expect(owedLp > 0n, "LP rewards owed on ALCX after three rollovers").to.equal(true);
      const all = await Promise.all(
        Object.values(world.system.reactors).map((r) => r.getAddress()),
      );
      const staked = all.filter((a) => a !== world.system.addresses.reactors.TOKE);
      const owed = await emissions.claimable(me, all, staked);
      await go(page, "rewards");
      await waitText(page, "owed-ld-ALCX", fmt(owedLd));
      await waitText(page, "owed-lp-ALCX", fmt(owedLp));
      await waitText(page, "owed-total", fmt(owed));
      const tokeBefore = await world.system.toke.balanceOf(me);
      await page.screenshot({ path: `${SHOTS}/rewards-owed.png`, fullPage: true });
      await page.click('[data-testid="claim-all"]');
      await confirmed(page, `Claim ${fmt(owed)}`);
      // Rewards are booked at rollovers only: the claim, a block later, pays exactly what was
      // owed on every source, and leaves nothing behind.
      expect((await world.system.toke.balanceOf(me)) - tokeBefore).to.equal(owed);
      expect(await emissions.claimable(me, all, staked)).to.equal(0n);

      // The Treasury's deposit of this test's cycle is active from the next: the two rollovers
      // after that one found it the only FXS holder, so FXS is covered 100% two cycles in a row.
      const k = Number((await emissions.coverageCurve()).singularityCycles);
      const snapshot = await emissions.snapshotOf(fxs);
      expect([snapshot.coverageBps, snapshot.coveredCycles]).to.deep.equal([10_000n, 2n]);
      await go(page, "reactors");
      expect(await textOf(page, "coverage-FXS")).to.equal(`100.00% (2 of ${k} cycles)`);
      // WETH's LP left in the first test: no Treasury tAssets there.
      expect(await textOf(page, "coverage-WETH")).to.equal(`0.00% (0 of ${k} cycles)`);
      const overall = Number(await emissions.overallCoverage());
      expect(await emissions.singularity()).to.equal(false);
      expect(await textOf(page, "singularity")).to.include(
        `${k} cycles in a row): not reached; overall coverage ${(overall / 100).toFixed(2)}%`,
      );
    });

    it("wrong chain: the banner shows, and the switch request moves the wallet to the deployment's chain", async () => {
      const { page, wallet } = await newPage(1);
      await open(page, "reactors");
      await connect(page);
      const banner = page.locator('[data-testid="wrong-network"]');
      await banner.waitFor({ state: "visible" });
      expect(await banner.innerText()).to.contain(
        `your wallet is on chain 1, this deployment is on Local Hardhat chain (chain ${world.config.chainId})`,
      );
      // Nothing can be sent from the wrong chain: the forms are not offered.
      expect(await page.locator('[data-testid="deposit-WETH-submit"]').count()).to.equal(0);
      await page.screenshot({ path: `${SHOTS}/wrong-network.png` });
      await page.click('[data-testid="switch-network"]');
      await banner.waitFor({ state: "hidden" });
      expect(wallet.chainId()).to.equal(world.config.chainId);
      expect(wallet.calls).to.include("wallet_switchEthereumChain");
      await page.waitForSelector('[data-testid="deposit-WETH-submit"]');
    });

    it("screenshots of every page", async () => {
      const { page } = await newPage();
      await open(page, "reactors");
      await connect(page);
      for (const id of ["reactors", "direct", "rewards", "launch", "treasury", "cycle"]) {
        await go(page, id);
        await page.screenshot({ path: `${SHOTS}/${id}.png`, fullPage: true });
      }
      expect(await textOf(page, "account")).to.match(/^0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}$/);
    });
  });
}
