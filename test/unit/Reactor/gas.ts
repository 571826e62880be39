import { expect } from "chai";
import { network } from "hardhat";
import { measureGas, type GasRow } from "../../../scripts/bench/measure-gas.js";

/**
 * Ceilings for the figures that miss their issue targets (measured + ~2%, docs/core.md "Gas"):
 * - a claim (60k target): base 21k + the asset transfer (~15.6k) + the Withdraw event + the
 *   request, maturity, claim and owed-assets slots (~14k); the first claim of a partial redeem
 *   writes the claim slot from zero (+17k);
 * - a deposit (62k target): + ~1.7k for the balance check that refuses fee-on-transfer assets;
 * - a request (45k warm / 70k first): + ~12k for the escrow (the owner's ledger position);
 * - settling a Reactor with maturing requests (45k): + the cycle's maturity slot (~22k new).
 */
const CLAIM_CEILING = 79_000n;
const DEPOSIT_CEILING = 65_500n;
const REQUEST_FIRST_CEILING = 72_000n;
const REQUEST_WARM_CEILING = 54_500n;
const PER_REACTOR_CEILING = 77_500n;

describe("Reactor gas (receipts, OZ ERC-20 asset)", () => {
  let rows: GasRow[];
  before(async () => {
    rows = await measureGas(await network.create());
  });
  const row = (prefix: string) => {
    const found = rows.find((r) => r.operation.startsWith(prefix));
    if (found === undefined) throw new Error(`no row ${prefix}`);
    return found.gasUsed;
  };

  it("a warm deposit stays under its ceiling (the bare OZ ERC-4626 deposit is ~56.5k)", () => {
    expect(row("deposit, warm (same cycle)")).to.be.lte(DEPOSIT_CEILING);
    expect(row("deposit, warm, holder with active")).to.be.lte(DEPOSIT_CEILING);
    expect(row("OZ ERC-4626 deposit")).to.be.lt(row("deposit, warm (same cycle)"));
  });

  it("requestRedeem (escrow included) stays under its ceilings, first and warm", () => {
    expect(row("requestRedeem, first")).to.be.lte(REQUEST_FIRST_CEILING);
    expect(row("requestRedeem, warm")).to.be.lte(REQUEST_WARM_CEILING);
    expect(row("requestRedeem, warm")).to.be.lt(row("requestRedeem, first"));
  });

  it("each Reactor with maturing requests added to a rollover chunk stays under its ceiling", () => {
    expect(row("  per Reactor added")).to.be.lte(PER_REACTOR_CEILING);
  });

  it("claims stay under their ceiling; a full exit is the cheapest (storage refunds)", () => {
    for (const prefix of ["redeem, part", "redeem, rest", "withdraw, whole", "redeem, full exit"]) {
      expect(row(prefix), prefix).to.be.lte(CLAIM_CEILING);
    }
    expect(row("redeem, full exit")).to.be.lt(row("redeem, part"));
  });
});
