// Rewards: TOKE owed per source (LP side per Reactor, LD side per Reactor, launch pools), claim all.
import { ABI } from "../abis";
import { read, type AppContext } from "../context";
import { readReactors } from "../data";
import { fmt } from "../format";
import { card, h } from "../ui";

const TOKE = { symbol: "TOKE", decimals: 18 };

export async function rewardsPage(ctx: AppContext): Promise<HTMLElement> {
  const page = h(
    "div",
    { class: "page" },
    h("h2", {}, "Rewards"),
    h(
      "p",
      { class: "lede" },
      "TOKE emissions are booked on-chain at each rollover: a claim pays every cycle since the last one in one call.",
    ),
  );
  const me = ctx.account;
  if (me === undefined) {
    page.append(card("Connect a wallet", h("p", {}, "Connect to see what you are owed.")));
    return page;
  }
  const book = ctx.config.addresses;
  const emissions = read(ctx, book.emissionController, ABI.emissionController);
  const reactors = await readReactors(ctx);
  const rows = await Promise.all(
    reactors.map(async (r) => ({
      r,
      lp: (await emissions.claimable(me, [r.address], [])) as bigint,
      ld: r.isToke ? 0n : ((await emissions.claimable(me, [], [r.address])) as bigint),
    })),
  );
  const lpList = rows.filter((x) => x.lp > 0n).map((x) => x.r.address);
  const ldList = rows.filter((x) => x.ld > 0n).map((x) => x.r.address);
  const total = (await emissions.claimable(me, lpList, ldList)) as bigint;
  const claim = h(
    "button",
    {
      class: "primary",
      "data-testid": "claim-all",
      disabled: total === 0n,
      onclick: async () => {
        await ctx.tx.send({
          label: `Claim ${fmt(total, TOKE)}`,
          address: book.emissionController,
          abi: ABI.emissionController,
          method: "claim",
          args: [lpList, ldList, me],
        });
        ctx.refresh();
      },
    },
    `Claim all (${fmt(total, TOKE)})`,
  );
  page.append(
    card(
      "Emissions",
      h(
        "table",
        {},
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", {}, "Reactor"),
            h("th", {}, "as LP (tAsset held)"),
            h("th", {}, "as LD (stake)"),
          ),
        ),
        h(
          "tbody",
          {},
          ...rows.map((x) =>
            h(
              "tr",
              {},
              h("td", {}, x.r.symbol),
              h("td", { "data-testid": `owed-lp-${x.r.symbol}` }, fmt(x.lp, TOKE)),
              h(
                "td",
                { "data-testid": `owed-ld-${x.r.symbol}` },
                x.r.isToke ? "–" : fmt(x.ld, TOKE),
              ),
            ),
          ),
        ),
      ),
      h("p", {}, "Total owed: ", h("strong", { "data-testid": "owed-total" }, fmt(total, TOKE))),
      claim,
    ),
  );
  const launch = ctx.config.launch;
  if (launch !== undefined) {
    const pools = {
      "Genesis ETH": launch.ethPool,
      "Genesis USDC": launch.usdcPool,
      ...launch.pools,
    };
    const poolRows = await Promise.all(
      Object.entries(pools).map(async ([label, address]) => ({
        label,
        address,
        earned: (await read(ctx, address, ABI.stakingPool).earned(me)) as bigint,
      })),
    );
    page.append(
      card(
        "Launch pools",
        h(
          "table",
          {},
          h(
            "tbody",
            {},
            ...poolRows.map((p) =>
              h(
                "tr",
                {},
                h("td", {}, p.label),
                h("td", {}, fmt(p.earned, TOKE)),
                h(
                  "td",
                  {},
                  h(
                    "button",
                    {
                      disabled: p.earned === 0n,
                      onclick: async () => (
                        await ctx.tx.send({
                          label: `Claim ${p.label} rewards`,
                          address: p.address,
                          abi: ABI.stakingPool,
                          method: "claimRewards",
                          args: [],
                        }),
                        ctx.refresh()
                      ),
                    },
                    "Claim",
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    );
  }
  return page;
}
