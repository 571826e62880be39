import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkHelpers } from "@nomicfoundation/hardhat-network-helpers/types";
import { encodeBytes32String } from "ethers";
import {
  BALANCER_ONE,
  createWeightedPool,
  joinWeightedPool,
  type WeightedPoolHandle,
} from "../../scripts/lib/balancer.js";
import type { Erc20, V2Pair } from "../../scripts/lib/dex-types.js";
import { deployDexWorld, type DexWorld } from "../../scripts/lib/dex-world.js";
import { addV2Liquidity } from "../../scripts/lib/v2.js";
import type {
  BalancerV2WeightedAdapter,
  CycleManager,
  EmissionController,
  LDStaking,
  LiquidityAllocator,
  ProtocolRoles,
  Reactor,
  Toke,
  Treasury,
  TwapOracle,
  UniswapV2StyleAdapter,
  VenueRegistry,
} from "../../typechain-types/index.js";
import type { TestERC20 } from "./test-contracts.js";
import { E18 } from "./dex-fixture.js";

/** One cycle: a week. */
export const CYCLE_SECONDS = 7n * 24n * 3600n;
/** The keeper records a TWAP observation this long before each rollover. */
export const ORACLE_POKE_LEAD = 3600n;
export const MIN_WINDOW = 30n * 60n;
export const MAX_WINDOW = 2n * 24n * 3600n;
export const MAX_FEED_AGE = 24n * 3600n;
/** Governance's slippage allowance and smallest move. */
export const MAX_SLIPPAGE_BPS = 100n;
export const MIN_MOVE_BPS = 100n;
export const E6 = 10n ** 6n;

export const VENUES = {
  uniswap: encodeBytes32String("UNISWAP_V2"),
  sushiswap: encodeBytes32String("SUSHISWAP"),
  balancer: encodeBytes32String("BALANCER_V2"),
} as const;
export type VenueName = keyof typeof VENUES;
export const VENUE_NAMES = Object.keys(VENUES) as VenueName[];

/**
 * Pools seeded per venue (same price everywhere): TKA at 0.002 WETH, TKB at 0.01 WETH, TKC at
 * 2 USDC; TOKE at 0.01 WETH and 20 USDC (Uniswap only: it prices slashes).
 */
export const SEEDS = {
  TKA: { token: 250_000n * E18, base: 500n * E18 },
  TKB: { token: 50_000n * E18, base: 500n * E18 },
  TKC: { token: 250_000n * E18, base: 500_000n * E6 },
} as const;
export type TokenName = keyof typeof SEEDS;
export const TOKEN_NAMES = Object.keys(SEEDS) as TokenName[];

export interface Pair {
  readonly name: TokenName;
  readonly token: TestERC20;
  readonly base: Erc20;
  readonly tokenAddress: string;
  readonly baseAddress: string;
  readonly reactor: Reactor;
  readonly baseReactor: Reactor;
  readonly uniswapPair: V2Pair;
  readonly sushiPair: V2Pair;
  readonly balancerPool: WeightedPoolHandle;
}

export interface Protocol {
  readonly ethers: HardhatEthers;
  readonly networkHelpers: NetworkHelpers;
  readonly world: DexWorld;
  readonly governance: HardhatEthersSigner;
  readonly guardian: HardhatEthersSigner;
  readonly keeper: HardhatEthersSigner;
  readonly lp: HardhatEthersSigner;
  readonly trader: HardhatEthersSigner;
  /** The liquidity director whose stake (1,000 TOKE per token Reactor) carries the votes. */
  readonly ld: HardhatEthersSigner;
  readonly users: HardhatEthersSigner[];
  readonly roles: ProtocolRoles;
  readonly manager: CycleManager;
  readonly treasury: Treasury;
  readonly oracle: TwapOracle;
  readonly allocator: LiquidityAllocator;
  readonly staking: LDStaking;
  readonly venueRegistry: VenueRegistry;
  readonly emissions: EmissionController;
  readonly toke: Toke;
  readonly usdc: TestERC20;
  readonly tWeth: Reactor;
  readonly tUsdc: Reactor;
  readonly pairs: Record<TokenName, Pair>;
  readonly adapters: {
    uniswap: UniswapV2StyleAdapter;
    sushiswap: UniswapV2StyleAdapter;
    balancer: BalancerV2WeightedAdapter;
  };
}

async function send(tx: Promise<{ wait(): Promise<unknown> }>) {
  await (await tx).wait();
}

/**
 * The whole venue layer on Hardhat's chain: the real DEX world, the core (roles, manager,
 * Treasury, Reactors for WETH, USDC, TKA, TKB, TKC), the TWAP oracle, the three adapters and the
 * allocator wired as each Reactor's allocator, the Treasury's loss cover and the manager's
 * allocator; LD staking with its venue registry and the emission controller (the manager's
 * emission hook, which settles the stake ledgers). TKA and TKB pair with WETH (half of tWETH
 * each), TKC with USDC (all of tUSDC). The LD stakes 1,000 TOKE on each token Reactor.
 */
export async function protocolFixture(
  ethers: HardhatEthers,
  networkHelpers: NetworkHelpers,
): Promise<Protocol> {
  const world = await deployDexWorld(ethers);
  const [governance, guardian, keeper, lp, trader, ld, ...users] = await ethers.getSigners();
  const roles = await ethers.deployContract("ProtocolRoles", [governance.address]);
  await send(roles.grantRole(await roles.GUARDIAN_ROLE(), guardian.address));
  await send(roles.grantRole(await roles.KEEPER_ROLE(), keeper.address));

  const start = BigInt(await networkHelpers.time.latest());
  const manager = await ethers.deployContract("CycleManager", [roles, start, CYCLE_SECONDS]);
  const treasury = await ethers.deployContract("Treasury", [roles]);
  const usdc = (await ethers.deployContract("TestERC20", [
    "USD Coin",
    "USDC",
    6,
  ])) as unknown as TestERC20;
  const toke = await ethers.deployContract("Toke", [
    [lp.address, trader.address, ld.address, ...users.map((u) => u.address)],
    Array(3 + users.length).fill(1_000_000n * E18),
  ]);

  const tokens = {} as Record<TokenName, TestERC20>;
  for (const name of TOKEN_NAMES)
    tokens[name] = (await ethers.deployContract("TestERC20", [
      `Token ${name}`,
      name,
      18,
    ])) as unknown as TestERC20;
  const mintAll = async (token: TestERC20, amount: bigint) => {
    for (const holder of [lp, trader, ...users]) await send(token.mint(holder.address, amount));
  };
  for (const name of TOKEN_NAMES) await mintAll(tokens[name], 10_000_000n * E18);
  await mintAll(usdc, 100_000_000n * E6);
  for (const holder of [lp, trader, ...users.slice(0, 4)])
    await send(world.weth.connect(holder).deposit({ value: 5_000n * E18 }));

  const deployReactor = async (asset: string) => {
    const reactor = await ethers.deployContract("Reactor", [asset, manager, roles, treasury]);
    await send(manager.addReactor(reactor));
    return reactor;
  };
  const wethAddress = await world.weth.getAddress();
  const tWeth = await deployReactor(wethAddress);
  const tUsdc = await deployReactor(await usdc.getAddress());

  const oracle = await ethers.deployContract("TwapOracle", [
    world.uniswap.factory,
    roles,
    MIN_WINDOW,
    MAX_WINDOW,
    MAX_FEED_AGE,
  ]);
  const allocator = await ethers.deployContract("LiquidityAllocator", [
    roles,
    manager,
    oracle,
    treasury,
    toke,
    MAX_SLIPPAGE_BPS,
    MIN_MOVE_BPS,
  ]);
  const adapters = {
    uniswap: await ethers.deployContract("UniswapV2StyleAdapter", [
      allocator,
      world.uniswap.factory,
    ]),
    sushiswap: await ethers.deployContract("UniswapV2StyleAdapter", [
      allocator,
      world.sushiswap.factory,
    ]),
    balancer: await ethers.deployContract("BalancerV2WeightedAdapter", [
      allocator,
      world.balancer.vault,
      world.balancer.weightedPoolFactory.contract,
      roles,
    ]),
  };
  for (const name of VENUE_NAMES) await send(allocator.registerVenue(VENUES[name], adapters[name]));
  // Slashed TOKE is sold for the asset a loss is owed in on Uniswap (TOKE/WETH, TOKE/USDC).
  await send(allocator.setSlashVenue(VENUES.uniswap));

  const pairs = {} as Record<TokenName, Pair>;
  for (const name of TOKEN_NAMES) {
    const token = tokens[name];
    const [base, baseReactor] =
      name === "TKC" ? [usdc as unknown as Erc20, tUsdc] : [world.weth as Erc20, tWeth];
    const seed = SEEDS[name];
    const { pair: uniswapPair } = await addV2Liquidity(
      world.uniswap,
      token,
      seed.token,
      base,
      seed.base,
      lp,
    );
    const { pair: sushiPair } = await addV2Liquidity(
      world.sushiswap,
      token,
      seed.token,
      base,
      seed.base,
      lp,
    );
    const [tokenAddress, baseAddress] = [await token.getAddress(), await base.getAddress()];
    const balancerPool = await createWeightedPool(
      world.balancer,
      [
        { token: tokenAddress, weight: BALANCER_ONE / 2n },
        { token: baseAddress, weight: BALANCER_ONE / 2n },
      ],
      3n * 10n ** 15n,
      lp,
    );
    await joinWeightedPool(world.balancer, balancerPool, lp, [
      { token: tokenAddress, amount: seed.token },
      { token: baseAddress, amount: seed.base },
    ]);
    await send(adapters.balancer.registerPool(tokenAddress, baseAddress, balancerPool.poolId));
    await send(oracle.track(tokenAddress, baseAddress));
    const reactor = await deployReactor(tokenAddress);
    await send(allocator.setPairing(reactor, baseReactor, name === "TKC" ? 10_000 : 5_000));
    pairs[name] = {
      name,
      token,
      base,
      tokenAddress,
      baseAddress,
      reactor,
      baseReactor,
      uniswapPair,
      sushiPair,
      balancerPool,
    };
  }
  // TOKE prices the slash step: TOKE/WETH at 0.01 and TOKE/USDC at 20.
  await addV2Liquidity(
    world.uniswap,
    toke as unknown as Erc20,
    50_000n * E18,
    world.weth,
    500n * E18,
    lp,
  );
  await addV2Liquidity(
    world.uniswap,
    toke as unknown as Erc20,
    50_000n * E18,
    usdc as unknown as Erc20,
    1_000_000n * E6,
    lp,
  );
  await send(oracle.track(toke, world.weth));
  await send(oracle.track(toke, usdc));

  const venueRegistry = await ethers.deployContract("VenueRegistry", [roles, manager]);
  const staking = await ethers.deployContract("LDStaking", [roles, toke, manager, venueRegistry]);
  const priceFeed = await ethers.deployContract("PriceFeed", [
    roles,
    toke,
    8n * 24n * 3600n,
    2_000n,
    900n, // the feed's floor: one keeper post per 15 minutes
  ]);
  const emissions = await ethers.deployContract("EmissionController", [
    roles,
    toke,
    manager,
    staking,
    priceFeed,
    1_000n * E18,
    2_500n,
  ]);
  await send(staking.setController(emissions));
  await send(manager.setEmissionHook(emissions));
  await send(toke.connect(lp).approve(emissions, 100_000n * E18));
  await send(emissions.connect(lp).fund(100_000n * E18));
  await send(staking.setSlasher(allocator));
  await send(allocator.setStakeDirectory(staking));
  for (const reactor of [tWeth, tUsdc, ...TOKEN_NAMES.map((n) => pairs[n].reactor)]) {
    await send(reactor.setAllocator(allocator));
    await send(staking.listReactor(reactor));
  }
  for (const name of TOKEN_NAMES) {
    const reactor = pairs[name].reactor;
    for (const venue of VENUE_NAMES) await send(venueRegistry.allowVenue(reactor, VENUES[venue]));
    await send(toke.connect(ld).approve(staking, 1_000n * E18));
    await send(staking.connect(ld).stake(reactor, 1_000n * E18, ld.address));
  }
  await send(treasury.setLossCover(allocator));
  await send(manager.setAllocator(allocator));

  return {
    ethers,
    networkHelpers,
    world,
    governance,
    guardian,
    keeper,
    lp,
    trader,
    ld,
    users,
    roles,
    manager,
    treasury,
    oracle,
    allocator,
    staking,
    venueRegistry,
    emissions,
    toke,
    usdc,
    tWeth,
    tUsdc,
    pairs,
    adapters,
  };
}

/** The LD's vote on `reactor`: shares (bps) per venue name; an empty vote withdraws it. */
export async function setVotes(
  p: Protocol,
  reactor: Reactor,
  shares: Partial<Record<VenueName, bigint>>,
) {
  const names = VENUE_NAMES.filter((n) => shares[n] !== undefined);
  await send(
    p.staking.connect(p.ld).vote(
      reactor,
      names.map((n) => VENUES[n]),
      names.map((n) => shares[n]!),
    ),
  );
}

/** Deposits `amount` of the Reactor's asset from `user`. */
export async function deposit(
  p: Protocol,
  reactor: Reactor,
  user: HardhatEthersSigner,
  amount: bigint,
) {
  const asset = (
    (await p.ethers.getContractAt("TestERC20", await reactor.asset())) as unknown as TestERC20
  ).connect(user);
  await send(asset.approve(reactor, amount));
  await send(reactor.connect(user).deposit(amount, user.address));
}

/** Every tracked pair's TWAP gets an observation (the keeper's pre-rollover job). */
export async function pokeOracle(p: Protocol) {
  for (const name of TOKEN_NAMES)
    await send(p.oracle.update(p.pairs[name].tokenAddress, p.pairs[name].baseAddress));
  await send(p.oracle.update(p.toke, p.world.weth));
  await send(p.oracle.update(p.toke, p.usdc));
}

/**
 * Runs the rollover closing the current cycle: pokes the oracle ORACLE_POKE_LEAD before the end,
 * then start / process (all Reactors, or `chunk` at a time) / complete. Returns the receipts of
 * the process calls.
 */
export async function rollover(p: Protocol, chunk = 64n) {
  const end = await p.manager.cycleEnd();
  const now = BigInt(await p.networkHelpers.time.latest());
  if (now < end - ORACLE_POKE_LEAD) await p.networkHelpers.time.increaseTo(end - ORACLE_POKE_LEAD);
  await pokeOracle(p);
  await p.networkHelpers.time.increaseTo(end);
  await send(p.manager.startRollover());
  const receipts = [];
  const count = BigInt((await p.manager.reactors()).length);
  for (let done = 0n; done < count; done += chunk) {
    receipts.push(await (await p.manager.processReactors(chunk)).wait());
  }
  await send(p.manager.completeRollover());
  return receipts;
}
