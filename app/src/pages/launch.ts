// Launch: the DeGenesis sale (commit ETH or USDC while the window is open, whitelisted by a Merkle
// proof; claim TOKE after it is finalized) and the Genesis and public staking pools while they run.
import type { InterfaceAbi } from "ethers";
import { ABI } from "../abis";
import { chainNow, read, type AppContext } from "../context";
import { txForm } from "../forms";
import { duration, fmt, fmtNumber } from "../format";
import { card, h, stat } from "../ui";

const TOKE = { symbol: "TOKE", decimals: 18 };
const ETH = { symbol: "ETH", decimals: 18 };
/** USD amounts of the sale carry 18 decimals. */
const usd = (value: bigint, places = 0) => `$${fmtNumber(value, 18, places)}`;

export async function launchPage(ctx: AppContext): Promise<HTMLElement> {
  const page = h("div", { class: "page" }, h("h2", {}, "Launch"));
  const launch = ctx.config.launch;
  if (launch === undefined) {
    page.append(
      card(
        "No launch running",
        h(
          "p",
          {},
          "This deployment's address book lists no DeGenesis sale or launch pools: they ran before, or were never deployed here.",
        ),
      ),
    );
    return page;
  }
  const me = ctx.account;
  const sale = read(ctx, launch.sale, ABI.deGenesis);
  const [start, end, totalUsd, price, target, cap, walletCap, finalized, now] = await Promise.all([
    sale.windowStart() as Promise<bigint>,
    sale.windowEnd() as Promise<bigint>,
    sale.totalUsd() as Promise<bigint>,
    sale.currentPrice() as Promise<bigint>,
    sale.targetUsd() as Promise<bigint>,
    sale.overflowCapUsd() as Promise<bigint>,
    sale.walletCapUsd() as Promise<bigint>,
    sale.finalized() as Promise<boolean>,
    chainNow(ctx),
  ]);
  const open = now >= start && now < end && !finalized;
  const window = open
    ? `open: closes in ${duration(end - now)}`
    : now < start
      ? `opens in ${duration(start - now)}`
      : finalized
        ? "closed and finalized"
        : "closed: awaiting finalization";
  const saleCard = card(
    "DeGenesis",
    h(
      "div",
      { class: "stats" },
      stat("Window", window, "sale-window"),
      stat("Committed", `${usd(totalUsd)} of a ${usd(target)} target (overflow cap ${usd(cap)})`),
      stat("Price now", price === 0n ? "– (nothing committed yet)" : `${usd(price, 4)} per TOKE`),
      stat("Wallet cap", usd(walletCap)),
    ),
  );
  page.append(saleCard);
  if (me !== undefined) {
    const proof = launch.proofs[me.toLowerCase()];
    const [commitment, usdValue, claimable, ether] = await Promise.all([
      sale.commitmentOf(me),
      sale.usdValueOf(me) as Promise<bigint>,
      sale.claimableToke(me) as Promise<bigint>,
      ctx.reader.getBalance(me),
    ]);
    saleCard.append(
      h("h4", {}, "My commitment"),
      h(
        "div",
        { class: "stats" },
        stat("ETH", fmt(BigInt(commitment[0]), ETH)),
        stat("USDC", fmt(BigInt(commitment[1]), { symbol: "USDC", decimals: 6 })),
        stat("Value", usd(usdValue, 2)),
        stat("Whitelisted", proof === undefined ? "no" : "yes"),
        stat("TOKE to claim", fmt(claimable, TOKE)),
      ),
      h(
        "div",
        { class: "forms" },
        txForm(ctx, {
          id: "commit-eth",
          label: "Commit ETH",
          unit: ETH,
          button: "Commit",
          max: ether,
          capAtMax: true,
          disabled: !open
            ? "The window is not open."
            : proof === undefined
              ? "This wallet is not whitelisted."
              : undefined,
          send: (wei) => ({
            address: launch.sale,
            abi: ABI.deGenesis,
            method: "commitEth",
            args: [proof ?? []],
            value: wei,
            context: { assets: ETH },
          }),
        }),
        h(
          "button",
          {
            disabled: claimable === 0n,
            onclick: async () => (
              await ctx.tx.send({
                label: "Claim DeGenesis TOKE",
                address: launch.sale,
                abi: ABI.deGenesis,
                method: "claim",
                args: [],
              }),
              ctx.refresh()
            ),
          },
          `Claim ${fmt(claimable, TOKE)}`,
        ),
      ),
    );
  }
  const pools: [string, string][] = [
    ["Genesis ETH pool", launch.ethPool],
    ["Genesis USDC pool", launch.usdcPool],
    ...Object.entries(launch.pools),
  ];
  const cards = await Promise.all(
    pools.map(([label, address]) => poolCard(ctx, label, address, label.startsWith("Genesis"))),
  );
  page.append(h("div", { class: "grid" }, ...cards));
  return page;
}

async function poolCard(
  ctx: AppContext,
  label: string,
  address: string,
  genesis: boolean,
): Promise<HTMLElement> {
  const pool = read(ctx, address, ABI.stakingPool);
  const tokenAddress = (await pool.stakingToken()) as string;
  const token = read(ctx, tokenAddress, ABI.erc20);
  const [symbol, decimals, total, rate, finish, now] = await Promise.all([
    token.symbol() as Promise<string>,
    token.decimals(),
    pool.totalStaked() as Promise<bigint>,
    pool.rewardRate() as Promise<bigint>,
    pool.periodFinish() as Promise<bigint>,
    chainNow(ctx),
  ]);
  const unit = { symbol, decimals: Number(decimals) };
  const running = finish > now;
  const section = card(
    label,
    h(
      "div",
      { class: "stats" },
      stat("Staked in all", fmt(total, unit)),
      stat(
        "Rewards",
        running
          ? `${fmt(rate * 86_400n, TOKE)} a day for ${duration(finish - now)}`
          : "not running",
      ),
    ),
  );
  const me = ctx.account;
  if (me === undefined) return section;
  const [mine, earned, wallet, allowance] = await Promise.all([
    pool.balanceOf(me) as Promise<bigint>,
    pool.earned(me) as Promise<bigint>,
    token.balanceOf(me) as Promise<bigint>,
    token.allowance(me, address) as Promise<bigint>,
  ]);
  const slug = label.toLowerCase().replace(/\W+/g, "-");
  const poolCall = (abi: InterfaceAbi, method: string) => (wei: bigint) => ({
    address,
    abi,
    method,
    args: [wei],
    context: { assets: unit },
  });
  section.append(
    h("div", { class: "stats" }, stat("Mine", fmt(mine, unit)), stat("Earned", fmt(earned, TOKE))),
    h(
      "div",
      { class: "forms" },
      genesis
        ? h(
            "p",
            { class: "muted" },
            "Deposits come from DeGenesis (the overflow of each commitment).",
          )
        : txForm(ctx, {
            id: `pool-stake-${slug}`,
            label: `Stake ${symbol}`,
            unit,
            button: "Stake",
            max: wallet,
            capAtMax: true,
            approval: { token: tokenAddress, spender: address, allowance },
            send: poolCall(ABI.stakingPool, "stake"),
          }),
      txForm(ctx, {
        id: `pool-withdraw-${slug}`,
        label: "Withdraw",
        unit,
        button: "Withdraw",
        max: mine,
        capAtMax: true,
        send: poolCall(genesis ? ABI.genesisPool : ABI.stakingPool, "withdraw"),
      }),
      h(
        "button",
        {
          disabled: earned === 0n,
          onclick: async () => (
            await ctx.tx.send({
              label: `Claim ${label} rewards`,
              address,
              abi: ABI.stakingPool,
              method: "claimRewards",
              args: [],
            }),
            ctx.refresh()
          ),
        },
        `Claim ${fmt(earned, TOKE)}`,
      ),
    ),
  );
  return section;
}
