import { expect } from "chai";
import {
  describeRevert,
  redact,
  toKeeperError,
  EXIT,
} from "../../../scripts/keeper/chain/errors.js";
import { CycleManager__factory, Reactor__factory } from "../../../typechain-types/index.js";
import { backoffMs, isTransient, withRetry } from "../../../scripts/keeper/chain/retry.js";

const POLICY = { attempts: 4, baseDelayMs: 1, maxDelayMs: 3 };

/** The error `promise` rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("keeper: transient errors, retries and messages", () => {
  it("classifies node hiccups as transient and reverts as final", () => {
    const transient = [
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8545"), { code: "ECONNREFUSED" }),
      { code: "NETWORK_ERROR", message: "network error" },
      { code: "TIMEOUT", message: "timeout" },
      new Error('HHE703: Cannot connect to the network "sepolia"'),
      new Error("Response status code 503: Service Unavailable"),
      { code: -32005, message: "limit exceeded" },
      new Error("outer", { cause: new Error("socket hang up") }),
    ];
    for (const e of transient) expect(isTransient(e), String((e as Error).message)).to.equal(true);
    const final = [
      { code: "CALL_EXCEPTION", message: "execution reverted", data: "0x12345678" },
      new Error("VM Exception while processing transaction: reverted with custom error 'X()'"),
      new Error("nonce too low"),
      // A revert that happens to mention a timeout is still a revert.
      Object.assign(new Error("execution reverted: timed out"), { code: "CALL_EXCEPTION" }),
    ];
    for (const e of final) expect(isTransient(e), String((e as Error).message)).to.equal(false);
  });

  it("backs off exponentially up to the cap", () => {
    const policy = { attempts: 6, baseDelayMs: 100, maxDelayMs: 500 };
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(policy, a))).to.deep.equal([
      100, 200, 400, 500, 500,
    ]);
  });

  it("retries transient failures until one succeeds, and gives up after the attempts", async () => {
    let calls = 0;
    const retries: number[] = [];
    const value = await withRetry(
      async () => {
        if (++calls < 3) throw new Error("ECONNRESET");
        return "ok";
      },
      POLICY,
      (attempt) => retries.push(attempt),
    );
    expect([value, calls, retries]).to.deep.equal(["ok", 3, [1, 2]]);

    calls = 0;
    const exhausted = await rejection(
      withRetry(async () => {
        ++calls;
        throw new Error("ECONNRESET");
      }, POLICY),
    );
    expect([exhausted.message, calls]).to.deep.equal(["ECONNRESET", POLICY.attempts]);

    calls = 0;
    const reverted = await rejection(
      withRetry(async () => {
        ++calls;
        throw Object.assign(new Error("execution reverted"), { code: "CALL_EXCEPTION" });
      }, POLICY),
    );
    expect([reverted.message, calls]).to.deep.equal(["execution reverted", 1]);
  });

  it("never prints an RPC URL (hosted nodes put API keys in them)", () => {
    const secret = "https://eth-sepolia.g.alchemy.com/v2/sk_live_abc123";
    expect(redact(`Received an unexpected status code from ${secret}`)).to.equal(
      "Received an unexpected status code from <rpc url>",
    );
    expect(describeRevert(new Error(`request to ${secret} failed`))).to.not.include("sk_live");
    const failure = toKeeperError(new Error(`fetch failed for ${secret}`), "status");
    expect(failure.message).to.not.include("sk_live");
    expect(failure.exitCode).to.equal(EXIT.unavailable);
  });

  it("names a custom error of the protocol from its revert data, even one bubbled up", () => {
    const manager = CycleManager__factory.createInterface();
    const reactor = Reactor__factory.createInterface();
    const notEnded = toKeeperError(
      {
        code: "CALL_EXCEPTION",
        message: "execution reverted",
        data: manager.encodeErrorResult("CycleManagerCycleNotEnded", [100, 50]),
      },
      "rollover",
    );
    expect(notEnded.exitCode).to.equal(EXIT.failed);
    expect(notEnded.message).to.equal("rollover reverted: CycleManagerCycleNotEnded(100, 50)");
    const shortfall = toKeeperError(
      new Error("wrapped", {
        cause: {
          code: "CALL_EXCEPTION",
          message: "reverted",
          data: reactor.encodeErrorResult("ReactorPullExceedsAvailable", [7, 3]),
        },
      }),
      "settle",
    );
    expect(shortfall.message).to.equal("settle reverted: ReactorPullExceedsAvailable(7, 3)");
  });
});
