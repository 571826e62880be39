// npm start: the Reactor protocol's main job, in one command.
//
// On Hardhat's in-process chain: deploys the DEX world (Uniswap V2, SushiSwap, Balancer V2) and
// the protocol through the Ignition modules (deploySystem), seeds venue pools, then plays several
// cycles: LPs deposit and redeem, traders swap on the venues, the keeper rolls each cycle over
// (the same job as `npm run keeper -- rollover`). Prints a report per cycle and writes
// reports/report.md and reports/chart.svg + chart.png.
import { mkdir, writeFile } from "node:fs/promises";
import { network } from "hardhat";
import pc from "picocolors";
import { deploySystem } from "./lib/system.js";
import { renderChartSvg, svgToPng, type ChartPoint } from "./demo/chart.js";
import {
  missingParts,
  renderCycleConsole,
  renderMarkdown,
  renderSummaryConsole,
  tvlUsd,
  weightedApr,
} from "./demo/report.js";
import { runSimulation } from "./demo/simulation.js";
import {
  pricerMarkdown,
  renderPricerCycle,
  startPricers,
  type PricerCycle,
} from "./demo/pricers.js";
import { renderDaoConsole, renderDaoMarkdown, runDaoFinale } from "./demo/dao.js";

/** The story: cycles, its random seed, swaps per cycle (env overrides for quick runs). */
const CYCLES = Number(process.env.DEMO_CYCLES ?? 8);
const SEED = Number(process.env.DEMO_SEED ?? 7);
const SWAPS_PER_CYCLE = Number(process.env.DEMO_SWAPS ?? 24);
const OUT_DIR = process.env.DEMO_OUT ?? "reports";

const started = Date.now();
const connection = await network.create();
console.log(
  pc.dim("Deploying the DEX world and the Reactor protocol through the Ignition modules..."),
);
const system = await deploySystem(connection);
console.log(
  pc.dim(
    `Reactors: ${Object.keys(system.reactors).join(", ")}; cycle ${(await system.manager.state()).duration / 86_400n} days. Seeding venue pools and playing ${CYCLES} cycles...`,
  ),
);
const pricers = await startPricers(system, SEED);
const pricerCycles: PricerCycle[] = [];
const { records } = await runSimulation(system, {
  cycles: CYCLES,
  seed: SEED,
  swapsPerCycle: SWAPS_PER_CYCLE,
  onCycle: async (record) => {
    console.log(renderCycleConsole(record));
    pricerCycles.push(await pricers.play(record.cycle + 1n)); // trades in the next cycle
    console.log(renderPricerCycle(pricerCycles[pricerCycles.length - 1]));
  },
});
console.log(renderSummaryConsole(records));
// The DAO takes over at the end: hand-over, then the fee-distribution proposal (scripts/demo/dao.ts).
const dao = await runDaoFinale(system);
console.log(renderDaoConsole(dao));
const missing = missingParts(records);
if (missing.length > 0)
  console.log(pc.dim(`Not deployed on this branch yet: ${missing.join("; ")}.`));

const points: ChartPoint[] = records.map((r) => ({
  cycle: Number(r.cycle),
  treasury: r.status.treasury.totalUsd ?? 0,
  tvl: tvlUsd(r),
  aprLp: weightedApr(r, "lpApr"),
  aprLd: weightedApr(r, "ldApr"),
}));
await mkdir(OUT_DIR, { recursive: true });
const svg = await renderChartSvg(points);
await writeFile(`${OUT_DIR}/chart.svg`, svg);
await writeFile(`${OUT_DIR}/chart.png`, svgToPng(svg));
const seconds = (Date.now() - started) / 1000;
await writeFile(
  `${OUT_DIR}/report.md`,
  renderMarkdown(records, {
    network: connection.networkName,
    seed: SEED,
    seconds,
    chart: "chart.png",
  }) +
    pricerMarkdown(pricerCycles) +
    renderDaoMarkdown(dao),
);
console.log(
  pc.green(
    `\nWrote ${OUT_DIR}/report.md, ${OUT_DIR}/chart.svg and ${OUT_DIR}/chart.png in ${seconds.toFixed(0)} s.`,
  ),
);
