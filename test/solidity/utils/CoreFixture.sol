// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {CycleManager} from "../../../contracts/core/CycleManager.sol";
import {Reactor} from "../../../contracts/core/Reactor.sol";
import {Treasury} from "../../../contracts/core/Treasury.sol";
import {ProtocolRoles} from "../../../contracts/governance/ProtocolRoles.sol";
import {ICycleManager} from "../../../contracts/interfaces/ICycleManager.sol";
import {TestERC20} from "../tokens/TestERC20.sol";

/// @notice Deploys the core for Solidity tests: this contract is governance; one cycle lasts
///         CYCLE_SECONDS; `idleReactor` (an empty Reactor settled first, so that a rollover can
///         be left half done before `reactor` is settled) and `reactor` (on `token`, 6 decimals
///         like USDC) are registered in that order.
abstract contract CoreFixture {
    uint32 internal constant CYCLE_SECONDS = 1 days;

    ProtocolRoles internal roles;
    CycleManager internal manager;
    Treasury internal treasury;
    TestERC20 internal token;
    Reactor internal reactor;
    Reactor internal idleReactor;

    function _deployCore() internal {
        roles = new ProtocolRoles(address(this));
        manager = new CycleManager(IAccessControl(address(roles)), block.timestamp, CYCLE_SECONDS);
        treasury = new Treasury(IAccessControl(address(roles)));
        token = new TestERC20("USD Coin", "USDC", 6);
        reactor = _newReactor(token);
        // One Reactor per asset: the idle Reactor holds another token.
        idleReactor = _newReactor(new TestERC20("Idle asset", "IDLE", 6));
        manager.addReactor(address(idleReactor));
        manager.addReactor(address(reactor));
    }

    function _newReactor(TestERC20 asset) internal returns (Reactor) {
        return
            new Reactor(
                IERC20Metadata(address(asset)),
                ICycleManager(address(manager)),
                IAccessControl(address(roles)),
                address(treasury)
            );
    }
}
