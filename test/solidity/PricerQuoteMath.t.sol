// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {QuoteMathLib} from "../../contracts/libraries/QuoteMathLib.sol";
import {TestBase} from "./utils/Vm.sol";

/// @notice Fuzz of the fill maths against exact rational bounds: the pool never pays more than
///         the quote's price allows, the fee never rounds below its rate, the band never widens.
contract PricerQuoteMathTest is TestBase {
    uint256 private constant SCALE = 1e18;
    uint256 private constant BPS = 10_000;
    uint256 private constant MAX_PRICE = 1e36;
    uint256 private constant MAX_AMOUNT = type(uint128).max;

    function testFuzz_ask_neverPaysMoreThanThePriceAllows(
        uint256 price,
        uint256 baseIn,
        uint256 feeBps
    ) public pure {
        price = bound(price, 1, MAX_PRICE);
        baseIn = bound(baseIn, 0, MAX_AMOUNT);
        feeBps = bound(feeBps, 0, 100);
        (uint256 assetOut, uint256 fee) = QuoteMathLib.ask(price, baseIn, feeBps);
        assertLe(fee, baseIn, "fee <= input");
        assertGe(fee * BPS, baseIn * feeBps, "fee rounds up");
        assertLe(fee * BPS, baseIn * feeBps + BPS - 1, "fee by at most one unit");
        // assetOut x price <= (baseIn - fee) x 1e18, and one more unit would break it.
        assertLe(assetOut * price, (baseIn - fee) * SCALE, "asset out within the price");
        assertGe((assetOut + 1) * price, (baseIn - fee) * SCALE + 1, "rounded down by < 1 unit");
    }

    function testFuzz_bid_neverPaysMoreThanThePriceAllows(
        uint256 price,
        uint256 assetIn,
        uint256 feeBps
    ) public pure {
        price = bound(price, 1, MAX_PRICE);
        assetIn = bound(assetIn, 0, MAX_AMOUNT);
        feeBps = bound(feeBps, 0, 100);
        (uint256 gross, uint256 fee, uint256 baseOut) = QuoteMathLib.bid(price, assetIn, feeBps);
        assertEq(baseOut + fee, gross, "out + fee = gross");
        assertLe(gross * SCALE, assetIn * price, "gross within the price");
        assertGe((gross + 1) * SCALE, assetIn * price + 1, "rounded down by < 1 unit");
        assertGe(fee * BPS, gross * feeBps, "fee rounds up");
    }

    function testFuzz_band_isInsideTheExactBand(uint256 ref, uint256 bandBps) public pure {
        ref = bound(ref, 1, 1e54);
        bandBps = bound(bandBps, 1, 2_000);
        (uint256 low, uint256 high) = QuoteMathLib.band(ref, bandBps);
        assertGe(low * BPS, ref * (BPS - bandBps), "low >= ref (1 - b)");
        assertLe(high * BPS, ref * (BPS + bandBps), "high <= ref (1 + b)");
        assertLe(low, ref, "low <= ref");
        assertGe(high, ref, "high >= ref");
    }

    function testFuzz_edge_roundsAgainstThePool(
        uint256 amount,
        uint256 baseBooked,
        uint256 ref,
        bool isAsk
    ) public pure {
        amount = bound(amount, 0, MAX_AMOUNT);
        baseBooked = bound(baseBooked, 0, MAX_AMOUNT);
        ref = bound(ref, 1, 2 * MAX_PRICE);
        int256 e = QuoteMathLib.edge(isAsk, amount, baseBooked, ref);
        // exact edge x 1e18 = +/- (baseBooked x 1e18 - amount x ref); the booked one is below it.
        int256 exact =
            isAsk
                ? int256(baseBooked * SCALE) - int256(amount * ref)
                : int256(amount * ref) - int256(baseBooked * SCALE);
        assertTrue(e * int256(SCALE) <= exact, "edge never above the exact value");
        assertTrue((e + 1) * int256(SCALE) > exact, "by less than one unit");
    }
}
