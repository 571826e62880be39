import { expect } from "chai";
import { readBudget, verdict, type Budget } from "../../../scripts/gas/budget.js";
import { userOperations } from "../../../scripts/gas/core.js";
import type { GasRow } from "../../../scripts/gas/measure.js";

// The Reactor's user operations as `npm run bench:gas` measures them (scripts/gas/core.ts, the
// one gas subsystem), checked against the same budgets (gas-budget.json: issue targets where an
// issue set one, else the first measurement plus ~10%).
describe("Reactor gas (the bench's user operations, receipts)", () => {
  let rows: GasRow[];
  let budget: Budget;
  before(async () => {
    [rows, budget] = await Promise.all([userOperations.run(), readBudget()]);
  });
  const gas = (id: string) => {
    const row = rows.find((r) => r.id === id);
    if (row === undefined) throw new Error(`no row ${id}`);
    return row.gasUsed;
  };

  it("every figure is within its budget, as the bench judges it", () => {
    expect(rows.length).to.be.greaterThan(0);
    const over = rows
      .filter((r) => verdict(r, budget) !== "ok")
      .map((r) => `${r.id}: ${r.gasUsed} (${verdict(r, budget)})`);
    expect(over).to.deep.equal([]);
  });

  it("repeat operations cost less than first ones (cold storage is paid once)", () => {
    expect(gas("deposit.warm")).to.be.lessThan(gas("deposit.first"));
    expect(gas("requestRedeem.warm")).to.be.lessThan(gas("requestRedeem.first"));
    expect(gas("transfer.warm")).to.be.lessThan(gas("transfer.newHolder"));
    expect(gas("gateway.depositETH.warm")).to.be.lessThan(gas("gateway.depositETH.first"));
  });
});
