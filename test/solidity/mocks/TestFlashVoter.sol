// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ILDStaking} from "../../../contracts/interfaces/ILDStaking.sol";

/// @notice Attacker for the flash-stake test: in one transaction it stakes borrowed-like TOKE,
///         votes, records the venue tallies the rollover would read, and asks for its stake back.
contract TestFlashVoter {
    /// @notice Active tallies of the first three slots seen right after the vote.
    uint256[3] public seen;

    function attack(
        ILDStaking staking,
        address reactor,
        uint256 amount,
        bytes32[] calldata venues,
        uint16[] calldata shares
    ) external {
        IERC20(staking.toke()).approve(address(staking), amount);
        staking.stake(reactor, amount, address(this));
        staking.vote(reactor, venues, shares);
        (uint256[16] memory active, ) = staking.tallies(reactor);
        seen = [active[0], active[1], active[2]];
        staking.requestUnstake(reactor, amount);
    }
}
