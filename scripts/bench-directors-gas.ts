import { network } from "hardhat";
import Table from "cli-table3";
import { measureDirectorsGas } from "./bench/measure-directors-gas.js";

// Prints the gas of LD staking, votes, delegation, claims and the rollover with emissions.
const conn = await network.create();
const rows = await measureDirectorsGas(conn);
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
