import { expect } from "chai";
import { network } from "hardhat";
import { measureDirectorsGas } from "../../../scripts/bench/measure-directors-gas.js";

// The full table is in docs/directors.md (npm run bench:gas).
// Asserted here: the targets that are met, and claims that cost the same however many cycles
// passed (O(1) accumulators).
describe("LD staking, votes and claims: gas", () => {
  it("meets its targets and claims stay flat over 1 and 20 cycles", async () => {
    const rows = await measureDirectorsGas(await network.create());
    const gas = (operation: string) => {
      const row = rows.find((r) => r.operation === operation);
      if (row === undefined) throw new Error(`no row ${operation}`);
      return row.gasUsed;
    };
    // Target 70k MISSED by ~1.9k since the DAO's stake-votes hook (issue 14): one cold read of
    // the hook's address on every stake, even with no hook set. Ceiling: measured + 2%.
    expect(gas("stake (again, no vote)")).to.be.lte(73_400n);
    expect(gas("vote 3 venues (change)")).to.be.lte(90_000n);
    expect(gas("claim LP side, 1 Reactor, after 20 cycles")).to.equal(
      gas("claim LP side, 1 Reactor, after 1 cycle"),
    );
    expect(gas("claim LD side, 1 Reactor, after 20 cycles")).to.equal(
      gas("claim LD side, 1 Reactor, after 1 cycle"),
    );
    // Ceilings that catch regressions of the ones above target (see docs/directors.md).
    expect(gas("claim LD side, 1 Reactor, after 20 cycles")).to.be.lte(66_000n);
    expect(gas("claim LP side, 1 Reactor, after 20 cycles")).to.be.lte(66_000n);
    expect(gas("vote 3 venues (new voter)")).to.be.lte(91_500n);
    expect(gas("quiet cycle: per Reactor in a chunk (marginal)")).to.be.lte(58_500n);
  });
});
