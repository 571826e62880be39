// The venue moves a rollover will make, as the keeper can see them before sending: each venue's
// share of the LD votes against its share of what the Reactor has deployed.
import type { Clock } from "../chain/clock.js";
import type { KeeperContext } from "../chain/context.js";
import { venueName } from "../../lib/protocol-config.js";
import type { PlannedMove } from "./types.js";

const BPS = 10_000n;

const isSet = (address: string) => BigInt(address) !== 0n;

/** Index of `reactor` in the settlement order. */
const indexOf = (clock: Clock, reactor: string) =>
  clock.reactors.findIndex((r) => r.toLowerCase() === reactor.toLowerCase());

/**
 * Each token Reactor still to settle: its venues' share of the LD votes against their share of
 * what it has deployed, and the direction the allocator will move each (beyond the minimum move).
 */
export async function venueMoves(ctx: KeeperContext, clock: Clock): Promise<PlannedMove[]> {
  const { system } = ctx;
  if (!isSet(await system.manager.allocator())) return [];
  const [, minMoveBps] = await system.allocator.bounds();
  const moves: PlannedMove[] = [];
  for (const [symbol, reactor] of Object.entries(system.reactors)) {
    const address = await reactor.getAddress();
    if (clock.inProgress && indexOf(clock, address) < clock.cursor) continue; // already settled
    if (!isSet((await system.allocator.pairingOf(reactor)).baseReactor)) continue;
    const [ids, weights] = await system.staking.venueWeights(reactor);
    const held = await system.allocator.heldVenues(reactor);
    const venues = [...new Set([...ids.filter((_, i) => weights[i] > 0n), ...held])];
    if (venues.length === 0) continue;
    const votes = weights.reduce((s, w) => s + w, 0n);
    const principal = new Map<string, bigint>();
    for (const venue of venues)
      principal.set(venue, (await system.allocator.principalOf(reactor, venue)).token);
    const deployed = [...principal.values()].reduce((s, p) => s + p, 0n);
    const decimals = Number(await system.assets[symbol].decimals());
    for (const venue of venues) {
      const i = ids.indexOf(venue);
      const voteBps = votes === 0n || i < 0 ? 0n : (weights[i] * BPS) / votes;
      const amount = principal.get(venue) ?? 0n;
      const deployedBps = deployed === 0n ? 0n : (amount * BPS) / deployed;
      const gap = voteBps - deployedBps;
      moves.push({
        reactor: symbol,
        venue: venueName(venue),
        voteBps: Number(voteBps),
        deployedBps: Number(deployedBps),
        deployed: amount,
        decimals,
        action: gap > minMoveBps ? "add" : -gap > minMoveBps ? "remove" : "hold",
      });
    }
  }
  return moves;
}
