import { network } from "hardhat";
import Table from "cli-table3";
import { measureGas } from "./bench/measure-gas.js";

// Prints the gas of the Reactor's hot paths and of a rollover chunk as a table (npm run bench:gas).
const conn = await network.create();
const rows = await measureGas(conn);
const table = new Table({ head: ["operation", "gasUsed", "target", "within"] });
for (const r of rows) {
  table.push([
    r.operation,
    r.gasUsed.toLocaleString("en-US"),
    r.target === null ? "-" : r.target.toLocaleString("en-US"),
    r.target === null ? "" : r.gasUsed <= r.target ? "yes" : "NO",
  ]);
}
console.log(table.toString());
