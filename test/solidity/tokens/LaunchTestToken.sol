// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {Address} from "@openzeppelin/contracts/utils/Address.sol";
import {IDeGenesis} from "../../../contracts/interfaces/IDeGenesis.sol";

/// @notice Test-only ERC20 with free minting and chosen decimals: stands in for USDC (6) and for
///         CoRE candidate project tokens, which have no npm bytecode.
contract LaunchTestToken is ERC20 {
    uint8 private immutable DECIMALS;

    constructor(string memory name_, string memory symbol_, uint8 decimals_) ERC20(name_, symbol_) {
        DECIMALS = decimals_;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function decimals() public view override returns (uint8) {
        return DECIMALS;
    }
}

/// @notice Test-only stand-in for a Reactor's tAsset while the Reactor contract is built on
///         another branch: OpenZeppelin's own ERC-4626 vault over the asset.
contract LaunchTestReactor is ERC4626 {
    constructor(IERC20 asset_) ERC20("Test tAsset", "tTEST") ERC4626(asset_) {}
}

/// @notice Test-only wallet that refuses ETH: proves a refused refund does not block a claim.
contract EthRefuser {
    error EthRefuserRefused();

    receive() external payable {
        revert EthRefuserRefused();
    }

    /// @notice Forwards a call (commit, claim, withdrawDeferredEth) from this contract.
    function call(
        address target,
        uint256 value,
        bytes calldata data
    ) external payable returns (bytes memory) {
        return Address.functionCallWithValue(target, data, value);
    }
}

/// @notice Test-only wallet that tries to claim again from inside its ETH refund (reentrancy).
contract ReentrantClaimer {
    address private _sale;

    /// @notice Forwards a call (commit, claim) from this contract and remembers the sale.
    function call(
        address target,
        uint256 value,
        bytes calldata data
    ) external payable returns (bytes memory) {
        _sale = target;
        return Address.functionCallWithValue(target, data, value);
    }

    // The attack itself: claiming again from inside the refund.
    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        IDeGenesis(_sale).claim();
    }
}
