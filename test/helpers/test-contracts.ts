// Typechain types only the contracts under contracts/: test-only Solidity (test tokens, mocks,
// attackers under test/solidity/) has no generated bindings. The test tokens' handles are the
// DEX world's (scripts/lib/dex-types.ts); the mocks and attackers are typed here, by hand and
// only as far as the tests call them.
import type { AddressLike, BigNumberish } from "ethers";
import type { Handle, Send, TestToken, View } from "../../scripts/lib/dex-types.js";

export type { TestToken as TestERC20, Weth9 } from "../../scripts/lib/dex-types.js";

/** test/solidity/tokens/TestHookToken.sol: calls a hooked account on every transfer. */
export interface TestHookToken extends TestToken {
  setHooked: Send<[account: AddressLike]>;
}

/** test/solidity/mocks/MockEmissionHook.sol: books a fixed LP reward per Reactor settled. */
export interface MockEmissionHook extends Handle {
  setRewardPerRollover: Send<[reward: BigNumberish]>;
  calls: View<[], bigint>;
  undistributedTotal: View<[], bigint>;
  lastReactor: View<[], string>;
  lastCycle: View<[], bigint>;
}

/** test/solidity/mocks/ReentrantAttacker.sol: re-enters a Reactor from a token hook. */
export interface ReentrantAttacker extends Handle {
  arm: Send<[mode: BigNumberish, amount: BigNumberish]>;
  deposit: Send<[assets: BigNumberish]>;
  requestRedeem: Send<[shares: BigNumberish]>;
  redeem: Send<[shares: BigNumberish]>;
  attempted: View<[], boolean>;
  succeeded: View<[], boolean>;
  failure: View<[], string>;
}
