// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IFallbackPriceFeed} from "../../../contracts/interfaces/IFallbackPriceFeed.sol";

/// @notice A fallback price feed whose answer a test sets directly (no such feed exists on npm).
contract MockPriceFeed is IFallbackPriceFeed {
    uint256 private _priceX112;
    uint256 private _updatedAt;

    function set(uint256 priceX112, uint256 updatedAt) external {
        _priceX112 = priceX112;
        _updatedAt = updatedAt;
    }

    function latestPrice(address, address) external view returns (uint256, uint256) {
        return (_priceX112, _updatedAt);
    }
}
