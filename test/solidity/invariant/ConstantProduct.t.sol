// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {V2MathLib} from "../../../contracts/libraries/V2MathLib.sol";
import {InvariantBase} from "../utils/Vm.sol";
import {ConstantProductHandler} from "./handlers/ConstantProductHandler.sol";

/// @notice Invariants of a constant-product pool run on V2MathLib alone, under random sequences of
///         deposits, withdrawals and swaps (ConstantProductHandler).
///
/// Spec (ids of /work/shared/notes/security.md in brackets):
/// - CP-1 [2 Supply]   LP supply = locked minimum liquidity + the sum of LP balances.
/// - CP-2 [5 No free value] k = reserve0 * reserve1 never falls on a swap: fees only add to it.
/// - CP-3 [6 Rounding] No step lowers what an LP token is worth: deposits and withdrawals never
///        lower reserves per LP token, swaps never lower sqrt(k) per LP token.
/// - CP-4 [1 Solvency] Everything all LPs (and the locked minimum) can redeem fits the reserves.
/// - CP-5 [1 Solvency] Reserves stay within the pair's uint112 storage, and an initialised pool
///        never empties either side (its locked minimum keeps a share of both).
contract ConstantProductInvariantTest is InvariantBase {
    ConstantProductHandler private handler;

    function setUp() public {
        handler = new ConstantProductHandler();
        targetContract(address(handler));
    }

    function invariant_CP1_supplyIsLockedMinimumPlusBalances() public view {
        uint256 supply = handler.totalSupply();
        if (supply == 0) return;
        assertEq(supply, V2MathLib.MINIMUM_LIQUIDITY + handler.liquidityHeld(), "CP-1 supply");
    }

    function invariant_CP2_swapsNeverLowerK() public view {
        assertEq(handler.ghostKDecreases(), 0, "CP-2 k fell on a swap");
    }

    function invariant_CP3_noStepLowersTheValueOfAnLpToken() public view {
        assertEq(handler.ghostShareValueDecreases(), 0, "CP-3 LP token value fell");
    }

    function invariant_CP4_redeemableFitsReserves() public view {
        (uint256 sum0, uint256 sum1) = handler.redeemableByAll();
        assertLe(sum0, handler.reserve0(), "CP-4 token0 over-promised");
        assertLe(sum1, handler.reserve1(), "CP-4 token1 over-promised");
    }

    function invariant_CP5_reservesFitAndNeverEmpty() public view {
        uint256 reserve0 = handler.reserve0();
        uint256 reserve1 = handler.reserve1();
        assertLe(reserve0, V2MathLib.MAX_RESERVE, "CP-5 reserve0 overflow");
        assertLe(reserve1, V2MathLib.MAX_RESERVE, "CP-5 reserve1 overflow");
        if (handler.totalSupply() == 0) return;
        assertTrue(reserve0 > 0 && reserve1 > 0, "CP-5 a side emptied");
    }
}
