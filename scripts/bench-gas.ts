import { network } from "hardhat";
import Table from "cli-table3";
import { measureGas } from "./bench/measure-gas.js";

// Prints the gas of the Reactor's hot paths and of rollover chunks as tables (npm run bench:gas):
// first without emissions (reward accumulators idle), then with an LP reward at every rollover.
for (const withEmissions of [false, true]) {
  // With emissions, rollover rows would include the stand-in hook's own storage writes: left out.
  const rows = (await measureGas(await network.create(), withEmissions)).filter(
    (r) => !withEmissions || !/Rollover|processReactors|per Reactor/.test(r.operation),
  );
  const table = new Table({ head: ["operation", "gasUsed", "target", "within"] });
  for (const r of rows) {
    table.push([
      r.operation,
      r.gasUsed.toLocaleString("en-US"),
      r.target === null ? "-" : r.target.toLocaleString("en-US"),
      r.target === null ? "" : r.gasUsed <= r.target ? "yes" : "NO",
    ]);
  }
  console.log(withEmissions ? "\nWith LP rewards booked at every rollover:" : "Without emissions:");
  console.log(table.toString());
}
