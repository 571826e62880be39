// The original DeGenesis parameters end to end: $24M target at $8, $48M overflow cap and a $100k
// per-wallet cap, so the worked examples need hundreds of wallets (impersonated addresses).
import { expect } from "chai";
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Contract } from "ethers";
import {
  deployLaunchAssets,
  deploySaleWithPools,
  DAY,
  ORIGINAL,
  TOKE,
  USD,
  USDC,
  Whitelist,
} from "../../helpers/launch.js";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

const ETH_PRICE = USD(2_000);
const CAP_IN_ETH = ethers.parseEther("50"); // $100k at $2,000

function walletAddress(i: number): string {
  return ethers.getAddress(ethers.dataSlice(ethers.id(`degenesis wallet ${i}`), 12));
}

async function deployOriginal(addresses: string[]) {
  const [governance, guardian, treasury] = await ethers.getSigners();
  const { toke, usdc, weth } = await deployLaunchAssets(ethers, governance);
  const whitelist = new Whitelist(addresses);
  const windowStart = (await time.latest()) + DAY;
  const { sale, ethPool, usdcPool, windowEnd } = await deploySaleWithPools(ethers, {
    governance,
    guardian,
    treasury,
    toke,
    usdc,
    weth,
    merkleRoot: whitelist.root,
    windowStart,
    config: { ...ORIGINAL, ethUsdPrice: ETH_PRICE, vestingSeconds: 0n },
  });
  await time.increaseTo(windowStart);
  return { governance, treasury, toke, usdc, weth, sale, ethPool, usdcPool, whitelist, windowEnd };
}

type Sale = Awaited<ReturnType<typeof deployOriginal>>;

async function signer(address: string, eth: bigint): Promise<HardhatEthersSigner> {
  await networkHelpers.setBalance(address, eth + ethers.parseEther("1"));
  return ethers.getImpersonatedSigner(address);
}

/// Commits `usd` for `address`: in ETH for even `i`, in USDC for odd `i`.
async function commit(s: Sale, i: number, address: string, usd: bigint) {
  const w = await signer(address, (usd * 10n ** 18n) / ETH_PRICE);
  const proof = s.whitelist.proof(address);
  if (i % 2 === 0) {
    await s.sale.connect(w).commitEth(proof, { value: (usd * 10n ** 18n) / ETH_PRICE });
  } else {
    const amount = usd / 10n ** 12n;
    await s.usdc.getFunction("mint")(address, amount);
    await (s.usdc.connect(w) as Contract).getFunction("approve")(await s.sale.getAddress(), amount);
    await s.sale.connect(w).commitUsdc(amount, proof);
  }
  return w;
}

describe("DeGenesis with the original parameters", function () {
  this.timeout(600_000);

  it("240 wallets at the $100k cap reach the $24M target: 12,500 TOKE each at $8", async () => {
    const addresses = Array.from({ length: 241 }, (_, i) => walletAddress(i));
    const s = await deployOriginal(addresses);
    const wallets: HardhatEthersSigner[] = [];
    for (let i = 0; i < 240; ++i)
      wallets.push(await commit(s, i, addresses[i], ORIGINAL.walletCapUsd));
    // The cap holds for every wallet: one more unit does not fit.
    await expect(
      s.sale.connect(wallets[0]).commitEth([], { value: 1n }),
    ).to.be.revertedWithCustomError(s.sale, "DeGenesisWalletCapExceeded");
    expect(await s.sale.totalUsd()).to.equal(ORIGINAL.targetUsd);
    expect(await s.sale.currentPrice()).to.equal(USD(8));
    await time.increaseTo(s.windowEnd + 1);
    await s.sale.connect(s.governance).finalize();
    for (const i of [0, 1, 120, 239]) {
      const st = await s.sale.settlementOf(addresses[i]);
      expect(st.toke).to.equal(TOKE(12_500));
      expect(st.ethGenesis + st.ethRefund + st.usdcGenesis + st.usdcRefund).to.equal(0n);
    }
    await s.sale.connect(wallets[0]).claim();
    await s.sale.connect(wallets[1]).claim();
    expect(await s.toke.balanceOf(addresses[0])).to.equal(TOKE(12_500));
    expect(await s.toke.balanceOf(addresses[1])).to.equal(TOKE(12_500));
    // All raised assets are with the Treasury: 120 x 50 ETH and 120 x $100k.
    expect(await s.usdc.getFunction("balanceOf")(s.treasury.address)).to.equal(USDC(12_000_000));
    expect(await s.weth.getFunction("balanceOf")(await s.ethPool.getAddress())).to.equal(0n);
    expect(await ethers.provider.getBalance(await s.sale.getAddress())).to.equal(0n);
    expect(CAP_IN_ETH * 120n).to.equal(ethers.parseEther("6000"));
  });

  it("$48M committed: $1,000 gets 62.5 TOKE + $500 in Genesis; a $100k wallet 6,250 TOKE + $50k; all claims settle", async () => {
    // 479 wallets at $100k, one at $99k and one at $1k: exactly $48M.
    const n = 481;
    const addresses = Array.from({ length: n }, (_, i) => walletAddress(1_000 + i));
    const s = await deployOriginal(addresses);
    const wallets: HardhatEthersSigner[] = [];
    for (let i = 0; i < n; ++i) {
      const usd = i < 479 ? ORIGINAL.walletCapUsd : i === 479 ? USD(99_000) : USD(1_000);
      wallets.push(await commit(s, i, addresses[i], usd));
    }
    expect(await s.sale.totalUsd()).to.equal(USD(48_000_000));
    await time.increaseTo(s.windowEnd + 1);
    await s.sale.connect(s.governance).finalize();

    const small = await s.sale.settlementOf(addresses[480]); // $1k in ETH (480 is even)
    expect(small.toke).to.equal(TOKE("62.5"));
    expect([small.ethSale, small.ethGenesis, small.ethRefund]).to.deep.equal([
      ethers.parseEther("0.25"),
      ethers.parseEther("0.25"),
      0n,
    ]);
    const capped = await s.sale.settlementOf(addresses[1]); // $100k in USDC
    expect(capped.toke).to.equal(TOKE(6_250));
    expect([capped.usdcSale, capped.usdcGenesis, capped.usdcRefund]).to.deep.equal([
      USDC(50_000),
      USDC(50_000),
      0n,
    ]);

    let gasTotal = 0n;
    for (const w of wallets) gasTotal += (await (await s.sale.connect(w).claim()).wait())!.gasUsed;
    console.log(`      ${n} claims, average gas ${gasTotal / BigInt(n)}`);
    // Every TOKE of the allocation went out (the shares divide exactly here).
    expect(await s.toke.balanceOf(await s.sale.getAddress())).to.equal(0n);
    // Half of everything is in the Genesis pools, the other half with the Treasury.
    expect(await s.usdcPool.totalStaked()).to.equal(USDC(11_999_500));
    expect(await s.ethPool.totalStaked()).to.equal(ethers.parseEther("6000.25"));
    expect(await s.usdc.getFunction("balanceOf")(await s.sale.getAddress())).to.equal(0n);
    expect(await ethers.provider.getBalance(await s.sale.getAddress())).to.equal(0n);
  });
});
