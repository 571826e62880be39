// Reactors: per Reactor its books, prices and APRs, my position, deposit (ERC-20 with approve, or
// ether through the gateway), request redemption, pending and claimable with a countdown, redeem.
import { ABI } from "../abis";
import { read, type AppContext } from "../context";
import {
  inToke,
  readClock,
  readReactors,
  readSingularity,
  venueLabel,
  type ReactorInfo,
  type SingularityInfo,
} from "../data";
import { txForm } from "../forms";
import { duration, fmt, pct } from "../format";
import { card, h, stat } from "../ui";

const TOKE = { symbol: "TOKE", decimals: 18 };

export async function reactorsPage(ctx: AppContext): Promise<HTMLElement> {
  const [reactors, clock, singularity] = await Promise.all([
    readReactors(ctx),
    readClock(ctx),
    readSingularity(ctx),
  ]);
  const due = clock.now >= clock.end;
  const countdown = due
    ? "the rollover is due now"
    : `next rollover in ${duration(clock.end - clock.now)}`;
  const cards = await Promise.all(reactors.map((r) => reactorCard(ctx, r, countdown, singularity)));
  return h(
    "div",
    { class: "page" },
    h("h2", {}, "Reactors"),
    h(
      "p",
      { class: "lede" },
      `Deposit an asset single-sided, get its tAsset 1:1. Redemptions are requested and paid after the next rollover (cycle ${clock.cycle}, ${countdown}).`,
    ),
    h(
      "p",
      { class: "lede", "data-testid": "singularity" },
      `Singularity (the Treasury holds every Reactor's asset side for ${singularity.cycles} cycles in a row): ${singularity.reached ? "reached" : "not reached"}; overall coverage ${bps(singularity.overallBps)}.`,
    ),
    h("div", { class: "grid" }, ...cards),
  );
}

/** Basis points as a percentage: 10,000 -> "100.00%". */
const bps = (x: number) => `${(x / 100).toFixed(2)}%`;

async function reactorCard(
  ctx: AppContext,
  r: ReactorInfo,
  countdown: string,
  singularity: SingularityInfo,
): Promise<HTMLElement> {
  const tvlToke = inToke(r.totalAssets, r.price);
  const ratio =
    tvlToke === undefined || r.stake.total === 0n ? null : Number(tvlToke) / Number(r.stake.total);
  const venues = [...r.venues.entries()].filter(([, amount]) => amount > 0n);
  const stats = h(
    "div",
    { class: "stats" },
    stat(
      "TVL",
      `${fmt(r.totalAssets, r.unit)}${tvlToke === undefined ? "" : ` (${fmt(tvlToke, TOKE, 0)})`}`,
      `tvl-${r.symbol}`,
    ),
    stat("Rate", `1 ${r.shareUnit.symbol} = ${fmt(r.rate, r.unit, 6)}`),
    stat("Idle", fmt(r.idle, r.unit)),
    stat("Deployed", fmt(r.deployed, r.unit)),
    ...venues.map(([id, amount]) => stat(`· on ${venueLabel(id)}`, fmt(amount, r.unit))),
    r.isToke
      ? stat("Pooled TOKE", "LD option: a share of every Reactor's yield")
      : stat("Asset : TOKE", ratio === null ? "–" : `${ratio.toFixed(2)} : 1`),
    stat("APR (LP / LD)", `${pct(r.lpApr)} / ${r.isToke ? "–" : pct(r.ldApr)}`),
    r.coverage === null
      ? null
      : stat(
          "Treasury coverage",
          `${bps(r.coverage.bps)} (${r.coverage.streak} of ${singularity.cycles} cycles)`,
          `coverage-${r.symbol}`,
        ),
  );
  const body: (HTMLElement | null)[] = [stats];
  if (ctx.account !== undefined) body.push(await positionPanel(ctx, r, ctx.account, countdown));
  const title = h(
    "span",
    {},
    `${r.symbol} Reactor `,
    h("small", {}, r.shareUnit.symbol),
    r.paused ? h("span", { class: "tag warn" }, "deposits paused") : null,
  );
  const section = card(title, ...body);
  section.dataset.testid = `reactor-${r.symbol}`;
  return section;
}

async function positionPanel(
  ctx: AppContext,
  r: ReactorInfo,
  me: string,
  countdown: string,
): Promise<HTMLElement> {
  const reactor = read(ctx, r.address, ABI.reactor);
  const asset = read(ctx, r.asset, ABI.erc20);
  const [shares, assetBalance, allowance, pending, claimable, ether] = await Promise.all([
    reactor.balanceOf(me) as Promise<bigint>,
    asset.balanceOf(me) as Promise<bigint>,
    asset.allowance(me, r.address) as Promise<bigint>,
    reactor.pendingRedeemRequest(0, me) as Promise<bigint>,
    reactor.claimableRedeemRequest(0, me) as Promise<bigint>,
    ctx.reader.getBalance(me),
  ]);
  const context = { shares: r.shareUnit, assets: r.unit };
  const paused = r.paused ? "Deposits are paused." : undefined;
  const reactorCall = (method: string, args: (wei: bigint) => unknown[]) => (wei: bigint) => ({
    address: r.address,
    abi: ABI.reactor,
    method,
    args: args(wei),
    context,
  });
  const forms: HTMLElement[] = [
    txForm(ctx, {
      id: `deposit-${r.symbol}`,
      label: `Deposit ${r.unit.symbol}`,
      unit: r.unit,
      button: "Deposit",
      max: assetBalance,
      maxLabel: "Wallet",
      capAtMax: true,
      disabled: paused,
      approval: { token: r.asset, spender: r.address, allowance },
      send: reactorCall("deposit", (wei) => [wei, me]),
    }),
  ];
  if (r.isWeth) {
    forms.push(
      txForm(ctx, {
        id: `deposit-eth-${r.symbol}`,
        label: "Deposit ETH (wrapped by the gateway)",
        unit: { symbol: "ETH", decimals: 18 },
        button: "Deposit",
        max: ether,
        maxLabel: "Wallet (keep some for gas)",
        capAtMax: true,
        disabled: paused,
        send: (wei) => ({
          address: ctx.config.addresses.wethGateway,
          abi: ABI.wethGateway,
          method: "depositETH",
          args: [me],
          value: wei,
          context,
        }),
      }),
    );
  }
  forms.push(
    txForm(ctx, {
      id: `request-${r.symbol}`,
      label: "Request redemption",
      unit: r.shareUnit,
      button: "Request",
      max: shares,
      maxLabel: "Held",
      capAtMax: true,
      send: reactorCall("requestRedeem", (wei) => [wei, me, me]),
    }),
    // No cap here: the contract's own refusal, decoded, says what is claimable.
    txForm(ctx, {
      id: `redeem-${r.symbol}`,
      label: "Redeem (claim)",
      unit: r.shareUnit,
      button: "Redeem",
      max: claimable,
      maxLabel: "Claimable",
      send: reactorCall("redeem", (wei) => [wei, me, me]),
    }),
  );
  return h(
    "div",
    { class: "position" },
    h("h4", {}, "My position"),
    h(
      "div",
      { class: "stats" },
      stat(
        "Held",
        `${fmt(shares, r.shareUnit)} ≈ ${fmt((shares * r.rate) / 10n ** BigInt(r.unit.decimals), r.unit)}`,
        `held-${r.symbol}`,
      ),
      stat("Wallet", fmt(assetBalance, r.unit), `wallet-${r.symbol}`),
      stat(
        "Pending",
        pending === 0n
          ? "none"
          : `${fmt(pending, r.shareUnit)}: claimable after the rollover, ${countdown}`,
        `pending-${r.symbol}`,
      ),
      stat("Claimable", fmt(claimable, r.shareUnit), `claimable-${r.symbol}`),
    ),
    h("div", { class: "forms" }, ...forms),
  );
}
