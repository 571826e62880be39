import { expect } from "chai";
import { network } from "hardhat";
import {
  approveToke,
  deployDirectors,
  depositTo,
  E18,
  PRICE_POST_INTERVAL,
  rolloverWithPrices,
  venueId,
  type Directors,
} from "../../helpers/directors.js";
import {
  BPS,
  DEFAULT_RATE_CAP_BPS,
  payout,
  share,
  snapshot,
  value,
  type ReactorValues,
} from "../../helpers/emissionModel.js";
import { signDelegation, signVote } from "../../helpers/signatures.js";
import type { Connection } from "../../helpers/core.js";

const SHARES = [5_000n, 3_000n, 2_000n];

async function setup() {
  const conn = await network.create();
  const d = await deployDirectors(conn);
  const WETH = await d.tWeth.getAddress();
  const ids = ["uniswap", "sushiswap", "balancer"].map((l) => venueId(d, l));
  for (const id of ids) await d.venues.allowVenue(WETH, id);
  for (const u of d.users.slice(0, 8)) await approveToke(d, u, await d.staking.getAddress());
  return { conn, d, WETH, ids };
}

/** Active tallies of the first three venue slots of `reactor`. */
async function activeTallies(d: Directors, reactor: string): Promise<bigint[]> {
  const [active] = await d.staking.tallies(reactor);
  return active.slice(0, 3);
}

/** Runs rollovers until `reactor`'s LD side has been paid once (weights fixed a cycle earlier). */
async function rollTimes(conn: Connection, d: Directors, n: number) {
  for (let i = 0; i < n; ++i) await rolloverWithPrices(conn, d);
}

describe("attacks on LD staking, votes and emissions", () => {
  it("late staker: stake made just before the rollover earns nothing of the closing cycle", async () => {
    const { conn, d, WETH } = await setup();
    const [alice, carol, mallory] = d.users;
    await depositTo(d, d.tWeth, alice, 10n * E18);
    await d.staking.connect(carol).stake(WETH, 100n * E18, carol.address);
    await rollTimes(conn, d, 2); // weights for cycle 2 are now fixed (cycle 1 had both sides)
    // Last second of cycle 2: Mallory stakes ten times Carol's stake.
    await conn.networkHelpers.time.increaseTo((await d.manager.cycleEnd()) - 2n);
    await d.staking.connect(mallory).stake(WETH, 1_000n * E18, mallory.address);
    await rolloverWithPrices(conn, d);
    expect(await d.staking.earned(WETH, mallory.address)).to.equal(0n);
    // Carol (alone active in cycle 2) got the whole LD-side reward of tWETH for cycle 2.
    const round = await d.controller.round();
    const s = snapshot(
      new Map([
        ["weth", { a: value(10n * E18, d.params.wethPrice), t: 100n * E18 }],
        ["usdc", { a: 0n, t: 0n }],
      ]),
      0n,
      d.params.floorBps,
    );
    const p = payout(round.budget, s);
    const carolEarned = await d.staking.earned(WETH, carol.address);
    // Up to the accumulator's rounding: under 1 wei per whole TOKE of active stake.
    expect(carolEarned).to.be.lte(p.ld.get("weth")!);
    expect(p.ld.get("weth")! - carolEarned).to.be.lte(101n);
    // Mallory leaves in cycle 3: she gets her stake back and her share of cycle 3 only, the one
    // cycle her stake was active (cycle 3's amount was fixed from cycle 2, when only Carol's
    // 100 counted; Mallory's 1,000 share it through the exit pool).
    await d.staking.connect(mallory).requestUnstake(WETH, 1_000n * E18);
    await rolloverWithPrices(conn, d);
    const ld3 = payout((await d.controller.round()).budget, s).ld.get("weth")!;
    const before = await d.toke.balanceOf(mallory.address);
    await d.staking.connect(mallory).withdraw(WETH, mallory.address);
    expect((await d.toke.balanceOf(mallory.address)) - before).to.equal(1_000n * E18);
    expect(await d.controller.claimable(mallory.address, [], [WETH])).to.equal(
      (ld3 * 1_000n) / 1_100n,
    );
  });

  it("transfer double-claim: moved tAssets and stake never earn twice in a cycle", async () => {
    const { conn, d, WETH } = await setup();
    const [alice, bob, carol, dave] = d.users;
    await depositTo(d, d.tWeth, alice, 10n * E18);
    await d.staking.connect(carol).stake(WETH, 100n * E18, carol.address);
    await rollTimes(conn, d, 2);
    // Cycle 2: Alice earned her LP share up to now; she moves all her tAssets to Bob, Carol
    // moves her stake to Dave, then both try to claim again through the receivers.
    await d.tWeth.connect(alice).transfer(bob.address, 10n * E18);
    await d.staking.connect(carol).transferStake(WETH, dave.address, 100n * E18);
    const undistributedBefore = await d.controller.undistributed();
    await rolloverWithPrices(conn, d);
    // Nobody was active on tWETH in cycle 2 after the transfers: both sides' rewards were
    // carried forward, and neither the senders nor the receivers earned anything for it.
    for (const who of [alice, bob]) expect(await d.tWeth.earnedRewards(who.address)).to.equal(0n);
    for (const who of [carol, dave]) expect(await d.staking.earned(WETH, who.address)).to.equal(0n);
    expect(await d.controller.undistributed()).to.be.gt(undistributedBefore);
    // The receivers are active from cycle 3; cycle 3's weights came from cycle 2 (nobody active),
    // so they are first paid for cycle 4, once.
    await rollTimes(conn, d, 2);
    const bobLp = await d.tWeth.earnedRewards(bob.address);
    const daveLd = await d.staking.earned(WETH, dave.address);
    expect(bobLp).to.be.gt(0n);
    expect(daveLd).to.be.gt(0n);
    expect(await d.tWeth.earnedRewards(alice.address)).to.equal(0n);
    expect(await d.staking.earned(WETH, carol.address)).to.equal(0n);
    const round = await d.controller.round();
    expect(bobLp + daveLd).to.be.lte(round.paid);
    // A second claim pays nothing.
    await d.controller.connect(bob).claim([WETH], [], bob.address);
    await expect(d.controller.connect(bob).claim([WETH], [], bob.address)).to.not.emit(
      d.controller,
      "Claimed",
    );
  });

  it("flash stake and vote: the tallies the rollover reads do not move within the cycle", async () => {
    const { conn, d, WETH, ids } = await setup();
    const [, carol, mallory] = d.users;
    await d.staking.connect(carol).stake(WETH, 100n * E18, carol.address);
    await d.staking.connect(carol).vote(WETH, ids, SHARES);
    await rolloverWithPrices(conn, d);
    const before = await activeTallies(d, WETH);
    expect(before).to.deep.equal(SHARES.map((s) => 100n * E18 * s));
    const attacker = await d.ethers.deployContract("TestFlashVoter");
    await d.toke.connect(mallory).transfer(await attacker.getAddress(), 50_000n * E18);
    await attacker.attack(await d.staking.getAddress(), WETH, 50_000n * E18, [ids[2]], [10_000n]);
    // Seen in the same transaction, and after it: unchanged.
    for (let i = 0; i < 3; ++i) expect(await attacker.seen(i)).to.equal(before[i]);
    expect(await activeTallies(d, WETH)).to.deep.equal(before);
    // The attacker's stake never becomes active, so it never votes.
    await rolloverWithPrices(conn, d);
    expect(await activeTallies(d, WETH)).to.deep.equal(before);
    expect((await d.staking.votingPower(WETH, await attacker.getAddress())).active).to.equal(0n);
  });

  it("over-vote and disallowed venues are refused", async () => {
    const { d, WETH, ids } = await setup();
    const [, carol] = d.users;
    await d.staking.connect(carol).stake(WETH, 100n * E18, carol.address);
    await expect(d.staking.connect(carol).vote(WETH, ids, [5_000n, 3_000n, 2_001n]))
      .to.be.revertedWithCustomError(d.venues, "VenueRegistryOverVote")
      .withArgs(10_001n);
    await expect(d.staking.connect(carol).vote(WETH, [ids[0], ids[0]], [1_000n, 1_000n]))
      .to.be.revertedWithCustomError(d.venues, "VenueRegistryBadShare")
      .withArgs(ids[0], 1_000n);
    await expect(d.staking.connect(carol).vote(WETH, [ids[0]], [0n]))
      .to.be.revertedWithCustomError(d.venues, "VenueRegistryBadShare")
      .withArgs(ids[0], 0n);
    const curve = venueId(d, "curve");
    await expect(d.staking.connect(carol).vote(WETH, [curve], [1_000n]))
      .to.be.revertedWithCustomError(d.venues, "VenueRegistryVenueNotAllowed")
      .withArgs(WETH, curve);
    // A venue allowed on another Reactor only is not allowed here.
    const USDCR = await d.tUsdc.getAddress();
    await d.venues.allowVenue(USDCR, curve);
    await expect(
      d.staking.connect(carol).vote(WETH, [curve], [1_000n]),
    ).to.be.revertedWithCustomError(d.venues, "VenueRegistryVenueNotAllowed");
    // A disallowed venue cannot be voted for any more; allowed again, it keeps its slot.
    await d.venues.disallowVenue(WETH, ids[1]);
    await expect(d.staking.connect(carol).vote(WETH, [ids[1]], [1_000n]))
      .to.be.revertedWithCustomError(d.venues, "VenueRegistryVenueNotAllowed")
      .withArgs(WETH, ids[1]);
    await d.venues.allowVenue(WETH, ids[1]);
    expect((await d.venues.slotOf(WETH, ids[1])).slot).to.equal(1n);
    await expect(d.staking.connect(carol).vote(WETH, ids, SHARES)).to.emit(d.staking, "VoteCast");
  });

  it("delegation never counts stake twice, is not transitive, and moves with re-delegation", async () => {
    const { conn, d, WETH, ids } = await setup();
    const [, alice, bob, carol] = d.users;
    await d.staking.connect(alice).stake(WETH, 100n * E18, alice.address);
    await d.staking.connect(bob).stake(WETH, 40n * E18, bob.address);
    await d.staking.connect(alice).vote(WETH, [ids[0]], [10_000n]);
    await d.staking.connect(bob).vote(WETH, [ids[1]], [10_000n]);
    await d.staking.connect(carol).vote(WETH, [ids[2]], [10_000n]);
    await rolloverWithPrices(conn, d);
    expect(await activeTallies(d, WETH)).to.deep.equal([
      100n * E18 * 10_000n,
      40n * E18 * 10_000n,
      0n,
    ]);

    // Alice delegates to Bob: her 100 now follow Bob's vote, once.
    await d.staking.connect(alice).delegate(WETH, bob.address);
    expect(await activeTallies(d, WETH)).to.deep.equal([0n, 140n * E18 * 10_000n, 0n]);
    // Alice re-votes herself: her own vote directs nothing while she has delegated.
    await d.staking.connect(alice).vote(WETH, [ids[0]], [10_000n]);
    expect(await activeTallies(d, WETH)).to.deep.equal([0n, 140n * E18 * 10_000n, 0n]);
    // Bob delegates to Carol: only Bob's own 40 move (not Alice's 100: no chains).
    await d.staking.connect(bob).delegate(WETH, carol.address);
    expect(await activeTallies(d, WETH)).to.deep.equal([
      0n,
      100n * E18 * 10_000n,
      40n * E18 * 10_000n,
    ]);
    // Alice re-delegates to Carol, then takes her vote back.
    await d.staking.connect(alice).delegate(WETH, carol.address);
    expect(await activeTallies(d, WETH)).to.deep.equal([0n, 0n, 140n * E18 * 10_000n]);
    await d.staking.connect(alice).delegate(WETH, alice.address);
    expect(await activeTallies(d, WETH)).to.deep.equal([
      100n * E18 * 10_000n,
      0n,
      40n * E18 * 10_000n,
    ]);
    expect((await d.staking.votingPower(WETH, carol.address)).active).to.equal(40n * E18);
    // The tallies never exceed the active stake.
    const total = (await activeTallies(d, WETH)).reduce((a, b) => a + b, 0n);
    expect(total).to.be.lte((await d.staking.totalStake(WETH)).active * 10_000n);
  });

  it("signed votes cannot be replayed: same payload twice, other chain id, other contract", async () => {
    const { conn, d, WETH, ids } = await setup();
    const [, carol, relayer] = d.users;
    await d.staking.connect(carol).stake(WETH, 100n * E18, carol.address);
    const deadline = BigInt(await conn.networkHelpers.time.latest()) + 3_600n;
    const message = {
      voter: carol.address,
      reactor: WETH,
      venues: ids,
      shares: SHARES,
      nonce: 0n,
      deadline,
    };
    const sig = await signVote(carol, d.relay, message);
    await expect(
      d.relay.connect(relayer).voteBySig(carol.address, WETH, ids, SHARES, 0n, deadline, sig),
    )
      .to.emit(d.staking, "VoteCast")
      .withArgs(WETH, carol.address, 5_000n | (3_000n << 16n) | (2_000n << 32n));
    // Same payload again: the nonce was used.
    await expect(
      d.relay.connect(relayer).voteBySig(carol.address, WETH, ids, SHARES, 0n, deadline, sig),
    )
      .to.be.revertedWithCustomError(d.relay, "InvalidAccountNonce")
      .withArgs(carol.address, 1n);
    // Signed for another chain id, or for another relay: not Carol's signature here.
    const other = { ...message, nonce: 1n };
    const otherChain = await signVote(carol, d.relay, other, { chainId: 999n });
    await expect(d.relay.voteBySig(carol.address, WETH, ids, SHARES, 1n, deadline, otherChain))
      .to.be.revertedWithCustomError(d.relay, "LDVoteRelayInvalidSignature")
      .withArgs(carol.address);
    const otherStaking = await d.ethers.deployContract("LDStaking", [
      await d.roles.getAddress(),
      await d.toke.getAddress(),
      await d.manager.getAddress(),
      await d.venues.getAddress(),
    ]);
    const otherRelay = await otherStaking.getFunction("relay")();
    const otherContract = await signVote(carol, d.relay, other, { verifyingContract: otherRelay });
    await expect(d.relay.voteBySig(carol.address, WETH, ids, SHARES, 1n, deadline, otherContract))
      .to.be.revertedWithCustomError(d.relay, "LDVoteRelayInvalidSignature")
      .withArgs(carol.address);
    // Changed payload under a valid signature, and an expired one.
    const good = await signVote(carol, d.relay, other);
    await expect(
      d.relay.voteBySig(carol.address, WETH, ids, [5_000n, 3_000n, 1_000n], 1n, deadline, good),
    ).to.be.revertedWithCustomError(d.relay, "LDVoteRelayInvalidSignature");
    await conn.networkHelpers.time.increaseTo(deadline + 1n);
    await expect(d.relay.voteBySig(carol.address, WETH, ids, SHARES, 1n, deadline, good))
      .to.be.revertedWithCustomError(d.relay, "LDVoteRelayExpiredSignature")
      .withArgs(deadline);
    // A burnt nonce voids a signature made with it.
    const later = BigInt(await conn.networkHelpers.time.latest()) + 3_600n;
    const pending = await signVote(carol, d.relay, { ...other, deadline: later });
    await expect(d.relay.connect(carol).useNonce())
      .to.emit(d.relay, "NonceUsed")
      .withArgs(carol.address, 1n);
    await expect(
      d.relay.voteBySig(carol.address, WETH, ids, SHARES, 1n, later, pending),
    ).to.be.revertedWithCustomError(d.relay, "InvalidAccountNonce");
  });

  it("signed delegation and ERC-1271 wallets; delegation replay refused", async () => {
    const { conn, d, WETH, ids } = await setup();
    const [, owner, bob, relayer] = d.users;
    const wallet = await d.ethers.deployContract("TestERC1271Wallet", [owner.address]);
    const walletAddress = await wallet.getAddress();
    await d.toke.connect(owner).transfer(walletAddress, 10n * E18);
    // The wallet's stake is paid by its owner on its behalf.
    await d.staking.connect(owner).stake(WETH, 50n * E18, walletAddress);
    const deadline = BigInt(await conn.networkHelpers.time.latest()) + 3_600n;
    const voteSig = await signVote(owner, d.relay, {
      voter: walletAddress,
      reactor: WETH,
      venues: [ids[0]],
      shares: [10_000n],
      nonce: 0n,
      deadline,
    });
    await d.relay
      .connect(relayer)
      .voteBySig(walletAddress, WETH, [ids[0]], [10_000n], 0n, deadline, voteSig);
    expect(await d.staking.sharesOf(WETH, walletAddress)).to.equal(10_000n);
    // Someone else's key does not sign for the wallet.
    const forged = await signVote(bob, d.relay, {
      voter: walletAddress,
      reactor: WETH,
      venues: [ids[1]],
      shares: [10_000n],
      nonce: 1n,
      deadline,
    });
    await expect(d.relay.voteBySig(walletAddress, WETH, [ids[1]], [10_000n], 1n, deadline, forged))
      .to.be.revertedWithCustomError(d.relay, "LDVoteRelayInvalidSignature")
      .withArgs(walletAddress);
    // Signed delegation from the wallet to Bob, relayed once.
    const delSig = await signDelegation(owner, d.relay, {
      delegator: walletAddress,
      reactor: WETH,
      delegatee: bob.address,
      nonce: 1n,
      deadline,
    });
    await expect(d.relay.delegateBySig(walletAddress, WETH, bob.address, 1n, deadline, delSig))
      .to.emit(d.staking, "DelegateChanged")
      .withArgs(WETH, walletAddress, walletAddress, bob.address);
    expect(await d.staking.delegateOf(WETH, walletAddress)).to.equal(bob.address);
    expect((await d.staking.votingPower(WETH, bob.address)).next).to.equal(50n * E18);
    await expect(
      d.relay.delegateBySig(walletAddress, WETH, bob.address, 1n, deadline, delSig),
    ).to.be.revertedWithCustomError(d.relay, "InvalidAccountNonce");
    // Only the relay may vote or delegate for someone else.
    await expect(d.staking.connect(bob).voteFor(walletAddress, WETH, [], []))
      .to.be.revertedWithCustomError(d.staking, "LDStakingOnlyRelay")
      .withArgs(bob.address);
    await expect(d.staking.connect(bob).delegateFor(walletAddress, WETH, bob.address))
      .to.be.revertedWithCustomError(d.staking, "LDStakingOnlyRelay")
      .withArgs(bob.address);
  });

  it("emissions with nobody eligible are carried forward, never lost", async () => {
    const { conn, d, WETH } = await setup();
    const [alice, carol] = d.users;
    const E = d.params.emissionPerCycle;
    // Rounds 0 and 1 with no balances at all: the whole draw is carried.
    await rollTimes(conn, d, 2);
    expect(await d.controller.totalDrawn()).to.equal(2n * E);
    expect(await d.controller.undistributed()).to.equal(2n * E);
    // Cycle 2: an LP and an LD join (pending); round 2 and 3 still have zero weights.
    await d.staking.connect(carol).stake(WETH, 100n * E18, carol.address);
    await depositTo(d, d.tWeth, alice, E18);
    await rollTimes(conn, d, 2);
    expect(await d.controller.undistributed()).to.equal(4n * E);
    // Cycle 4: both ask to leave; their units still count in cycle 4, so round 4 pays them and
    // its weights make round 5 pay tWETH too.
    await d.staking.connect(carol).requestUnstake(WETH, 100n * E18);
    await d.tWeth.connect(alice).requestRedeem(E18, alice.address, alice.address);
    await rolloverWithPrices(conn, d);
    const paid4 = (await d.controller.round()).paid;
    expect(paid4).to.be.gt(0n);
    // Cycle 5: both left, so nobody is eligible on tWETH when round 5 books its share.
    await d.tWeth.connect(alice).redeem(E18, alice.address, alice.address);
    await d.staking.connect(carol).withdraw(WETH, carol.address);
    const before = await d.controller.undistributed();
    const from = await d.ethers.provider.getBlockNumber();
    await rolloverWithPrices(conn, d);
    const carried = await d.controller.queryFilter(d.controller.filters.RewardCarried(), from + 1);
    expect(carried.map((e) => e.args.reactor)).to.include(WETH);
    const round5 = await d.controller.round();
    expect(round5.paid).to.be.gt(0n);
    // All of round 5 came back: undistributed grew by exactly the new draw.
    expect(await d.controller.undistributed()).to.equal(before + E);
    // Conservation: what was drawn is claimable, undistributed, or accumulator dust.
    const claimable =
      (await d.controller.claimable(alice.address, [WETH], [])) +
      (await d.controller.claimable(carol.address, [], [WETH]));
    const drawn = await d.controller.totalDrawn();
    expect(drawn).to.equal(6n * E);
    expect(claimable + (await d.controller.undistributed())).to.be.lte(drawn);
    expect(drawn - claimable - (await d.controller.undistributed())).to.be.lte(1_000n);
    expect(claimable).to.be.gte(paid4 - 1_000n);
  });

  it("claims for a forged Reactor are refused", async () => {
    const { d } = await setup();
    const [alice] = d.users;
    const fake = await d.ethers.deployContract("MockEmissionHook");
    await expect(d.controller.connect(alice).claim([await fake.getAddress()], [], alice.address))
      .to.be.revertedWithCustomError(d.controller, "EmissionControllerUnknownReactor")
      .withArgs(await fake.getAddress());
  });

  it("dust stake (issue 19): 1 wei staked on an unstaked Reactor in the last 2 seconds earns < 1 TOKE over 3 cycles", async () => {
    const { conn, d, WETH } = await setup();
    const [alice, bob, carol, mallory] = d.users;
    const USDCR = await d.tUsdc.getAddress();
    // tWETH: 10 WETH (1,000 TOKE) and 100 TOKE of honest stake; tUSDC: 2,000 USDC, no stake.
    await depositTo(d, d.tWeth, alice, 10n * E18);
    await depositTo(d, d.tUsdc, bob, 2_000n * 10n ** 6n);
    await d.staking.connect(carol).stake(WETH, 100n * E18, carol.address);
    await rolloverWithPrices(conn, d);
    await conn.networkHelpers.time.increaseTo((await d.manager.cycleEnd()) - 2n);
    await d.staking.connect(mallory).stake(USDCR, 1n, mallory.address);
    await rolloverWithPrices(conn, d);
    // The model: weights of cycle c from cycle c - 1's values.
    const a = value(10n * E18, d.params.wethPrice);
    const aUsdc = value(2_000n * 10n ** 6n, d.params.usdcPrice);
    const valuesIn = (usdcStake: bigint): Map<string, ReactorValues> =>
      new Map([
        ["weth", { a, t: 100n * E18 }],
        ["usdc", { a: aUsdc, t: usdcStake }],
      ]);
    let mallorySum = 0n;
    let carolSum = 0n;
    for (let i = 0; i < 3; ++i) {
      await rolloverWithPrices(conn, d);
      const round = await d.controller.round();
      // Cycle 2's weights come from cycle 1 (no stake on tUSDC), later ones from 1 wei.
      const p = payout(round.budget, snapshot(valuesIn(i === 0 ? 0n : 1n), 0n, d.params.floorBps));
      mallorySum += p.ld.get("usdc")!;
      carolSum += p.ld.get("weth")!;
      console.log(
        `      round ${round.cycle}: budget ${round.budget / E18} TOKE; tUSDC LD side ${p.ld.get("usdc")} wei, tWETH LD side ${p.ld.get("weth")! / E18} TOKE`,
      );
    }
    const malloryEarned = await d.staking.earned(USDCR, mallory.address);
    const carolEarned = await d.staking.earned(WETH, carol.address);
    console.log(
      `      over 3 cycles: 1-wei staker ${malloryEarned} wei; 100 honest TOKE ${carolEarned / E18} TOKE (${carolEarned} wei)`,
    );
    // One wei of stake holds one unit: the accumulator gives it its side's reward exactly.
    expect(malloryEarned).to.equal(mallorySum);
    expect(malloryEarned).to.be.lt(E18);
    expect(carolEarned).to.be.lte(carolSum);
    expect(carolSum - carolEarned).to.be.lte(3n * 101n);
  });

  it("LD rate cap: a Reactor whose stake left after its weights were fixed pays at most K x the average rate per TOKE", async () => {
    const { conn, d, WETH } = await setup();
    const [alice, bob, carol, dave, mallory] = d.users;
    const USDCR = await d.tUsdc.getAddress();
    await depositTo(d, d.tWeth, alice, 10n * E18);
    await depositTo(d, d.tUsdc, bob, 2_000n * 10n ** 6n);
    await d.staking.connect(carol).stake(WETH, 100n * E18, carol.address);
    await d.staking.connect(dave).stake(USDCR, 100n * E18, dave.address);
    await rollTimes(conn, d, 2);
    // Cycle 2: Dave asks to leave (his 100 still count in cycle 2, so they weigh in cycle 3's
    // weights) and Mallory stakes 1 wei, the only tUSDC stake active in cycle 3.
    await d.staking.connect(dave).requestUnstake(USDCR, 100n * E18);
    await d.staking.connect(mallory).stake(USDCR, 1n, mallory.address);
    await rolloverWithPrices(conn, d);
    const undistributedBefore = await d.controller.undistributed();
    const from = await d.ethers.provider.getBlockNumber();
    await rolloverWithPrices(conn, d);
    const round = await d.controller.round();
    const values = new Map([
      ["weth", { a: value(10n * E18, d.params.wethPrice), t: 100n * E18 }],
      ["usdc", { a: value(2_000n * 10n ** 6n, d.params.usdcPrice), t: 100n * E18 }],
    ]);
    const s = snapshot(values, 0n, d.params.floorBps);
    const p = payout(round.budget, s, {
      stakeInCycle: new Map([
        ["weth", 100n * E18],
        ["usdc", 1n],
      ]),
    });
    const uncapped = payout(round.budget, s).ld.get("usdc")!;
    const earned = await d.staking.earned(USDCR, mallory.address);
    // The bound: reward per TOKE <= K x the round's average LD rate, ldTotal / (S + P).
    const ldTotal = share(round.budget, s.ldTotal, s.total);
    const bound = (ldTotal * DEFAULT_RATE_CAP_BPS * 1n) / (BPS * s.stakeSum);
    console.log(
      `      tUSDC LD side ${uncapped / E18} TOKE for 1 wei; paid ${earned} wei (bound K x avg x 1 wei = ${bound} wei), carried ${p.capped.get("usdc")! / E18} TOKE`,
    );
    expect(earned).to.equal(p.ld.get("usdc")!);
    expect(earned).to.be.lte(bound);
    expect(p.capped.get("usdc")!).to.be.gt(0n);
    const carried = await d.controller.queryFilter(d.controller.filters.RewardCarried(), from + 1);
    expect(
      carried.some((e) => e.args.reactor === USDCR && e.args.amount === p.capped.get("usdc")),
    ).to.equal(true);
    expect(await d.controller.undistributed()).to.be.gte(undistributedBefore);
  });

  it("removed Reactor (issue 19): stake refused; a request withdrawn at once leaves its exit pool, so nothing is stranded", async () => {
    const { conn, d } = await setup();
    const [alice, carol] = d.users;
    const asset = await d.ethers.deployContract("TestERC20", ["Gone", "GONE", 18]);
    const A = await asset.getAddress();
    const reactor = await d.deployReactor(A);
    const R = await reactor.getAddress();
    await reactor.setRewardsDistributor(await d.controller.getAddress());
    await d.manager.addReactor(R);
    await d.staking.listReactor(R);
    await d.staking.connect(alice).stake(R, 10n * E18, alice.address);
    await d.staking.connect(carol).stake(R, 10n * E18, carol.address);
    await d.feed.setPrice(A, E18);
    await rolloverWithPrices(conn, d);
    await d.feed.setPrice(A, E18);
    await rolloverWithPrices(conn, d); // cycle 2's weights: 20 TOKE on R
    await d.manager.removeReactor(R);
    await expect(d.staking.connect(alice).stake(R, 1n, alice.address))
      .to.be.revertedWithCustomError(d.staking, "LDStakingBadReactor")
      .withArgs(R);
    // Both ask to leave while it is removed; Alice withdraws at once.
    await d.staking.connect(alice).requestUnstake(R, 10n * E18);
    await d.staking.connect(carol).requestUnstake(R, 10n * E18);
    await d.staking.connect(alice).withdraw(R, alice.address);
    // Added back in the same cycle: it is paid for cycle 2 with the weights fixed from cycle 1.
    await d.manager.addReactor(R);
    await d.feed.setPrice(A, E18);
    await rolloverWithPrices(conn, d);
    const round = await d.controller.round();
    // Only R has weight (F x 20 TOKE, all on the LD side, no pooled TOKE): the whole budget is
    // its LDs', and Carol's request is all that is left in the cycle's exit pool.
    const w = (d.params.floorBps * 20n * E18) / BPS;
    const ld = share(round.budget, w, w);
    const carolReward = await d.staking.earned(R, carol.address);
    console.log(
      `      budget ${round.budget / E18} TOKE; Carol's exit reward ${carolReward} wei; Alice (withdrawn) ${await d.staking.earned(R, alice.address)} wei`,
    );
    expect(carolReward).to.equal(ld);
    expect(await d.staking.earned(R, alice.address)).to.equal(0n);
    await d.staking.connect(carol).withdraw(R, carol.address);
    expect(await d.controller.claimable(carol.address, [], [R])).to.equal(ld);
  });

  it("price posts in one block (issue 19): the interval floor stops (1 + dev)^n, one post per 15 minutes", async () => {
    const { conn, d } = await setup();
    const weth = await d.weth.getAddress();
    const start = (await d.feed.priceData(weth)).price;
    const dev = await d.feed.maxDeviationBps();
    await conn.networkHelpers.time.increase(PRICE_POST_INTERVAL);
    // Five posts of +dev each, all in one block.
    const posts = 5;
    await d.ethers.provider.send("evm_setAutomine", [false]);
    const sent = [];
    let next = start;
    for (let i = 0; i < posts; ++i) {
      next = (next * (BPS + dev)) / BPS;
      sent.push(await d.feed.connect(d.keeper).postPrice(weth, next, { gasLimit: 200_000 }));
    }
    await conn.networkHelpers.mine();
    await d.ethers.provider.send("evm_setAutomine", [true]);
    const statuses = await Promise.all(
      sent.map((tx) =>
        tx.wait().then(
          (r) => r?.status ?? 0,
          () => 0,
        ),
      ),
    );
    const end = (await d.feed.priceData(weth)).price;
    console.log(
      `      ${posts} posts of +${Number(dev) / 100}% in one block: ${statuses.filter((x) => x === 1).length} landed; price ${start / E18} -> ${end / E18} TOKE (unbounded: ${next / E18})`,
    );
    expect(statuses).to.deep.equal([1, 0, 0, 0, 0]);
    expect(end).to.equal((start * (BPS + dev)) / BPS);
  });
});
