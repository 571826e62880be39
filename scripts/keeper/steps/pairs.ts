// The pairs the protocol prices (TwapOracle) and the venues its token Reactors may deploy to:
// what `keeper pairs` and `keeper venues` read, and the tracking `keeper pairs track` sends.
import { Contract } from "ethers";
import { venueName } from "../../lib/protocol-config.js";
import type { KeeperContext } from "../chain/context.js";
import { decodeRevert } from "../chain/errors.js";
import { sendAndWait } from "../chain/send.js";
import { marketPairs, twap, type MarketPair } from "./market.js";

const FACTORY_ABI = ["function getPair(address, address) view returns (address)"];
const PAIR_ABI = ["function getReserves() view returns (uint112, uint112, uint32)"];
const ADAPTER_ABI = ["function hasPool(address token, address base) view returns (bool)"];
const ZERO = 0n;

/** One priced pair and where its TWAP stands. */
export interface PairState {
  readonly label: string;
  readonly token: string;
  readonly base: string;
  /** The oracle's Uniswap V2 pair; undefined when the factory has none. */
  readonly pair: string | undefined;
  /** Whether that pair holds reserves on both sides (tracking needs them). */
  readonly funded: boolean;
  readonly tracked: boolean;
  /** Whether `consult` answers now (two observations a window apart, or a fresh fallback). */
  readonly twapUsable: boolean;
}

async function isTracked(ctx: KeeperContext, pair: MarketPair): Promise<boolean> {
  try {
    await ctx.system.oracle.update.staticCall(pair.token, pair.base);
    return true;
  } catch (error) {
    if (decodeRevert(error)?.name === "TwapOracleNotTracked") return false;
    throw error;
  }
}

/** Every pair the protocol prices, with its oracle state. */
export async function pairStates(ctx: KeeperContext): Promise<PairState[]> {
  const { system } = ctx;
  const provider = system.connection.ethers.provider;
  const factory = new Contract(await system.oracle.factory(), FACTORY_ABI, provider);
  const states: PairState[] = [];
  for (const pair of await marketPairs(ctx)) {
    const address = (await factory.getFunction("getPair")(pair.token, pair.base)) as string;
    const exists = BigInt(address) !== ZERO;
    let funded = false;
    if (exists) {
      const [r0, r1] = (await new Contract(address, PAIR_ABI, provider).getFunction(
        "getReserves",
      )()) as [bigint, bigint];
      funded = r0 > ZERO && r1 > ZERO;
    }
    states.push({
      ...pair,
      pair: exists ? address : undefined,
      funded,
      tracked: await isTracked(ctx, pair),
      twapUsable: (await twap(ctx, pair.token, pair.base)) !== undefined,
    });
  }
  return states;
}

export interface TrackOutcome {
  readonly tracked: readonly string[];
  readonly already: readonly string[];
  /** Pairs without a funded Uniswap V2 pair: someone must create and seed it first. */
  readonly noPair: readonly string[];
}

/** Tracks every priced pair not tracked yet that has a funded pair (anyone may). */
export async function trackPairs(ctx: KeeperContext): Promise<TrackOutcome> {
  const outcome = { tracked: [] as string[], already: [] as string[], noPair: [] as string[] };
  for (const state of await pairStates(ctx)) {
    if (state.tracked) outcome.already.push(state.label);
    else if (!state.funded) outcome.noPair.push(state.label);
    else {
      const hash = await sendAndWait(ctx, ctx.system.oracle.track(state.token, state.base));
      outcome.tracked.push(state.label);
      ctx.out.event("tracked", { pair: state.label, hash }, `✓ tracking ${state.label} ${hash}`);
    }
  }
  return outcome;
}

/** One venue of one token Reactor. */
export interface VenueState {
  readonly reactor: string;
  readonly venue: string;
  readonly allowed: boolean;
  /** The allocator's adapter for the venue; undefined when none is registered. */
  readonly adapter: string | undefined;
  /** Whether the venue has the Reactor's pool (token, base). */
  readonly hasPool: boolean;
  /** Principal deployed there: token and base sides, in their own units. */
  readonly deployedToken: bigint;
  readonly deployedBase: bigint;
  readonly tokenDecimals: number;
  readonly baseDecimals: number;
  /** The venue's share of the LD votes, bps. */
  readonly voteBps: number;
}

/** Every venue each paired (token) Reactor may use, with its adapter, pool, position and votes. */
export async function venueStates(ctx: KeeperContext): Promise<VenueState[]> {
  const { system } = ctx;
  const provider = system.connection.ethers.provider;
  const states: VenueState[] = [];
  const symbolOf = new Map(
    Object.entries(system.reactors).map(([s, r]) => [r.target.toString().toLowerCase(), s]),
  );
  for (const [symbol, reactor] of Object.entries(system.reactors)) {
    const { baseReactor } = await system.allocator.pairingOf(reactor);
    if (BigInt(baseReactor) === ZERO) continue;
    const baseSymbol = symbolOf.get(baseReactor.toLowerCase()) ?? baseReactor;
    const [token, base] = [await reactor.asset(), await system.reactors[baseSymbol].asset()];
    const [tokenDecimals, baseDecimals] = [
      Number(await system.assets[symbol].decimals()),
      Number(await system.assets[baseSymbol].decimals()),
    ];
    const [ids, allowed] = await system.venueRegistry.venues(reactor);
    const [voteIds, weights]: readonly [readonly string[], readonly bigint[]] =
      (await system.staking.isListed(reactor))
        ? await system.staking.venueWeights(reactor)
        : [[], []];
    const votes = weights.reduce((s, w) => s + w, ZERO);
    for (const [i, id] of ids.entries()) {
      const adapterAddress = await system.allocator.adapterOf(id);
      const adapter = BigInt(adapterAddress) === ZERO ? undefined : adapterAddress;
      const hasPool =
        adapter === undefined
          ? false
          : ((await new Contract(adapter, ADAPTER_ABI, provider).getFunction("hasPool")(
              token,
              base,
            )) as boolean);
      const principal = await system.allocator.principalOf(reactor, id);
      const v = voteIds.indexOf(id);
      states.push({
        reactor: `${symbol}/${baseSymbol}`,
        venue: venueName(id),
        allowed: allowed[i],
        adapter,
        hasPool,
        deployedToken: principal.token,
        deployedBase: principal.base,
        tokenDecimals,
        baseDecimals,
        voteBps: votes === ZERO || v < 0 ? 0 : Number((weights[v] * 10_000n) / votes),
      });
    }
  }
  return states;
}
