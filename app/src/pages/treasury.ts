// Treasury: what the protocol owns, by asset and by source of the inflow, and per cycle the fees
// (and surplus) it collected against the losses it covered, valued in TOKE, as a chart.
import { decodeBytes32String, type EventLog } from "ethers";
import { ABI } from "../abis";
import { read, type AppContext } from "../context";
import { inToke, readClock, readReactors, type ReactorInfo } from "../data";
import { fmt } from "../format";
import { card, h } from "../ui";

const TOKE = { symbol: "TOKE", decimals: 18 };
const SVG = "http://www.w3.org/2000/svg";

export async function treasuryPage(ctx: AppContext): Promise<HTMLElement> {
  const book = ctx.config.addresses;
  const treasury = read(ctx, book.treasury, ABI.treasury);
  const [reactors, clock] = await Promise.all([readReactors(ctx), readClock(ctx)]);
  const byAsset = new Map<string, ReactorInfo>(reactors.map((r) => [r.asset.toLowerCase(), r]));
  const [inflows, losses] = await Promise.all([
    treasury.queryFilter(treasury.filters.InflowRecorded(), 0) as Promise<EventLog[]>,
    treasury.queryFilter(treasury.filters.LossCovered(), 0) as Promise<EventLog[]>,
  ]);
  const sources = [...new Set(inflows.map((e) => label(e.args.source as string)))];
  const holdings = await Promise.all(
    reactors.map(async (r) => ({ r, amount: (await treasury.holdings(r.asset)) as bigint })),
  );
  const cell = (r: ReactorInfo, source: string) =>
    inflows
      .filter(
        (e) =>
          label(e.args.source as string) === source &&
          (e.args.asset as string).toLowerCase() === r.asset.toLowerCase(),
      )
      .reduce((s, e) => s + BigInt(e.args.amount), 0n);
  const totalToke = holdings.reduce((s, x) => s + (inToke(x.amount, x.r.price) ?? 0n), 0n);

  // Per cycle, from each event's block time on the anchored schedule.
  const firstStart = clock.cycleStart - clock.cycle * clock.duration;
  const cycleOf = async (e: EventLog) => {
    const block = await e.getBlock();
    return Number((BigInt(block.timestamp) - firstStart) / clock.duration);
  };
  const cycles = Number(clock.cycle) + 1;
  const fees = new Array<number>(cycles).fill(0);
  const lost = new Array<number>(cycles).fill(0);
  const valued = (e: EventLog) => {
    const r = byAsset.get((e.args.asset as string).toLowerCase());
    return (
      Number(
        inToke(BigInt(e.args.amount), r?.price ?? (r?.isToke ? 10n ** 18n : undefined)) ?? 0n,
      ) / 1e18
    );
  };
  for (const e of inflows) {
    const source = label(e.args.source as string);
    if (source !== "VENUE_FEES" && source !== "VENUE_SURPLUS") continue;
    const c = await cycleOf(e);
    if (c >= 0 && c < cycles) fees[c] += valued(e);
  }
  for (const e of losses) {
    const c = await cycleOf(e);
    if (c >= 0 && c < cycles) lost[c] += valued(e);
  }
  return h(
    "div",
    { class: "page" },
    h("h2", {}, "Treasury"),
    h(
      "p",
      { class: "lede" },
      "Protocol-controlled value: every trading fee and surplus from the venues, and the first line of the loss waterfall.",
    ),
    card(
      `Holdings (${fmt(totalToke, TOKE, 2)} in all)`,
      h(
        "table",
        { "data-testid": "treasury-holdings" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", {}, "Asset"),
            h("th", {}, "Held"),
            ...sources.map((s) => h("th", {}, `in from ${s.toLowerCase().replace(/_/g, " ")}`)),
          ),
        ),
        h(
          "tbody",
          {},
          ...holdings.map((x) =>
            h(
              "tr",
              {},
              h("td", {}, x.r.unit.symbol),
              h("td", {}, fmt(x.amount, x.r.unit)),
              ...sources.map((s) => h("td", {}, fmt(cell(x.r, s), x.r.unit))),
            ),
          ),
        ),
      ),
    ),
    card("Fees and losses per cycle (TOKE value)", chart(fees, lost)),
  );
}

function label(source: string): string {
  try {
    return decodeBytes32String(source);
  } catch {
    return source.slice(0, 10);
  }
}

/** Two bars per cycle: fees collected (green) and losses covered (red). */
function chart(fees: number[], lost: number[]): SVGSVGElement {
  const width = 640;
  const height = 220;
  const pad = 36;
  const max = Math.max(...fees, ...lost) || 1;
  const step = (width - pad * 2) / Math.max(1, fees.length);
  const el = (name: string, attrs: Record<string, string | number>, text?: string) => {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const svg = el("svg", {
    viewBox: `0 0 ${width} ${height}`,
    width: "100%",
    "data-testid": "treasury-chart",
  }) as SVGSVGElement;
  svg.append(
    el("line", { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, stroke: "#27324a" }),
  );
  svg.append(el("text", { x: pad, y: 14 }, `max ${max.toPrecision(3)} TOKE`));
  fees.forEach((fee, i) => {
    const x = pad + i * step;
    const bar = (value: number, offset: number, color: string) => {
      const h = ((height - pad * 2) * value) / max;
      svg.append(
        el("rect", {
          x: x + offset,
          y: height - pad - h,
          width: step * 0.35,
          height: Math.max(h, value > 0 ? 1 : 0),
          fill: color,
        }),
      );
    };
    bar(fee, step * 0.1, "#2fbf71");
    bar(lost[i], step * 0.5, "#ff5d5d");
    svg.append(el("text", { x: x + step * 0.3, y: height - pad + 16 }, `c${i}`));
  });
  svg.append(
    el("text", { x: width - pad - 190, y: 14, style: "fill: #2fbf71" }, "■ fees + surplus"),
  );
  svg.append(el("text", { x: width - pad - 60, y: 14, style: "fill: #ff5d5d" }, "■ losses"));
  return svg;
}
