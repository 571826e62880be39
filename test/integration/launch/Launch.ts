// The scripted launch: whitelist, 20 wallets committing ETH and USDC, finalisation and claims,
// Genesis pools (private period, rewards, conversion into tAssets), LP pools on real Uniswap V2
// and SushiSwap TOKE/WETH pairs, a CoRE election, the winners funded and each winner's token
// given a real Reactor registered with the cycle manager. Prints the outcome.
import { expect } from "chai";
import { network } from "hardhat";
import Table from "cli-table3";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { Contract } from "ethers";
import type { Reactor } from "../../../typechain-types/index.js";
import { deployCore, RATE_ONE } from "../../helpers/core.js";
import {
  deployLaunchAssets,
  deploySaleWithPools,
  DAY,
  TOKE,
  USD,
  USDC,
  WEEK,
  Whitelist,
} from "../../helpers/launch.js";
import { addLiquidity, deployTokeWethPairs } from "../../helpers/launchDex.js";

const conn = await network.create();
const { ethers, networkHelpers } = conn;
const { time } = networkHelpers;

const WALLETS = 20;
const ETH_PRICE = USD(2_000);
// A scaled-down sale: $1M target at $8 (125,000 TOKE), overflow up to $2M, $150k per wallet.
const SALE = {
  targetUsd: USD(1_000_000),
  overflowCapUsd: USD(2_000_000),
  basePriceUsd: USD(8),
  walletCapUsd: USD(150_000),
  tokeAllocation: TOKE(125_000),
  ethUsdPrice: ETH_PRICE,
  vestingSeconds: 0n,
};
const CANDIDATES = 8;
const WINNERS = 5;

/// Wallet i commits $55k + i x $5k ($2.05M in all): even wallets in ETH, odd in USDC, and the
/// last one half and half.
function commitmentUsd(i: number): bigint {
  return USD(55_000 + i * 5_000);
}

const fmt = (x: bigint, decimals = 18, digits = 2) =>
  Number(ethers.formatUnits(x, decimals)).toFixed(digits);

describe("Scripted launch", function () {
  this.timeout(300_000);

  it("runs DeGenesis, Genesis and LP pools, CoRE, winner funding and their Reactors end to end", async () => {
    const [governance, guardian, treasury, outsider] = await ethers.getSigners();
    const { toke, usdc, weth } = await deployLaunchAssets(ethers, governance);

    // ---- 1. Whitelist and sale
    const addresses = Array.from({ length: WALLETS }, (_, i) =>
      ethers.getAddress(ethers.dataSlice(ethers.id(`launch wallet ${i}`), 12)),
    );
    const whitelist = new Whitelist(addresses);
    const windowStart = (await time.latest()) + DAY;
    const LOCK_WEEKS = 6;
    const {
      sale,
      ethPool: ethGenesis,
      usdcPool: usdcGenesis,
      windowEnd,
    } = await deploySaleWithPools(ethers, {
      governance,
      guardian,
      treasury,
      toke,
      usdc,
      weth,
      merkleRoot: whitelist.root,
      windowStart,
      config: SALE,
      lockWeeks: LOCK_WEEKS,
    });
    const privateUntil = windowEnd + 2 * WEEK;
    const lockedUntil = windowEnd + LOCK_WEEKS * WEEK;

    // ---- 2. Twenty wallets commit
    await time.increaseTo(windowStart);
    const wallets: HardhatEthersSigner[] = [];
    let commitGas = 0n;
    for (let i = 0; i < WALLETS; ++i) {
      await networkHelpers.setBalance(addresses[i], ethers.parseEther("1000"));
      const w = await ethers.getImpersonatedSigner(addresses[i]);
      wallets.push(w);
      const usd = commitmentUsd(i);
      const proof = whitelist.proof(w.address);
      const ethPart = i === WALLETS - 1 ? usd / 2n : i % 2 === 0 ? usd : 0n;
      const usdcPart = usd - ethPart;
      if (ethPart !== 0n) {
        const r = await (
          await sale.connect(w).commitEth(proof, { value: (ethPart * 10n ** 18n) / ETH_PRICE })
        ).wait();
        commitGas += r!.gasUsed;
      }
      if (usdcPart !== 0n) {
        const amount = usdcPart / 10n ** 12n;
        await usdc.getFunction("mint")(w.address, amount);
        await (usdc.connect(w) as Contract).getFunction("approve")(await sale.getAddress(), amount);
        const r = await (
          await sale.connect(w).commitUsdc(amount, ethPart === 0n ? proof : [])
        ).wait();
        commitGas += r!.gasUsed;
      }
    }
    expect(await sale.totalUsd()).to.equal(USD(2_050_000));

    // ---- 3. Finalise and claim
    await time.increaseTo(windowEnd + 1);
    await sale.connect(governance).finalize();
    const settlements = [];
    let claimGas = 0n;
    for (const w of wallets) {
      settlements.push(await sale.settlementOf(w.address));
      claimGas += (await (await sale.connect(w).claim()).wait())!.gasUsed;
    }
    // Wallet 0 ($55k of $2.05M): TOKE = 125,000 x 55/2,050; the sold share is 1/2.05, Genesis
    // 1/2.05 and the refund 0.05/2.05 of each asset.
    expect(settlements[0].toke).to.equal((TOKE(125_000) * USD(55_000)) / USD(2_050_000));
    const sold = (await toke.balanceOf(await sale.getAddress())) as bigint;
    expect(sold).to.be.lessThan(BigInt(WALLETS)); // dust only

    // ---- 4. Genesis pools: accelerated rewards, private for two weeks
    await toke.connect(governance).approve(await ethGenesis.getAddress(), TOKE(20_000));
    await toke.connect(governance).approve(await usdcGenesis.getAddress(), TOKE(20_000));
    await ethGenesis.connect(governance).fundRewards(TOKE(20_000), 4 * WEEK);
    await usdcGenesis.connect(governance).fundRewards(TOKE(20_000), 4 * WEEK);
    await usdc.getFunction("mint")(outsider.address, USDC(1_000));
    await (usdc.connect(outsider) as Contract).getFunction("approve")(
      await usdcGenesis.getAddress(),
      USDC(1_000),
    );
    await expect(usdcGenesis.connect(outsider).stake(USDC(1_000))).to.be.revertedWithCustomError(
      usdcGenesis,
      "GenesisPoolPrivate",
    );

    // ---- 5. LP pools on real pairs, and the TOKE pool
    const { uniPair, sushiPair } = await deployTokeWethPairs(ethers, governance, toke, weth);
    const newPool = async (token: string) =>
      ethers.deployContract("StakingPool", [
        token,
        await toke.getAddress(),
        governance.address,
        guardian.address,
      ]);
    const tokePool = await newPool(await toke.getAddress());
    const uniPool = await newPool(await uniPair.getAddress());
    const sushiPool = await newPool(await sushiPair.getAddress());
    for (const p of [tokePool, uniPool, sushiPool]) {
      await toke.connect(governance).approve(await p.getAddress(), TOKE(10_000));
      await p.connect(governance).fundRewards(TOKE(10_000), 4 * WEEK);
    }
    // Wallets 0-5 pair 400 TOKE with 0.2 ETH (TOKE $8 at ETH $2,000... ETH $16,000 here: only
    // the LP counts matter); 0-2 on Uniswap, 3-5 on SushiSwap. Wallets 6-11 stake 500 TOKE.
    for (let i = 0; i < 6; ++i) {
      const w = wallets[i];
      const pair = i < 3 ? uniPair : sushiPair;
      const pool = i < 3 ? uniPool : sushiPool;
      const lp = await addLiquidity(
        pair,
        toke,
        weth,
        w,
        TOKE(400),
        ethers.parseEther("0.2"),
        w.address,
      );
      await (pair.connect(w) as Contract).getFunction("approve")(await pool.getAddress(), lp);
      await pool.connect(w).stake(lp);
    }
    for (let i = 6; i < 12; ++i) {
      await toke.connect(wallets[i]).approve(await tokePool.getAddress(), TOKE(500));
      await tokePool.connect(wallets[i]).stake(TOKE(500));
    }
    for (const w of wallets) await toke.connect(w).delegate(w.address);

    // ---- 6. CoRE
    const election = await ethers.deployContract("CoreElection", [
      await toke.getAddress(),
      governance.address,
      guardian.address,
    ]);
    await election.connect(governance).addWeightSource(await tokePool.getAddress(), 4);
    await election.connect(governance).addWeightSource(await uniPool.getAddress(), 69);
    await election.connect(governance).addWeightSource(await sushiPool.getAddress(), 69);
    const projects: Contract[] = [];
    for (let c = 0; c < CANDIDATES; ++c) {
      projects.push(
        (await ethers.deployContract("LaunchTestToken", [
          `Project ${c}`,
          `PRJ${c}`,
          18,
        ])) as unknown as Contract,
      );
    }
    const candidateAddrs = await Promise.all(projects.map((p) => p.getAddress()));
    const snapshot = (await time.latest()) + 60;
    await election
      .connect(governance)
      .createElection(
        candidateAddrs,
        snapshot,
        snapshot + 60,
        snapshot + 60 + 3 * DAY,
        WINNERS,
        false,
      );
    const id = await election.electionCount();
    await time.increaseTo(snapshot + 60);
    // Wallet i gives 70% to candidate i % 8 and 30% to candidate 7 (a popular choice).
    for (let i = 0; i < WALLETS; ++i) {
      const first = i % CANDIDATES;
      if (first === 7) await election.connect(wallets[i]).vote(id, [7], [10_000]);
      else await election.connect(wallets[i]).vote(id, [first, 7], [7_000, 3_000]);
    }
    await time.increase(3 * DAY + 1);
    await election.finalize(id);
    const winners = await election.winnersOf(id);
    const tally = await election.tallyOf(id);
    expect(winners.length).to.equal(WINNERS);
    expect(winners[0]).to.equal(candidateAddrs[7]);
    // Winners are ordered by votes, ties to the lower index.
    for (let k = 1; k < winners.length; ++k) {
      const a = candidateAddrs.indexOf(winners[k - 1]);
      const b = candidateAddrs.indexOf(winners[k]);
      expect(tally[a] > tally[b] || (tally[a] === tally[b] && a < b)).to.equal(true);
    }

    // ---- 7. Winners funded: each project swaps 100,000 tokens at $1 for TOKE at $8
    const funding = await ethers.deployContract("CoreFunding", [
      await election.getAddress(),
      await toke.getAddress(),
      treasury.address,
      governance.address,
      guardian.address,
    ]);
    await toke
      .connect(governance)
      .transfer(await funding.getAddress(), TOKE(12_500) * BigInt(WINNERS));
    const signers = await ethers.getSigners();
    for (let k = 0; k < winners.length; ++k) {
      const project = signers[10 + k];
      const token = projects[candidateAddrs.indexOf(winners[k])];
      await funding
        .connect(governance)
        .setSwapTerms(
          id,
          winners[k],
          project.address,
          ethers.parseEther("100000"),
          ethers.parseEther("0.125"),
        );
      await token.getFunction("mint")(project.address, ethers.parseEther("100000"));
      await (token.connect(project) as Contract).getFunction("approve")(
        await funding.getAddress(),
        ethers.parseEther("100000"),
      );
      await funding.connect(project).swap(id, winners[k]);
      expect(await toke.balanceOf(project.address)).to.equal(TOKE(12_500));
    }
    expect(await funding.reactorRequests()).to.deep.equal([...winners]);

    // ---- 7b. The winners' Reactors, through the normal path: a Reactor per requested token,
    // registered by governance with the cycle manager (deployCore's governance is signer 0, the
    // launch's governance too). deployCore also registers its own WETH and USDC Reactors.
    const protocol = await deployCore(conn);
    const baseReactors = (await protocol.manager.reactors()).length;
    const projectReactors = new Map<string, Reactor>();
    for (const token of await funding.reactorRequests()) {
      const reactor = await protocol.deployReactor(token);
      await protocol.manager.connect(governance).addReactor(await reactor.getAddress());
      projectReactors.set(token, reactor);
    }
    expect(projectReactors.size).to.equal(WINNERS);
    expect((await protocol.manager.reactors()).length).to.equal(baseReactors + WINNERS);
    // The launch Treasury received each winner's 100,000 tokens: it deposits 1,000 of each and,
    // at the opening rate of 1, gets 1,000 tAssets (shares = assets x 1e18 / rate).
    const DEPOSIT = ethers.parseEther("1000");
    for (const [token, reactor] of projectReactors) {
      const project = projects[candidateAddrs.indexOf(token)];
      const addr = await reactor.getAddress();
      expect(await protocol.manager.isReactor(addr)).to.equal(true);
      expect(await reactor.asset()).to.equal(token);
      expect(await reactor.paused()).to.equal(false);
      expect(await reactor.rate()).to.equal(RATE_ONE);
      expect(await reactor.maxDeposit(treasury.address)).to.be.greaterThan(DEPOSIT);
      expect(await project.getFunction("balanceOf")(treasury.address)).to.equal(
        ethers.parseEther("100000"),
      );
      await (project.connect(treasury) as Contract).getFunction("approve")(addr, DEPOSIT);
      await reactor.connect(treasury).deposit(DEPOSIT, treasury.address);
      expect(await reactor.balanceOf(treasury.address)).to.equal((DEPOSIT * 10n ** 18n) / RATE_ONE);
      expect(await reactor.totalSupply()).to.equal(DEPOSIT);
      expect(await project.getFunction("balanceOf")(addr)).to.equal(DEPOSIT);
    }
    // No losing candidate got a Reactor: no registered Reactor holds its token as asset.
    const registeredAssets = await Promise.all(
      (await protocol.manager.reactors()).map(async (r) =>
        (await ethers.getContractAt("Reactor", r)).asset(),
      ),
    );
    const losers = candidateAddrs.filter((c) => !winners.includes(c));
    expect(losers.length).to.equal(CANDIDATES - WINNERS);
    for (const loser of losers) expect(registeredAssets).to.not.include(loser);

    // ---- 8. Genesis pools end: wallets convert into tAssets (or withdraw)
    await time.increaseTo(privateUntil);
    await usdcGenesis.connect(outsider).stake(USDC(1_000));
    const tWeth = (await ethers.deployContract("LaunchTestReactor", [
      await weth.getAddress(),
    ])) as unknown as Contract;
    const tUsdc = (await ethers.deployContract("LaunchTestReactor", [
      await usdc.getAddress(),
    ])) as unknown as Contract;
    await ethGenesis.connect(governance).setReactor(await tWeth.getAddress());
    await usdcGenesis.connect(governance).setReactor(await tUsdc.getAddress());
    await time.increaseTo(lockedUntil);
    const rewards: bigint[] = [];
    for (let i = 0; i < WALLETS; ++i) {
      const w = wallets[i];
      const before = await toke.balanceOf(w.address);
      await ethGenesis.connect(w).claimRewards();
      await usdcGenesis.connect(w).claimRewards();
      rewards.push((await toke.balanceOf(w.address)) - before);
      if ((await ethGenesis.balanceOf(w.address)) > 0n)
        await ethGenesis.connect(w).convertToReactor(0n);
      if ((await usdcGenesis.balanceOf(w.address)) > 0n) {
        if (i === 1) await usdcGenesis.connect(w).withdraw(await usdcGenesis.balanceOf(w.address));
        else await usdcGenesis.connect(w).convertToReactor(0n);
      }
    }
    expect(await ethGenesis.totalStaked()).to.equal(0n);
    expect(await usdcGenesis.totalStaked()).to.equal(USDC(1_000)); // the outsider's late stake

    // ---- Outcome
    const plain = { head: [], border: [] };
    const sales = new Table({
      head: [
        "wallet",
        "paid in",
        "committed $",
        "TOKE",
        "sold $",
        "Genesis $",
        "refund $",
        "Genesis rewards",
      ],
      style: plain,
    });
    for (let i = 0; i < WALLETS; ++i) {
      const s = settlements[i];
      const usd = (eth: bigint, u: bigint) => (eth * ETH_PRICE) / 10n ** 18n + u * 10n ** 12n;
      sales.push([
        i,
        i === WALLETS - 1 ? "ETH+USDC" : i % 2 === 0 ? "ETH" : "USDC",
        fmt(commitmentUsd(i), 18, 0),
        fmt(s.toke),
        fmt(usd(s.ethSale, s.usdcSale), 18, 0),
        fmt(usd(s.ethGenesis, s.usdcGenesis), 18, 0),
        fmt(usd(s.ethRefund, s.usdcRefund), 18, 0),
        fmt(rewards[i]),
      ]);
    }
    const core = new Table({
      head: ["candidate", "votes", "result", "TOKE funded", "Reactor"],
      style: plain,
    });
    for (let c = 0; c < CANDIDATES; ++c) {
      const won = winners.includes(candidateAddrs[c]);
      const reactor = projectReactors.get(candidateAddrs[c]);
      core.push([
        `Project ${c}`,
        fmt(tally[c], 18, 0),
        won ? `winner #${winners.indexOf(candidateAddrs[c]) + 1}` : "-",
        won ? "12,500" : "-",
        reactor === undefined
          ? "-"
          : `${await reactor.symbol()} ${(await reactor.getAddress()).slice(0, 10)}`,
      ]);
    }
    console.log(
      `\n      DeGenesis: $2.05M committed against a $1M target at $8 (overflow cap $2M)`,
    );
    console.log(sales.toString());
    console.log(`      CoRE 1: ${WALLETS} voters, ${WINNERS} winners of ${CANDIDATES}`);
    console.log(core.toString());
    console.log(
      `      gas: ${WALLETS} wallets, average commit ${commitGas / 21n}, average claim ${claimGas / BigInt(WALLETS)}`,
    );
  });
});
