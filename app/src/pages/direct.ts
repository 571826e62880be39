// Direct: LDs stake TOKE on a Reactor (or pool it in the TOKE Reactor), split their vote across
// the Reactor's venues (sliders summing to 100%), delegate, sign votes and delegations for a
// relayer (gasless), request unstake and withdraw once it settled.
import { BrowserProvider, getAddress, isAddress } from "ethers";
import { ABI } from "../abis";
import { read, type AppContext } from "../context";
import { readClock, readReactors, type ReactorInfo } from "../data";
import { txForm } from "../forms";
import { explain } from "../errors";
import { fmt, short } from "../format";
import { card, h, stat } from "../ui";

const TOKE = { symbol: "TOKE", decimals: 18 };
const BPS = 10_000;
const DEADLINE_SECONDS = 3_600n;

export async function directPage(ctx: AppContext): Promise<HTMLElement> {
  const [reactors, clock] = await Promise.all([readReactors(ctx), readClock(ctx)]);
  const staking = read(ctx, ctx.config.addresses.ldStaking, ABI.ldStaking);
  const listed = (
    await Promise.all(
      reactors.map(async (r) => ((await staking.isListed(r.address)) ? r : undefined)),
    )
  ).filter((r): r is ReactorInfo => r !== undefined);
  const cards = await Promise.all(listed.map((r) => stakeCard(ctx, r)));
  const pooled = reactors.find((r) => r.isToke);
  return h(
    "div",
    { class: "page" },
    h("h2", {}, "Direct"),
    h(
      "p",
      { class: "lede" },
      `Stake TOKE on a Reactor to pair its liquidity and vote where it goes; stake counts from the next cycle (now cycle ${clock.cycle}). Unstaking is requested and withdrawn after the rollover.`,
    ),
    pooled === undefined
      ? null
      : card(
          "Pooled option",
          h(
            "p",
            {},
            `No venue votes: deposit TOKE into the TOKE Reactor (t${pooled.unit.symbol}) for a pro-rata share of every Reactor's yield, on the Reactors page.`,
          ),
          h("a", { href: "#/reactors" }, "Go to the TOKE Reactor →"),
        ),
    h("div", { class: "grid" }, ...cards),
  );
}

async function stakeCard(ctx: AppContext, r: ReactorInfo): Promise<HTMLElement> {
  const staking = read(ctx, ctx.config.addresses.ldStaking, ABI.ldStaking);
  const [weights, tallies] = await Promise.all([
    staking.venueWeights(r.address),
    staking.tallies(r.address),
  ]);
  const nextTally = (tallies[1] as bigint[]).map(BigInt);
  const tallyTotal = r.allowed.reduce((s, v) => s + nextTally[Number(v.slot)], 0n);
  const body: (HTMLElement | null)[] = [
    h(
      "div",
      { class: "stats" },
      stat(
        "Total staked (active)",
        `${fmt(r.stake.total, TOKE, 0)} (${fmt(r.stake.active, TOKE, 0)})`,
      ),
      ...r.allowed.map((v) =>
        stat(
          `Next-cycle vote · ${v.name}`,
          tallyTotal === 0n
            ? "–"
            : `${((Number(nextTally[Number(v.slot)]) / Number(tallyTotal)) * 100).toFixed(1)}%`,
        ),
      ),
      stat(
        "Venues this cycle",
        (weights[0] as string[]).length === 0
          ? "none"
          : `${(weights[0] as string[]).length} allowed`,
      ),
    ),
  ];
  if (ctx.account !== undefined) body.push(await myStake(ctx, r, ctx.account));
  const section = card(`${r.symbol} Reactor`, ...body);
  section.dataset.testid = `stake-card-${r.symbol}`;
  return section;
}

async function myStake(ctx: AppContext, r: ReactorInfo, me: string): Promise<HTMLElement> {
  const book = ctx.config.addresses;
  const staking = read(ctx, book.ldStaking, ABI.ldStaking);
  const toke = read(ctx, book.toke, ABI.toke);
  const [stake, exit, ledgerCycle, earned, delegate, power, wallet, allowance, packed] =
    await Promise.all([
      staking.stakeOf(r.address, me),
      staking.exitOf(r.address, me),
      staking.ledgerCycle(r.address),
      staking.earned(r.address, me) as Promise<bigint>,
      staking.delegateOf(r.address, me) as Promise<string>,
      staking.votingPower(r.address, me),
      toke.balanceOf(me) as Promise<bigint>,
      toke.allowance(me, book.ldStaking) as Promise<bigint>,
      staking.sharesOf(r.address, me) as Promise<bigint>,
    ]);
  const context = { assets: TOKE };
  const total = BigInt(stake[0]);
  const exitUnits = BigInt(exit.units);
  const withdrawable = exitUnits > 0n && BigInt(exit.cycle) < BigInt(ledgerCycle);

  const stakingCall = (method: string, args: (wei: bigint) => unknown[]) => (wei: bigint) => ({
    address: book.ldStaking,
    abi: ABI.ldStaking,
    method,
    args: args(wei),
    context,
  });
  const stakeForm = txForm(ctx, {
    id: `stake-${r.symbol}`,
    label: "Stake TOKE",
    unit: TOKE,
    button: "Stake",
    max: wallet,
    maxLabel: "Wallet",
    capAtMax: true,
    suffix: `on ${r.symbol}`,
    approval: { token: book.toke, spender: book.ldStaking, allowance },
    send: stakingCall("stake", (wei) => [r.address, wei, me]),
  });
  const unstakeForm = txForm(ctx, {
    id: `unstake-${r.symbol}`,
    label: "Request unstake",
    unit: TOKE,
    button: "Request unstake",
    max: total,
    maxLabel: "Staked",
    capAtMax: true,
    send: stakingCall("requestUnstake", (wei) => [r.address, wei]),
  });
  const withdraw = h(
    "button",
    {
      "data-testid": `withdraw-${r.symbol}`,
      disabled: !withdrawable,
      onclick: async () => {
        await ctx.tx.send({
          label: `Withdraw unstaked TOKE from ${r.symbol}`,
          address: book.ldStaking,
          abi: ABI.ldStaking,
          method: "withdraw",
          args: [r.address, me],
          context,
        });
        ctx.refresh();
      },
    },
    "Withdraw",
  );
  return h(
    "div",
    { class: "position" },
    h("h4", {}, "My stake"),
    h(
      "div",
      { class: "stats" },
      stat(
        "Staked (active)",
        `${fmt(total, TOKE)} (${fmt(BigInt(stake[1]), TOKE)})`,
        `my-stake-${r.symbol}`,
      ),
      stat(
        "Voting power now / next",
        `${fmt(BigInt(power[0]), TOKE, 0)} / ${fmt(BigInt(power[1]), TOKE, 0)}`,
      ),
      stat(
        "Unstake request",
        exitUnits === 0n
          ? "none"
          : `${fmt(exitUnits, TOKE)} after cycle ${exit.cycle}${withdrawable ? ": withdrawable" : ""}`,
        `exit-${r.symbol}`,
      ),
      stat("LD rewards earned", fmt(earned, TOKE)),
      stat(
        "Votes directed by",
        delegate.toLowerCase() === me.toLowerCase() ? "me" : short(delegate),
      ),
      stat("Wallet", fmt(wallet, TOKE)),
    ),
    h(
      "div",
      { class: "forms" },
      stakeForm,
      r.allowed.length === 0
        ? h(
            "p",
            { class: "muted" },
            "A base Reactor: its liquidity follows the votes of the token Reactors paired with it.",
          )
        : voteForm(ctx, r, me, packed),
      delegateForm(ctx, r, me),
      unstakeForm,
      h(
        "div",
        { class: "row" },
        withdraw,
        withdrawable
          ? null
          : h("span", { class: "muted" }, "Withdraw opens once an unstake request has settled."),
      ),
    ),
  );
}

/** Shares per venue from the packed vote (16 bits per slot). */
function unpack(packed: bigint, slot: bigint): number {
  return Number((packed >> (16n * slot)) & 0xffffn);
}

function voteForm(ctx: AppContext, r: ReactorInfo, me: string, packed: bigint): HTMLElement {
  const book = ctx.config.addresses;
  const current = r.allowed.map((v) => unpack(packed, v.slot));
  const even = current.every((s) => s === 0);
  const inputs = r.allowed.map((v, i) => {
    const start = even
      ? Math.floor(100 / r.allowed.length) + (i === 0 ? 100 % r.allowed.length : 0)
      : current[i] / 100;
    const range = h("input", {
      type: "range",
      min: 0,
      max: 100,
      step: 1,
      value: start,
      "aria-label": `${v.name} %`,
    });
    const number = h("input", {
      type: "number",
      min: 0,
      max: 100,
      step: 1,
      value: start,
      "data-testid": `vote-${r.symbol}-${v.name.toLowerCase().replace(/\W+/g, "-")}`,
    });
    range.addEventListener("input", () => ((number.value = range.value), update()));
    number.addEventListener("input", () => ((range.value = number.value), update()));
    return { venue: v, range, number };
  });
  const sum = h("span", { class: "sum", "data-testid": `vote-${r.symbol}-sum` });
  const submit = h("button", { type: "submit", "data-testid": `vote-${r.symbol}-submit` }, "Vote");
  const sign = h(
    "button",
    { type: "button", "data-testid": `vote-${r.symbol}-sign` },
    "Sign (gasless)",
  );
  const note = h("div", { class: "form-note" });
  const percents = () => inputs.map((i) => Number(i.number.value));
  function update() {
    const total = percents().reduce((a, b) => a + b, 0);
    const ok = percents().every((p) => Number.isInteger(p) && p >= 0 && p <= 100) && total === 100;
    sum.textContent = `Total ${total}%`;
    sum.classList.toggle("bad", !ok);
    submit.disabled = !ok;
    sign.disabled = !ok;
  }
  update();
  const args = () => {
    const kept = inputs
      .map((i, k) => ({ id: i.venue.id, bps: percents()[k] * (BPS / 100) }))
      .filter((x) => x.bps > 0);
    return {
      ids: kept.map((k) => k.id),
      shares: kept.map((k) => k.bps),
      label: `Vote ${inputs.map((i, k) => `${i.venue.name} ${percents()[k]}%`).join(" / ")} on ${r.symbol}`,
    };
  };
  sign.addEventListener("click", async () => {
    const { ids, shares, label } = args();
    await signForRelay(ctx, me, note, label, "voteBySig", "Vote", {
      voter: ["address", me],
      reactor: ["address", r.address],
      venues: ["bytes32[]", ids],
      shares: ["uint16[]", shares],
    });
  });
  const form = h(
    "form",
    { class: "amount-form", "data-testid": `vote-${r.symbol}` },
    h("label", {}, "Vote: share of this Reactor's liquidity per venue"),
    h(
      "div",
      { class: "sliders" },
      ...inputs.map((i) =>
        h("div", { class: "slider" }, h("span", {}, i.venue.name), i.range, i.number),
      ),
    ),
    h("div", { class: "row" }, sum, submit, sign),
    note,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const { ids, shares, label } = args();
    await ctx.tx.send({
      label,
      address: book.ldStaking,
      abi: ABI.ldStaking,
      method: "vote",
      args: [r.address, ids, shares],
    });
    ctx.refresh();
  });
  return form;
}

function delegateForm(ctx: AppContext, r: ReactorInfo, me: string): HTMLElement {
  const book = ctx.config.addresses;
  const input = h("input", {
    type: "text",
    placeholder: "0x… delegatee (yourself to undo)",
    "data-testid": `delegate-${r.symbol}-to`,
  });
  const note = h("div", { class: "form-note" });
  const target = () => {
    const text = input.value.trim();
    if (!isAddress(text)) {
      note.textContent = "Enter an address (0x followed by 40 hex digits).";
      return undefined;
    }
    note.textContent = "";
    return getAddress(text);
  };
  const sign = h("button", { type: "button" }, "Sign (gasless)");
  sign.addEventListener("click", async () => {
    const to = target();
    if (to === undefined) return;
    await signForRelay(
      ctx,
      me,
      note,
      `Delegate ${r.symbol} votes to ${short(to)}`,
      "delegateBySig",
      "Delegation",
      { delegator: ["address", me], reactor: ["address", r.address], delegatee: ["address", to] },
    );
  });
  const form = h(
    "form",
    { class: "amount-form" },
    h("label", {}, "Delegate my votes on this Reactor"),
    h("div", { class: "amount-row" }, input, h("button", { type: "submit" }, "Delegate"), sign),
    note,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const to = target();
    if (to === undefined) return;
    await ctx.tx.send({
      label: `Delegate ${r.symbol} votes to ${short(to)}`,
      address: book.ldStaking,
      abi: ABI.ldStaking,
      method: "delegate",
      args: [r.address, to],
    });
    ctx.refresh();
  });
  return form;
}

/**
 * Signs `fields` as the vote relay's EIP-712 struct `type` (its nonce and a deadline added) and
 * offers the signed message for relaying to `method`, which takes the struct's fields in order,
 * then the signature.
 */
async function signForRelay(
  ctx: AppContext,
  me: string,
  note: HTMLElement,
  label: string,
  method: string,
  type: string,
  fields: Record<string, [string, unknown]>,
): Promise<void> {
  const relay = read(ctx, ctx.config.addresses.ldVoteRelay, ABI.ldVoteRelay);
  const now = BigInt((await ctx.reader.getBlock("latest"))?.timestamp ?? 0);
  const all: Record<string, [string, unknown]> = {
    ...fields,
    nonce: ["uint256", await relay.nonces(me)],
    deadline: ["uint256", now + DEADLINE_SECONDS],
  };
  const types = { [type]: Object.entries(all).map(([name, [t]]) => ({ name, type: t })) };
  const value = Object.fromEntries(Object.entries(all).map(([name, [, v]]) => [name, v]));
  const provider = ctx.wallet();
  try {
    if (provider === undefined) throw new Error("connect a wallet first");
    const domain = await relay.eip712Domain();
    const signer = await new BrowserProvider(provider as never).getSigner(me);
    const signature = await signer.signTypedData(
      { name: domain[1], version: domain[2], chainId: domain[3], verifyingContract: domain[4] },
      types,
      value,
    );
    relayPanel(note, ctx, `${label} (signed)`, method, [...Object.values(value), signature]);
  } catch (error) {
    ctx.tx.refuse(`Sign: ${label}`, explain(error));
  }
}

/** Shows a signed message and lets anyone (this wallet, a relayer) submit it. */
function relayPanel(
  into: HTMLElement,
  ctx: AppContext,
  label: string,
  method: string,
  args: unknown[],
): void {
  const text = JSON.stringify(args, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
  into.replaceChildren(
    h("div", { class: "muted" }, "Signed: no gas spent. Anyone can relay it before the deadline:"),
    h("textarea", { readonly: true, rows: 3, style: "width:100%" }, text),
    h(
      "button",
      {
        type: "button",
        onclick: async () => (
          await ctx.tx.send({
            label,
            address: ctx.config.addresses.ldVoteRelay,
            abi: ABI.ldVoteRelay,
            method,
            args,
          }),
          ctx.refresh()
        ),
      },
      "Relay it now",
    ),
  );
}
