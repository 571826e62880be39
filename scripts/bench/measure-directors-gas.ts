import type { Connection } from "../../test/helpers/core.js";
import { gasOf } from "../../test/helpers/core.js";
import {
  approveToke,
  deployDirectors,
  depositTo,
  E18,
  rolloverWithPrices,
  venueId,
} from "../../test/helpers/directors.js";
import { signDelegation, signVote } from "../../test/helpers/signatures.js";
import type { Contract } from "ethers";
import type { Reactor } from "../../typechain-types/index.js";
import type { GasRow } from "./measure-gas.js";

/** Extra Reactors (18-decimal test assets) used to measure a rollover chunk's cost per Reactor. */
const EXTRA_REACTORS = 5;

/**
 * Measures LD staking, votes, delegation, claims and the rollover with emissions on a fresh
 * Hardhat chain (receipts' gasUsed). "first" = the account's first time, "warm" = again.
 */
export async function measureDirectorsGas(conn: Connection): Promise<GasRow[]> {
  const d = await deployDirectors(conn);
  const { staking, relay, venues, controller, manager, feed, keeper, tWeth, tUsdc, users, ethers } =
    d;
  const [alice, bob, carol, dave, erin, frank] = users;
  const WETH = await tWeth.getAddress();
  const USDCR = await tUsdc.getAddress();
  const stakingAddress = await staking.getAddress();
  for (const u of [alice, bob, carol, dave, erin, frank]) await approveToke(d, u, stakingAddress);
  const ids = ["uniswap", "sushiswap", "balancer"].map((l) => venueId(d, l));
  for (const id of ids) await venues.allowVenue(WETH, id);
  const shares = [5_000n, 3_000n, 2_000n];

  // Extra Reactors, each with an LP and an LD, priced 1:1.
  const extras: { reactor: Reactor; asset: Contract }[] = [];
  for (let i = 0; i < EXTRA_REACTORS; ++i) {
    const asset = await ethers.deployContract("TestERC20", [`Asset ${i}`, `A${i}`, 18]);
    const reactor = await d.deployReactor(await asset.getAddress());
    await manager.addReactor(await reactor.getAddress());
    await reactor.setRewardsDistributor(await controller.getAddress());
    await staking.listReactor(await reactor.getAddress());
    await feed.setPrice(await asset.getAddress(), E18);
    await asset.mint(erin.address, 100n * E18);
    await (asset.connect(erin) as Contract).approve(await reactor.getAddress(), 100n * E18);
    await reactor.connect(erin).deposit(100n * E18, erin.address);
    await staking.connect(erin).stake(await reactor.getAddress(), 100n * E18, erin.address);
    extras.push({ reactor, asset });
  }
  // WETH and USDC are re-posted by rolloverWithPrices (a price is posted at most once per
  // `minPostInterval`).
  const prices = await Promise.all(extras.map((e) => e.asset.getAddress()));
  const refreshPrices = async () => {
    for (const a of prices)
      await feed.connect(keeper).postPrice(a, (await feed.priceData(a)).price);
  };
  const roll = async () => {
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await refreshPrices();
    await rolloverWithPrices(conn, d);
  };

  const rows: GasRow[] = [];
  const add = (operation: string, gasUsed: bigint, target: bigint | null) =>
    rows.push({ operation, gasUsed, target });

  // Cycle 0: LPs and LDs join.
  await depositTo(d, tWeth, erin, 10n * E18);
  await depositTo(d, tUsdc, erin, 1_000n * 10n ** 6n);
  await depositTo(d, d.tToke, erin, 100n * E18);
  await staking.connect(bob).stake(WETH, 100n * E18, bob.address);
  await staking.connect(erin).stake(WETH, 100n * E18, erin.address);
  add(
    "stake (first for the account)",
    await gasOf(staking.connect(alice).stake(WETH, 100n * E18, alice.address)),
    null,
  );
  add(
    "stake (again, no vote)",
    await gasOf(staking.connect(alice).stake(WETH, 100n * E18, alice.address)),
    70_000n,
  );
  add(
    "vote 3 venues (first voter: tallies from zero)",
    await gasOf(staking.connect(alice).vote(WETH, ids, shares)),
    null,
  );
  add(
    "vote 3 venues (change)",
    await gasOf(staking.connect(alice).vote(WETH, ids, [2_000n, 3_000n, 5_000n])),
    90_000n,
  );
  add(
    "stake (again, voting on 3 venues)",
    await gasOf(staking.connect(alice).stake(WETH, 100n * E18, alice.address)),
    null,
  );
  await staking.connect(dave).stake(WETH, 100n * E18, dave.address);
  add(
    "vote 3 venues (new voter)",
    await gasOf(staking.connect(dave).vote(WETH, ids, shares)),
    90_000n,
  );
  await staking.connect(carol).stake(WETH, 100n * E18, carol.address);
  const deadline = BigInt(await conn.networkHelpers.time.latest()) + 3_600n;
  const sig = await signVote(carol, relay, {
    voter: carol.address,
    reactor: WETH,
    venues: ids,
    shares,
    nonce: 0n,
    deadline,
  });
  add(
    "voteBySig 3 venues (new voter, relayed)",
    await gasOf(
      relay.connect(frank).voteBySig(carol.address, WETH, ids, shares, 0n, deadline, sig),
    ),
    null,
  );
  add(
    "delegate (stake to a voter)",
    await gasOf(staking.connect(bob).delegate(WETH, alice.address)),
    null,
  );
  await staking.connect(frank).stake(WETH, 100n * E18, frank.address);
  const dsig = await signDelegation(frank, relay, {
    delegator: frank.address,
    reactor: WETH,
    delegatee: alice.address,
    nonce: 0n,
    deadline,
  });
  add(
    "delegateBySig (relayed)",
    await gasOf(
      relay.connect(dave).delegateBySig(frank.address, WETH, alice.address, 0n, deadline, dsig),
    ),
    null,
  );

  // Rollovers. Settlement order: tWETH, tUSDC, tTOKE, then the extra Reactors.
  await roll();
  await roll();
  const measureRollover = async (label: string) => {
    await conn.networkHelpers.time.increaseTo(await manager.cycleEnd());
    await refreshPrices();
    await manager.startRollover();
    add(
      `${label}: processReactors(3) core Reactors, first chunk`,
      await gasOf(manager.processReactors(3)),
      null,
    );
    const one = await gasOf(manager.processReactors(1));
    add(`${label}: processReactors(1) extra Reactor`, one, null);
    const more = await gasOf(manager.processReactors(EXTRA_REACTORS - 1));
    add(`${label}: processReactors(${EXTRA_REACTORS - 1}) extra Reactors`, more, null);
    add(
      `${label}: per Reactor in a chunk (marginal)`,
      (more - one) / BigInt(EXTRA_REACTORS - 2),
      45_000n,
    );
    await manager.completeRollover();
  };
  await measureRollover("quiet cycle");
  for (const e of extras) {
    await e.asset.mint(frank.address, E18);
    await (e.asset.connect(frank) as Contract).approve(await e.reactor.getAddress(), E18);
    await e.reactor.connect(frank).deposit(E18, frank.address);
    await staking.connect(frank).stake(await e.reactor.getAddress(), E18, frank.address);
  }
  await measureRollover("new deposits and stake pending on every Reactor");

  // Unstaking.
  add(
    "requestUnstake (first of the cycle)",
    await gasOf(staking.connect(bob).requestUnstake(WETH, 10n * E18)),
    null,
  );
  add(
    "requestUnstake (second account)",
    await gasOf(staking.connect(dave).requestUnstake(WETH, 10n * E18)),
    null,
  );
  await roll();
  add(
    "withdraw (matured request)",
    await gasOf(staking.connect(bob).withdraw(WETH, bob.address)),
    null,
  );

  // Claims: a first claim writes the holder's reward checkpoint; then after 1 and after 20 cycles.
  await controller.connect(erin).claim([WETH], [], erin.address);
  await controller.connect(carol).claim([], [WETH], carol.address);
  await roll();
  add(
    "claim LP side, 1 Reactor, after 1 cycle",
    await gasOf(controller.connect(erin).claim([WETH], [], erin.address)),
    60_000n,
  );
  add(
    "claim LD side, 1 Reactor, after 1 cycle",
    await gasOf(controller.connect(carol).claim([], [WETH], carol.address)),
    60_000n,
  );
  for (let i = 0; i < 20; ++i) await roll();
  add(
    "claim LP side, 1 Reactor, after 20 cycles",
    await gasOf(controller.connect(erin).claim([WETH], [], erin.address)),
    60_000n,
  );
  add(
    "claim LD side, 1 Reactor, after 20 cycles",
    await gasOf(controller.connect(carol).claim([], [WETH], carol.address)),
    60_000n,
  );
  await roll();
  add(
    "claim LP + LD sides, 1 Reactor",
    await gasOf(controller.connect(erin).claim([WETH], [WETH], erin.address)),
    null,
  );
  await roll();
  add(
    "claim LP on 3 + LD on 1 Reactors",
    await gasOf(
      controller
        .connect(erin)
        .claim([WETH, USDCR, await d.tToke.getAddress()], [WETH], erin.address),
    ),
    null,
  );
  await roll();
  add(
    "claimAndStake LD side, 1 Reactor",
    await gasOf(controller.connect(carol).claimAndStake([], [WETH], WETH)),
    null,
  );
  return rows;
}
