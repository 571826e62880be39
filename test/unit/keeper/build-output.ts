import { expect } from "chai";
import { condenseWarnings } from "../../../scripts/lib/build-output.js";

// The tools' build step (scripts/build.ts, before deploy, keeper and bench): one line per solc
// warning, errors whole.
describe("tools: solc warnings print one line each", () => {
  it("condenses each warning block to its file, line and first sentence; keeps errors", () => {
    const warning = [
      "Warning: Transient storage as defined by EIP-1153 can break the composability of smart contracts: Since transient storage is cleared only at the end of the transaction.",
      "   --> ./node_modules/@openzeppelin/contracts/utils/TransientSlot.sol:108:13:",
      "    |",
      "108 |             tstore(slot, value)",
      "    |             ^^^^^^",
    ].join("\n");
    const error = "Error: Undeclared identifier.\n --> contracts/X.sol:3:5:\n  |\n3 | y;";
    const out = condenseWarnings(`${warning}\n\n${warning}\n\n${error}\n`);
    const line =
      "warning: ./node_modules/@openzeppelin/contracts/utils/TransientSlot.sol:108: Transient storage as defined by EIP-1153 can break the composability of smart contracts:";
    expect(out.split("\n").slice(0, 2)).to.deep.equal([line, line]);
    expect(out).to.include(error);
  });
});
