// Governance's listing steps for a token Reactor's pair, once the pair's pools exist on the
// venues: the TWAP oracle tracks it (and TOKE against its base, which prices slashes) and the
// Balancer adapter learns which 50/50 pool to use. Locally governance is the deployer; on a
// public network these calls go through the timelock.
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { BalancerV2WeightedAdapter__factory } from "../../typechain-types/index.js";
import type { System } from "./system.js";

export interface PairListing {
  /** The token Reactor's asset symbol. */
  readonly token: string;
  /** Its base Reactor's asset symbol (WETH or USDC). */
  readonly base: string;
  /** The 50/50 Balancer pool of (token, base), when the network has the Balancer adapter. */
  readonly balancerPoolId?: string;
}

async function tracked(system: System, token: string, base: string): Promise<boolean> {
  try {
    await system.oracle.update.staticCall(token, base);
    return true;
  } catch {
    return false;
  }
}

/** Runs the listing steps for each pair (idempotent: what is tracked or registered is skipped). */
export async function listPairs(
  system: System,
  listings: readonly PairListing[],
  governance: HardhatEthersSigner = system.signer,
): Promise<void> {
  const oracle = system.oracle.connect(governance);
  const asset = async (symbol: string) => system.assets[symbol].getAddress();
  const toke = system.addresses.toke;
  const pairs = new Map<string, [string, string]>();
  for (const l of listings) {
    const [token, base] = [await asset(l.token), await asset(l.base)];
    pairs.set(`${token}/${base}`, [token, base]);
    pairs.set(`${toke}/${base}`, [toke, base]);
  }
  for (const [token, base] of pairs.values()) {
    if (await tracked(system, token, base)) continue;
    // Only a pair with reserves on the oracle's Uniswap V2 factory can be tracked (untrackedPairs
    // reports the others).
    const trackable = await oracle.track.staticCall(token, base).then(
      () => true,
      () => false,
    );
    if (trackable) await (await oracle.track(token, base)).wait();
  }
  const balancer = system.addresses.adapters.balancer;
  if (balancer === undefined) return;
  const adapter = BalancerV2WeightedAdapter__factory.connect(balancer, governance);
  for (const l of listings) {
    if (l.balancerPoolId === undefined) continue;
    const registered = await adapter.poolIdOf(await asset(l.token), await asset(l.base));
    if (BigInt(registered) !== 0n) continue;
    await (
      await adapter.registerPool(await asset(l.token), await asset(l.base), l.balancerPoolId)
    ).wait();
  }
}

/** The token Reactors' pairs of a deployment (symbol of the token and of its base). */
export function pairingsOf(system: System): PairListing[] {
  return Object.entries(system.profile.shape.pairings).map(([token, pairing]) => ({
    token,
    base: pairing.base,
  }));
}

/** The priced pairs (each token Reactor's pair, TOKE against each base) not tracked yet. */
export async function untrackedPairs(system: System): Promise<string[]> {
  const asset = async (symbol: string) => system.assets[symbol].getAddress();
  const labels = new Map<string, [string, string]>();
  for (const l of pairingsOf(system)) {
    labels.set(`${l.token}/${l.base}`, [await asset(l.token), await asset(l.base)]);
    labels.set(`TOKE/${l.base}`, [system.addresses.toke, await asset(l.base)]);
  }
  const untracked: string[] = [];
  for (const [label, [token, base]] of labels) {
    if (!(await tracked(system, token, base))) untracked.push(label);
  }
  return untracked;
}
