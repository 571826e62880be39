import { expect } from "chai";
import { network } from "hardhat";
import type { Contract } from "ethers";
import {
  commitEth,
  commitUsdc,
  DAY,
  deploySale,
  ethFor,
  fundUsdc,
  type LaunchFixture,
  ORIGINAL,
  TOKE,
  USD,
  USDC,
  type SaleConfig,
  Whitelist,
} from "../../helpers/launch.js";

const { ethers, networkHelpers } = await network.create();
const { time, loadFixture } = networkHelpers;

const ETH_PRICE = USD(2_000);
// For the worked examples the per-wallet cap is lifted to the target so that three wallets can
// reach $48M; the $100k cap itself is exercised with the original parameters further down and
// in test/integration/launch.
const WIDE_CAP: Partial<SaleConfig> = { walletCapUsd: ORIGINAL.targetUsd };

async function base(): Promise<LaunchFixture> {
  return deploySale(ethers, networkHelpers);
}
async function wide(): Promise<LaunchFixture> {
  return deploySale(ethers, networkHelpers, WIDE_CAP);
}
async function vesting(): Promise<LaunchFixture> {
  return deploySale(ethers, networkHelpers, { ...WIDE_CAP, vestingSeconds: BigInt(100 * DAY) });
}

async function openWindow(f: LaunchFixture) {
  await time.increaseTo(f.windowStart);
}
async function closeAndFinalize(f: LaunchFixture) {
  await time.increaseTo(f.windowEnd + 1);
  return f.sale.connect(f.governance).finalize();
}

describe("DeGenesis", () => {
  describe("constructor bounds", () => {
    async function deployWith(over: Record<string, unknown>) {
      const f = await loadFixture(base);
      const now = await time.latest();
      const params = {
        governance: f.governance.address,
        guardian: f.guardian.address,
        treasury: f.treasury.address,
        toke: await f.toke.getAddress(),
        usdc: await f.usdc.getAddress(),
        weth: await f.weth.getAddress(),
        merkleRoot: f.whitelist.root,
        windowStart: now + DAY,
        windowEnd: now + 8 * DAY,
        ...f.config,
        ...over,
      };
      return { f, deploy: ethers.deployContract("DeGenesis", [params]) };
    }

    it("rejects an allocation that is not target / base price", async () => {
      const { f, deploy } = await deployWith({ tokeAllocation: TOKE(3_000_001) });
      await expect(deploy)
        .to.be.revertedWithCustomError(f.sale, "DeGenesisBadAllocation")
        .withArgs(TOKE(3_000_001), TOKE(3_000_000));
    });

    it("rejects an overflow cap below the target, a wallet cap above it, a zero ETH price", async () => {
      for (const over of [
        { overflowCapUsd: USD(23_999_999) },
        { walletCapUsd: USD(24_000_001) },
        { ethUsdPrice: 0n },
        { basePriceUsd: 0n, tokeAllocation: 0n },
        { vestingSeconds: BigInt(5 * 365 * DAY) },
      ]) {
        const { f, deploy } = await deployWith(over);
        await expect(deploy).to.be.revertedWithCustomError(f.sale, "DeGenesisOutOfBounds");
      }
    });

    it("rejects a window in the past, reversed, too short or too long", async () => {
      const now = await time.latest();
      for (const [s, e] of [
        [now - 10, now + 10 * DAY],
        [now + DAY, now + DAY - 1],
        [now + DAY, now + DAY + 3599],
        [now + DAY, now + DAY + 91 * DAY],
      ]) {
        const { f, deploy } = await deployWith({ windowStart: s, windowEnd: e });
        await expect(deploy).to.be.revertedWithCustomError(f.sale, "DeGenesisBadWindow");
      }
    });

    it("rejects zero addresses", async () => {
      const { f, deploy } = await deployWith({ treasury: ethers.ZeroAddress });
      await expect(deploy)
        .to.be.revertedWithCustomError(f.sale, "DeGenesisZeroAddress")
        .withArgs("treasury");
    });
  });

  describe("commits", () => {
    it("refuses commits before and after the window", async () => {
      const f = await loadFixture(base);
      const [a] = f.wallets;
      await expect(commitEth(f, a, 1n)).to.be.revertedWithCustomError(
        f.sale,
        "DeGenesisWindowClosed",
      );
      await time.increaseTo(f.windowEnd + 1);
      await expect(commitEth(f, a, 1n)).to.be.revertedWithCustomError(
        f.sale,
        "DeGenesisWindowClosed",
      );
    });

    it("accepts the first and last second of the window", async () => {
      const f = await loadFixture(base);
      const [a, b] = f.wallets;
      await time.setNextBlockTimestamp(f.windowStart);
      await commitEth(f, a, 1n);
      await time.setNextBlockTimestamp(f.windowEnd);
      await commitEth(f, b, 1n);
      expect((await f.sale.totals())[0]).to.equal(2n);
    });

    it("checks the whitelist proof and binds it to the caller", async () => {
      const f = await loadFixture(base);
      await openWindow(f);
      const [a, b] = f.wallets;
      const outsider = f.wallets[15];
      // An outsider replaying a whitelisted wallet's proof.
      await expect(f.sale.connect(outsider).commitEth(f.whitelist.proof(a.address), { value: 1n }))
        .to.be.revertedWithCustomError(f.sale, "DeGenesisNotWhitelisted")
        .withArgs(outsider.address);
      // A whitelisted wallet with another wallet's proof.
      await expect(
        f.sale.connect(b).commitEth(f.whitelist.proof(a.address), { value: 1n }),
      ).to.be.revertedWithCustomError(f.sale, "DeGenesisNotWhitelisted");
      await expect(f.sale.connect(a).commitEth([], { value: 1n })).to.be.revertedWithCustomError(
        f.sale,
        "DeGenesisNotWhitelisted",
      );
      await commitEth(f, a, 1n);
      // Proved once: later commits need no proof.
      await f.sale.connect(a).commitEth([], { value: 2n });
      expect((await f.sale.commitmentOf(a.address))[0]).to.equal(3n);
    });

    it("rejects zero commits", async () => {
      const f = await loadFixture(base);
      await openWindow(f);
      const [a] = f.wallets;
      await expect(commitEth(f, a, 0n)).to.be.revertedWithCustomError(
        f.sale,
        "DeGenesisZeroCommit",
      );
      await expect(
        f.sale.connect(a).commitUsdc(0n, f.whitelist.proof(a.address)),
      ).to.be.revertedWithCustomError(f.sale, "DeGenesisZeroCommit");
    });

    it("enforces the $100k wallet cap at its edge, in USDC, in ETH and mixed", async () => {
      const f = await loadFixture(base);
      await openWindow(f);
      const [a, b, c] = f.wallets;
      await commitUsdc(f, a, USDC(100_000));
      await expect(commitUsdc(f, a, 1n))
        .to.be.revertedWithCustomError(f.sale, "DeGenesisWalletCapExceeded")
        .withArgs(a.address, USD(100_000) + 10n ** 12n, USD(100_000));
      // 50 ETH at $2,000 is exactly $100k.
      await commitEth(f, b, ethFor(USD(100_000), ETH_PRICE));
      await expect(commitEth(f, b, 1n)).to.be.revertedWithCustomError(
        f.sale,
        "DeGenesisWalletCapExceeded",
      );
      // $60k of USDC then 20 ETH ($40k) reach the cap; one more wei of ETH does not fit.
      await commitUsdc(f, c, USDC(60_000));
      await commitEth(f, c, parseEth(20));
      expect(await f.sale.usdValueOf(c.address)).to.equal(USD(100_000));
      await expect(commitEth(f, c, 10n ** 6n)).to.be.revertedWithCustomError(
        f.sale,
        "DeGenesisWalletCapExceeded",
      );
      expect(await f.sale.totalUsd()).to.equal(USD(300_000));
    });

    it("keeps a first commit lean (gas measured from receipts)", async () => {
      const f = await loadFixture(base);
      await openWindow(f);
      const [a, b, c] = f.wallets;
      // Warm the totals slot and the sale's USDC balance the way every commit but the very
      // first of the sale finds them.
      await commitEth(f, c, 1n);
      await commitUsdc(f, c, 1n);
      const ethGas = (await (await commitEth(f, a, parseEth(1))).wait())!.gasUsed;
      await fundUsdc(f, b, USDC(1_000));
      const usdcGas = (await (
        await f.sale.connect(b).commitUsdc(USDC(1_000), f.whitelist.proof(b.address))
      ).wait())!.gasUsed;
      const againGas = (await (await f.sale.connect(a).commitEth([], { value: 1n })).wait())!
        .gasUsed;
      console.log(
        `      gas: first ETH commit ${ethGas}, first USDC commit ${usdcGas}, later ETH commit ${againGas}`,
      );
      expect(ethGas).to.be.lessThan(80_000n);
      expect(usdcGas).to.be.lessThan(80_000n);
      expect(againGas).to.be.lessThan(45_000n);
    });

    it("lets the guardian pause commits, governance unpause, and nobody else", async () => {
      const f = await loadFixture(base);
      await openWindow(f);
      const [a] = f.wallets;
      await expect(f.sale.connect(f.stranger).pause()).to.be.revertedWithCustomError(
        f.sale,
        "AccessControlUnauthorizedAccount",
      );
      await f.sale.connect(f.guardian).pause();
      await expect(commitEth(f, a, 1n)).to.be.revertedWithCustomError(f.sale, "EnforcedPause");
      await expect(f.sale.connect(f.guardian).unpause()).to.be.revertedWithCustomError(
        f.sale,
        "AccessControlUnauthorizedAccount",
      );
      await f.sale.connect(f.governance).unpause();
      await commitEth(f, a, 1n);
    });
  });

  describe("governance", () => {
    it("restricts every privileged function to its role", async () => {
      const f = await loadFixture(base);
      const s = f.sale.connect(f.stranger);
      const pools = [await f.ethPool.getAddress(), await f.usdcPool.getAddress()] as const;
      for (const call of [
        () => s.setEthUsdPrice(ETH_PRICE),
        () => s.setGenesisPools(...pools),
        () => s.finalize(),
        () => s.unpause(),
        () => s.pause(),
        () => f.sale.connect(f.guardian).setEthUsdPrice(ETH_PRICE),
        () => f.sale.connect(f.guardian).finalize(),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(
          f.sale,
          "AccessControlUnauthorizedAccount",
        );
      }
    });

    it("bounds the ETH price and fixes it at finalisation", async () => {
      const f = await loadFixture(base);
      const g = f.sale.connect(f.governance);
      await expect(g.setEthUsdPrice(0n)).to.be.revertedWithCustomError(
        f.sale,
        "DeGenesisOutOfBounds",
      );
      await expect(g.setEthUsdPrice(USD(1_000_001))).to.be.revertedWithCustomError(
        f.sale,
        "DeGenesisOutOfBounds",
      );
      await expect(g.setEthUsdPrice(USD(3_000)))
        .to.emit(f.sale, "EthUsdPriceSet")
        .withArgs(USD(3_000));
      await expect(g.finalize()).to.be.revertedWithCustomError(f.sale, "DeGenesisWindowOpen");
      await closeAndFinalize(f);
      await expect(g.setEthUsdPrice(USD(2_500))).to.be.revertedWithCustomError(
        f.sale,
        "DeGenesisAlreadyFinalized",
      );
      await expect(g.finalize()).to.be.revertedWithCustomError(f.sale, "DeGenesisAlreadyFinalized");
      expect(await f.sale.ethUsdPrice()).to.equal(USD(3_000));
    });

    it("values ETH at the price in force at finalisation", async () => {
      const f = await loadFixture(wide);
      await openWindow(f);
      const [a, b] = f.wallets;
      await commitEth(f, a, parseEth(1_000)); // $2M at $2,000
      await commitUsdc(f, b, USDC(2_000_000));
      await f.sale.connect(f.governance).setEthUsdPrice(USD(4_000)); // a's ETH is now worth $4M
      await closeAndFinalize(f);
      // Total $6M below the $24M target: A gets 3M TOKE x 4/6, B 3M x 2/6.
      expect((await f.sale.settlementOf(a.address)).toke).to.equal(TOKE(2_000_000));
      expect((await f.sale.settlementOf(b.address)).toke).to.equal(TOKE(1_000_000));
    });

    it("only accepts Genesis pools over the right asset that this sale feeds", async () => {
      const f = await loadFixture(base);
      const g = f.sale.connect(f.governance);
      const ethPool = await f.ethPool.getAddress();
      const usdcPool = await f.usdcPool.getAddress();
      await expect(g.setGenesisPools(usdcPool, usdcPool))
        .to.be.revertedWithCustomError(f.sale, "DeGenesisBadPool")
        .withArgs(usdcPool, await f.weth.getAddress());
      const now = await time.latest();
      const foreign = await ethers.deployContract("GenesisPool", [
        await f.weth.getAddress(),
        await f.toke.getAddress(),
        f.governance.address,
        f.guardian.address,
        f.stranger.address,
        now + DAY,
        now + 2 * DAY,
      ]);
      await expect(
        g.setGenesisPools(await foreign.getAddress(), usdcPool),
      ).to.be.revertedWithCustomError(f.sale, "DeGenesisBadPool");
      await g.setGenesisPools(ethPool, usdcPool);
    });

    it("refuses to finalise without the TOKE it sells", async () => {
      const f = await loadFixture(base);
      await openWindow(f);
      await commitEth(f, f.wallets[0], 1n);
      const impersonated = await ethers.getImpersonatedSigner(await f.sale.getAddress());
      await networkHelpers.setBalance(impersonated.address, 10n ** 18n);
      await f.toke.connect(impersonated).transfer(f.treasury.address, 1n);
      await time.increaseTo(f.windowEnd + 1);
      await expect(f.sale.connect(f.governance).finalize())
        .to.be.revertedWithCustomError(f.sale, "DeGenesisTokeShort")
        .withArgs(ORIGINAL.tokeAllocation - 1n, ORIGINAL.tokeAllocation);
    });
  });

  describe("settlement: the price curve and the worked examples", () => {
    it("$48M against a $24M target at $8: $1,000 buys $500 of TOKE (62.5) and puts $500 in Genesis", async () => {
      const f = await loadFixture(wide);
      await openWindow(f);
      const [a, b, c, d] = f.wallets;
      await commitUsdc(f, a, USDC(1_000));
      // The same $1,000 in ETH: 0.5 ETH at $2,000.
      await commitEth(f, d, parseEth("0.5"));
      await commitUsdc(f, b, USDC(24_000_000));
      await commitUsdc(f, c, USDC(23_998_000));
      expect(await f.sale.totalUsd()).to.equal(USD(48_000_000));
      expect(await f.sale.currentPrice()).to.equal(USD(8));
      await expect(closeAndFinalize(f))
        .to.emit(f.sale, "Finalized")
        .withArgs(
          ETH_PRICE,
          USD(48_000_000),
          USD(24_000_000),
          USD(24_000_000),
          parseEth("0.25"),
          USDC(23_999_500),
        );

      const sa = await f.sale.settlementOf(a.address);
      expect(sa.toke).to.equal(TOKE("62.5"));
      expect([sa.usdcSale, sa.usdcGenesis, sa.usdcRefund]).to.deep.equal([
        USDC(500),
        USDC(500),
        0n,
      ]);
      await expect(f.sale.connect(a).claim()).to.changeTokenBalances(
        ethers,
        f.toke,
        [a],
        [TOKE("62.5")],
      );
      expect(await f.usdcPool.balanceOf(a.address)).to.equal(USDC(500));
      expect(await f.usdcPool.isParticipant(a.address)).to.equal(true);

      const sd = await f.sale.settlementOf(d.address);
      expect(sd.toke).to.equal(TOKE("62.5"));
      expect([sd.ethSale, sd.ethGenesis, sd.ethRefund]).to.deep.equal([
        parseEth("0.25"),
        parseEth("0.25"),
        0n,
      ]);
      await f.sale.connect(d).claim();
      expect(await f.ethPool.balanceOf(d.address)).to.equal(parseEth("0.25"));
      expect(await f.weth.getFunction("balanceOf")(await f.ethPool.getAddress())).to.equal(
        parseEth("0.25"),
      );
      // Treasury: half of every asset; ETH proceeds arrive wrapped, as WETH (the Treasury is ERC-20 only).
      expect(await f.weth.getFunction("balanceOf")(f.treasury.address)).to.equal(parseEth("0.25"));
      expect(await f.usdc.getFunction("balanceOf")(f.treasury.address)).to.equal(USDC(23_999_500));
    });

    it("below the target the fixed allocation is shared: $12M raised prices TOKE at $4", async () => {
      const f = await loadFixture(wide);
      await openWindow(f);
      const [a, b] = f.wallets;
      await commitUsdc(f, a, USDC(1_000));
      await commitUsdc(f, b, USDC(11_999_000));
      expect(await f.sale.currentPrice()).to.equal(USD(4));
      await closeAndFinalize(f);
      const sa = await f.sale.settlementOf(a.address);
      expect(sa.toke).to.equal(TOKE(250));
      expect([sa.usdcSale, sa.usdcGenesis, sa.usdcRefund]).to.deep.equal([USDC(1_000), 0n, 0n]);
      // Everything committed bought TOKE.
      expect(await f.usdc.getFunction("balanceOf")(f.treasury.address)).to.equal(USDC(12_000_000));
    });

    it("at exactly the target a $100k wallet gets 12,500 TOKE at $8 and nothing overflows", async () => {
      const f = await loadFixture(wide);
      await openWindow(f);
      const [a, b, c, d] = f.wallets;
      await commitUsdc(f, a, USDC(100_000));
      await commitUsdc(f, d, USDC(1_000));
      await commitUsdc(f, b, USDC(12_000_000));
      await commitEth(f, c, ethFor(USD(11_899_000), ETH_PRICE));
      expect(await f.sale.totalUsd()).to.equal(USD(24_000_000));
      expect(await f.sale.currentPrice()).to.equal(USD(8));
      await closeAndFinalize(f);
      const sa = await f.sale.settlementOf(a.address);
      expect(sa.toke).to.equal(TOKE(12_500));
      expect(sa.usdcGenesis + sa.usdcRefund).to.equal(0n);
      // $1,000 at $8: 125 TOKE.
      expect((await f.sale.settlementOf(d.address)).toke).to.equal(TOKE(125));
    });

    it("one dollar over the target starts the overflow", async () => {
      const f = await loadFixture(wide);
      await openWindow(f);
      const [a, b] = f.wallets;
      await commitUsdc(f, a, USDC(12_000_001));
      await commitUsdc(f, b, USDC(12_000_000));
      await closeAndFinalize(f);
      const sa = await f.sale.settlementOf(a.address);
      // a: 12,000,001 x (24M / 24,000,001) sold (rounded up), the rest overflows.
      const sale = ceilDiv(USDC(12_000_001) * USD(24_000_000), USD(24_000_001));
      expect(sa.usdcSale).to.equal(sale);
      expect(sa.usdcGenesis).to.equal(USDC(12_000_001) - sale);
      expect(sa.usdcRefund).to.equal(0n);
    });

    it("beyond the overflow cap the rest is refunded: $96M committed, $1,000 = $250 TOKE + $250 Genesis + $500 back", async () => {
      const f = await loadFixture(wide);
      await openWindow(f);
      const [a, b, c, d, e] = f.wallets;
      await commitUsdc(f, a, USDC(1_000));
      await commitEth(f, b, parseEth(1)); // $2,000: 0.25 / 0.25 / 0.5 ETH
      await commitUsdc(f, c, USDC(24_000_000));
      await commitUsdc(f, d, USDC(24_000_000));
      await commitUsdc(f, e, USDC(23_997_000));
      await commitUsdc(f, f.wallets[5], USDC(24_000_000));
      expect(await f.sale.totalUsd()).to.equal(USD(96_000_000));
      await closeAndFinalize(f);
      const sa = await f.sale.settlementOf(a.address);
      expect(sa.toke).to.equal(TOKE("31.25"));
      expect([sa.usdcSale, sa.usdcGenesis, sa.usdcRefund]).to.deep.equal([
        USDC(250),
        USDC(250),
        USDC(500),
      ]);
      await expect(f.sale.connect(a).claim()).to.changeTokenBalances(
        ethers,
        f.usdc,
        [a],
        [USDC(500)],
      );

      const sb = await f.sale.settlementOf(b.address);
      expect(sb.toke).to.equal(TOKE("62.5"));
      expect([sb.ethSale, sb.ethGenesis, sb.ethRefund]).to.deep.equal([
        parseEth("0.25"),
        parseEth("0.25"),
        parseEth("0.5"),
      ]);
      await expect(f.sale.connect(b).claim()).to.changeEtherBalances(
        ethers,
        [b],
        [parseEth("0.5")],
        {
          includeFee: false,
        },
      );
    });

    it("a wallet mixing ETH and USDC is split asset by asset", async () => {
      const f = await loadFixture(wide);
      await openWindow(f);
      const [a, b, c] = f.wallets;
      await commitUsdc(f, a, USDC(600));
      await commitEth(f, a, parseEth("0.2")); // $400
      await commitUsdc(f, b, USDC(24_000_000));
      await commitUsdc(f, c, USDC(23_999_000));
      await closeAndFinalize(f);
      const s = await f.sale.settlementOf(a.address);
      expect(s.toke).to.equal(TOKE("62.5"));
      expect([s.usdcSale, s.usdcGenesis, s.usdcRefund]).to.deep.equal([USDC(300), USDC(300), 0n]);
      expect([s.ethSale, s.ethGenesis, s.ethRefund]).to.deep.equal([
        parseEth("0.1"),
        parseEth("0.1"),
        0n,
      ]);
      await f.sale.connect(a).claim();
      expect(await f.usdcPool.balanceOf(a.address)).to.equal(USDC(300));
      expect(await f.ethPool.balanceOf(a.address)).to.equal(parseEth("0.1"));
    });
  });

  describe("claims", () => {
    it("pays once, rejects a second claim and wallets without a commitment", async () => {
      const f = await loadFixture(wide);
      await openWindow(f);
      const [a] = f.wallets;
      await commitUsdc(f, a, USDC(1_000));
      await expect(f.sale.connect(a).claim()).to.be.revertedWithCustomError(
        f.sale,
        "DeGenesisNotFinalized",
      );
      await closeAndFinalize(f);
      await f.sale.connect(a).claim();
      await expect(f.sale.connect(a).claim()).to.be.revertedWithCustomError(
        f.sale,
        "DeGenesisNothingToClaim",
      );
      await expect(f.sale.connect(f.stranger).claim())
        .to.be.revertedWithCustomError(f.sale, "DeGenesisNothingToClaim")
        .withArgs(f.stranger.address);
      // The whole allocation went to the only buyer.
      expect(await f.toke.balanceOf(a.address)).to.equal(ORIGINAL.tokeAllocation);
    });

    it("a wallet that refuses ETH still gets its TOKE; its refund waits and goes where it says", async () => {
      const f = await loadFixture(wide);
      await openWindow(f);
      const refuser = (await ethers.deployContract("EthRefuser")) as unknown as Contract;
      const refuserAddr = await refuser.getAddress();
      // Whitelist holds signers only: rebuild the sale's whitelist is not possible, so the
      // refuser commits through a fresh sale deployed with it on the list.
      const g = await deploySaleWith(f, [
        refuserAddr,
        ...f.wallets.slice(0, 4).map((w) => w.address),
      ]);
      await time.increaseTo(g.windowStart);
      const iface = g.sale.interface;
      await refuser.getFunction("call")(
        await g.sale.getAddress(),
        parseEth(1),
        iface.encodeFunctionData("commitEth", [g.whitelist.proof(refuserAddr)]),
        { value: parseEth(1) },
      );
      await commitUsdc(g, f.wallets[0], USDC(24_000_000));
      await commitUsdc(g, f.wallets[1], USDC(24_000_000));
      await commitUsdc(g, f.wallets[2], USDC(24_000_000));
      await commitUsdc(g, f.wallets[3], USDC(23_998_000));
      // Total $96M: a quarter of the refuser's ETH sold, a quarter to Genesis, half refunded.
      await time.increaseTo(g.windowEnd + 1);
      await g.sale.connect(g.governance).finalize();
      await expect(
        refuser.getFunction("call")(
          await g.sale.getAddress(),
          0n,
          iface.encodeFunctionData("claim"),
        ),
      )
        .to.emit(g.sale, "EthRefundDeferred")
        .withArgs(refuserAddr, parseEth("0.5"));
      expect(await g.toke.balanceOf(refuserAddr)).to.equal(TOKE("62.5"));
      expect(await g.ethPool.balanceOf(refuserAddr)).to.equal(parseEth("0.25"));
      // Another wallet's claim is not affected.
      await g.sale.connect(f.wallets[0]).claim();
      const to = f.stranger.address;
      const before = await ethers.provider.getBalance(to);
      await refuser.getFunction("call")(
        await g.sale.getAddress(),
        0n,
        iface.encodeFunctionData("withdrawDeferredEth", [to]),
      );
      expect((await ethers.provider.getBalance(to)) - before).to.equal(parseEth("0.5"));
      expect(await g.sale.deferredEthOf(refuserAddr)).to.equal(0n);
    });

    it("a wallet re-entering claim from its ETH refund gets nothing twice", async () => {
      const f = await loadFixture(wide);
      const attacker = (await ethers.deployContract("ReentrantClaimer")) as unknown as Contract;
      const attackerAddr = await attacker.getAddress();
      const g = await deploySaleWith(f, [
        attackerAddr,
        ...f.wallets.slice(0, 4).map((w) => w.address),
      ]);
      await time.increaseTo(g.windowStart);
      const iface = g.sale.interface;
      const saleAddr = await g.sale.getAddress();
      await attacker.getFunction("call")(
        saleAddr,
        parseEth(1),
        iface.encodeFunctionData("commitEth", [g.whitelist.proof(attackerAddr)]),
        {
          value: parseEth(1),
        },
      );
      for (const w of f.wallets.slice(0, 3)) await commitUsdc(g, w, USDC(24_000_000));
      await commitUsdc(g, f.wallets[3], USDC(23_998_000));
      await time.increaseTo(g.windowEnd + 1);
      await g.sale.connect(g.governance).finalize();
      // The re-entrant claim hits the reentrancy guard, so the refund is refused and deferred.
      await expect(attacker.getFunction("call")(saleAddr, 0n, iface.encodeFunctionData("claim")))
        .to.emit(g.sale, "EthRefundDeferred")
        .withArgs(attackerAddr, parseEth("0.5"));
      expect(await g.toke.balanceOf(attackerAddr)).to.equal(TOKE("62.5"));
      expect(await g.ethPool.balanceOf(attackerAddr)).to.equal(parseEth("0.25"));
      expect(await ethers.provider.getBalance(attackerAddr)).to.equal(0n);
      await expect(
        attacker.getFunction("call")(saleAddr, 0n, iface.encodeFunctionData("claim")),
      ).to.be.revertedWithCustomError(g.sale, "DeGenesisNothingToClaim");
    });

    it("vests TOKE linearly from finalisation", async () => {
      const f = await loadFixture(vesting);
      await openWindow(f);
      const [a, b] = f.wallets;
      await commitUsdc(f, a, USDC(1_000));
      await commitUsdc(f, b, USDC(11_999_000));
      const tx = await closeAndFinalize(f);
      const finalizedAt = (await ethers.provider.getBlock((await tx.wait())!.blockNumber))!
        .timestamp;
      // 250 TOKE over 100 days; claim at day 25 then day 50, then after the end.
      await time.setNextBlockTimestamp(finalizedAt + 25 * DAY);
      await expect(f.sale.connect(a).claim()).to.changeTokenBalance(
        ethers,
        f.toke,
        a,
        TOKE("62.5"),
      );
      await time.setNextBlockTimestamp(finalizedAt + 50 * DAY);
      await expect(f.sale.connect(a).claim()).to.changeTokenBalance(
        ethers,
        f.toke,
        a,
        TOKE("62.5"),
      );
      await time.increaseTo(finalizedAt + 200 * DAY);
      expect(await f.sale.claimableToke(a.address)).to.equal(TOKE(125));
      await expect(f.sale.connect(a).claim()).to.changeTokenBalance(ethers, f.toke, a, TOKE(125));
      await expect(f.sale.connect(a).claim()).to.be.revertedWithCustomError(
        f.sale,
        "DeGenesisNothingToClaim",
      );
    });

    it("an unfinalised sale turns void 30 days after the window and refunds everything", async () => {
      const f = await loadFixture(wide);
      await openWindow(f);
      const [a] = f.wallets;
      await commitUsdc(f, a, USDC(1_000));
      await commitEth(f, a, parseEth(2));
      await expect(f.sale.returnVoidToke()).to.be.revertedWithCustomError(
        f.sale,
        "DeGenesisNotVoid",
      );
      await time.increaseTo(f.windowEnd + 30 * DAY + 1);
      expect(await f.sale.isVoid()).to.equal(true);
      await expect(f.sale.connect(f.governance).finalize()).to.be.revertedWithCustomError(
        f.sale,
        "DeGenesisVoid",
      );
      await expect(f.sale.connect(a).claim()).to.changeEtherBalance(ethers, a, parseEth(2), {
        includeFee: false,
      });
      expect(await f.usdc.getFunction("balanceOf")(a.address)).to.equal(USDC(1_000));
      expect(await f.toke.balanceOf(a.address)).to.equal(0n);
      await f.sale.connect(f.stranger).returnVoidToke();
      expect(await f.toke.balanceOf(f.treasury.address)).to.equal(ORIGINAL.tokeAllocation);
    });

    it("a sale with no commitment returns the whole allocation at finalisation", async () => {
      const f = await loadFixture(base);
      await closeAndFinalize(f);
      expect(await f.toke.balanceOf(f.treasury.address)).to.equal(ORIGINAL.tokeAllocation);
    });

    it("claims go on while commits are paused", async () => {
      const f = await loadFixture(wide);
      await openWindow(f);
      await commitUsdc(f, f.wallets[0], USDC(1_000));
      await f.sale.connect(f.guardian).pause();
      await closeAndFinalize(f);
      await f.sale.connect(f.wallets[0]).claim();
      expect(await f.toke.balanceOf(f.wallets[0].address)).to.equal(ORIGINAL.tokeAllocation);
    });

    it("reports claim gas", async () => {
      const f = await loadFixture(wide);
      await openWindow(f);
      const [a, b, c, d, e, g] = f.wallets;
      await commitUsdc(f, a, USDC(1_000));
      await commitEth(f, b, parseEth(1));
      for (const w of [c, d, e]) await commitUsdc(f, w, USDC(24_000_000));
      await commitUsdc(f, g, USDC(23_997_000));
      await closeAndFinalize(f);
      const usdcGas = (await (await f.sale.connect(a).claim()).wait())!.gasUsed;
      const ethGas = (await (await f.sale.connect(b).claim()).wait())!.gasUsed;
      console.log(
        `      gas: claim (TOKE + USDC Genesis + refund) ${usdcGas}, claim (TOKE + WETH Genesis + ETH refund) ${ethGas}`,
      );
      expect(usdcGas).to.be.lessThan(300_000n);
      expect(ethGas).to.be.lessThan(300_000n);
    });
  });
});

function parseEth(n: number | string): bigint {
  return ethers.parseEther(String(n));
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/// A second sale over the same tokens with another whitelist (for contract wallets).
async function deploySaleWith(f: LaunchFixture, addresses: string[]): Promise<LaunchFixture> {
  const whitelist = new Whitelist(addresses);
  const now = await time.latest();
  const windowStart = now + DAY;
  const windowEnd = windowStart + 7 * DAY;
  const sale = await ethers.deployContract("DeGenesis", [
    {
      governance: f.governance.address,
      guardian: f.guardian.address,
      treasury: f.treasury.address,
      toke: await f.toke.getAddress(),
      usdc: await f.usdc.getAddress(),
      weth: await f.weth.getAddress(),
      merkleRoot: whitelist.root,
      windowStart,
      windowEnd,
      ...f.config,
    },
  ]);
  const args = [
    f.governance.address,
    f.guardian.address,
    await sale.getAddress(),
    windowEnd + 14 * DAY,
    windowEnd + 56 * DAY,
  ];
  const ethPool = await ethers.deployContract("GenesisPool", [
    await f.weth.getAddress(),
    await f.toke.getAddress(),
    ...args,
  ]);
  const usdcPool = await ethers.deployContract("GenesisPool", [
    await f.usdc.getAddress(),
    await f.toke.getAddress(),
    ...args,
  ]);
  await sale
    .connect(f.governance)
    .setGenesisPools(await ethPool.getAddress(), await usdcPool.getAddress());
  await f.toke.connect(f.governance).transfer(await sale.getAddress(), f.config.tokeAllocation);
  return { ...f, sale, ethPool, usdcPool, whitelist, windowStart, windowEnd };
}
