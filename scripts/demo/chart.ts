// The demo's chart: a Vega-Lite spec compiled and rendered to SVG by Vega's headless View, then
// rasterised to PNG by resvg (WebAssembly-free native binding shipped on npm, no system deps).
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";

export interface ChartPoint {
  readonly cycle: number;
  /** USD. */
  readonly treasury: number;
  readonly tvl: number;
  /** Fractions (0.05 = 5%), null when the side has no APR yet. */
  readonly aprLp: number | null;
  readonly aprLd: number | null;
}

const WIDTH = 640;
const PANEL_HEIGHT = 180;

export function chartSpec(points: readonly ChartPoint[]): TopLevelSpec {
  const treasury = points.map((p) => ({ cycle: p.cycle, usd: p.treasury }));
  const tvl = points.map((p) => ({ cycle: p.cycle, usd: p.tvl }));
  const apr = points.flatMap((p) => [
    ...(p.aprLp === null ? [] : [{ cycle: p.cycle, side: "LP (asset side)", apr: p.aprLp }]),
    ...(p.aprLd === null ? [] : [{ cycle: p.cycle, side: "LD (TOKE side)", apr: p.aprLd }]),
  ]);
  const x = { field: "cycle", type: "ordinal", title: "cycle", axis: { labelAngle: 0 } } as const;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Reactor protocol demo: value and APRs per cycle",
    background: "white",
    config: { font: "sans-serif" },
    // Each panel keeps its own legend.
    resolve: { scale: { color: "independent" } },
    // Treasury and TVL differ by orders of magnitude: each gets its own panel and scale.
    vconcat: [
      {
        width: WIDTH,
        height: PANEL_HEIGHT,
        title: "Treasury value (fees, surplus, slashed TOKE)",
        data: { values: treasury },
        mark: { type: "line", point: { color: "#e45756" }, color: "#e45756" },
        encoding: {
          x,
          y: { field: "usd", type: "quantitative", title: "USD", axis: { format: "$,.3~s" } },
        },
      },
      {
        width: WIDTH,
        height: PANEL_HEIGHT,
        title: "Value locked in the Reactors",
        data: { values: tvl },
        mark: { type: "line", point: true },
        encoding: {
          x,
          y: { field: "usd", type: "quantitative", title: "USD", axis: { format: "$,.3~s" } },
        },
      },
      {
        width: WIDTH,
        height: PANEL_HEIGHT,
        data: {
          values:
            apr.length > 0 ? apr : [{ cycle: points[0]?.cycle ?? 0, side: "none yet", apr: 0 }],
        },
        mark: { type: "line", point: true },
        encoding: {
          x,
          y: {
            field: "apr",
            type: "quantitative",
            title: "APR (TVL-weighted)",
            axis: { format: ".1%" },
          },
          color: { field: "side", type: "nominal", title: null },
        },
      },
    ],
  };
}

/** SVG text of the chart. */
export async function renderChartSvg(points: readonly ChartPoint[]): Promise<string> {
  const view = new vega.View(vega.parse(compile(chartSpec(points)).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** PNG bytes of an SVG (system fonts for the text; shapes render without any). */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: 2 },
    font: {
      loadSystemFonts: true,
      sansSerifFamily: "DejaVu Sans",
      defaultFontFamily: "DejaVu Sans",
    },
  });
  return resvg.render().asPng();
}
