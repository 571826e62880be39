import { expect } from "chai";
import { EXIT, missingSecret, toKeeperError } from "../../../scripts/keeper/chain/errors.js";
import { parseAddressBook } from "../../../scripts/lib/system.js";

describe("keeper: usage errors say what is wrong in one line", () => {
  it("names a missing secret from the environment or the keystore, with the command to set it", () => {
    for (const message of [
      'HHE7: Configuration Variable "KEEPER_PRIVATE_KEY" not found.\n\nYou can define it ...',
      'HHE50002: Key "KEEPER_PRIVATE_KEY" not found in the development keystore. Run ...',
    ]) {
      const wrapped = new Error("connecting failed", { cause: new Error(message) });
      const failure = toKeeperError(wrapped, "status");
      expect(failure.exitCode).to.equal(EXIT.usage);
      expect(failure.message).to.equal(
        "missing secret KEEPER_PRIVATE_KEY: set it in .env or with `npx hardhat keystore set KEEPER_PRIVATE_KEY`",
      );
    }
    expect(missingSecret(new Error("socket hang up"))).to.equal(undefined);
  });

  it("rejects a malformed address book by file and field", () => {
    const good = {
      chainId: 31337,
      network: "localhost",
      ...Object.fromEntries(
        [
          "protocolRoles",
          "timelock",
          "toke",
          "treasury",
          "cycleManager",
          "wethGateway",
          "venueRegistry",
          "ldStaking",
          "ldVoteRelay",
          "priceFeed",
          "emissionController",
          "twapOracle",
          "liquidityAllocator",
        ].map((k, i) => [k, `0x${(i + 1).toString(16).padStart(40, "0")}`]),
      ),
      adapters: {},
      reactors: { WETH: `0x${"a".repeat(40)}` },
    };
    expect(parseAddressBook(JSON.stringify(good), "b.json").chainId).to.equal(31337);
    const cases: [string, RegExp][] = [
      ["{", /^address book b\.json is not valid JSON/],
      [JSON.stringify({ ...good, chainId: "1" }), /^address book b\.json: chainId is missing/],
      [
        JSON.stringify({ ...good, treasury: undefined }),
        /: treasury is missing or not an address$/,
      ],
      [
        JSON.stringify({ ...good, reactors: { WETH: "0x12" } }),
        /: reactors\.WETH is not an address$/,
      ],
    ];
    for (const [text, reason] of cases) {
      expect(() => parseAddressBook(text, "b.json")).to.throw(reason);
    }
  });
});
