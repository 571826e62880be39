import { expect } from "chai";
import { readBudget, verdict } from "../../../scripts/gas/budget.js";
import { directorsOperations } from "../../../scripts/gas/directors.js";

// LD staking, votes and claims as `npm run bench:gas` measures them (scripts/gas/directors.ts,
// the one gas subsystem), against the same budgets, and claims that cost the same however many
// cycles passed (O(1) accumulators).
describe("LD staking, votes and claims: gas", function () {
  // 20+ rollovers on the whole system: well over the default 40 s on a shared, loaded machine.
  this.timeout(180_000);
  it("stays within budget and claims do not grow over 1 and 20 cycles", async () => {
    const [rows, budget] = await Promise.all([directorsOperations.run(), readBudget()]);
    const gas = (id: string) => {
      const row = rows.find((r) => r.id === id);
      if (row === undefined) throw new Error(`no row ${id}`);
      return row.gasUsed;
    };
    const over = rows
      .filter((r) => verdict(r, budget) !== "ok")
      .map((r) => `${r.id}: ${r.gasUsed} (${verdict(r, budget)})`);
    expect(over).to.deep.equal([]);
    // A claim after 20 cycles costs no more than one after 1 (the first claim of an account
    // also pays for cold storage, so it can cost more).
    expect(gas("claim.lp.20")).to.be.at.most(gas("claim.lp.1"));
    expect(gas("claim.ld.20")).to.be.at.most(gas("claim.ld.1"));
    expect(gas("claim.flat")).to.equal(0n);
  });
});
