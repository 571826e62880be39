// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {InvariantBase} from "../utils/Vm.sol";
import {StakingPoolHandler} from "./handlers/StakingPoolHandler.sol";

/// @notice Invariant suite of the launch staking pool (TOKE pool: staking token = reward token,
///         the hardest case for the accounting).
///
/// Spec (ids of /work/shared/notes/security.md in brackets):
/// - SP-1 [8 Rewards]       paid + sum of claimable + still to emit + queued <= funded, and the
///                          gap (rewardPerToken rounding dust) stays bounded per update.
/// - SP-2 [8 Rewards]       the pool's TOKE balance covers every stake plus everything claimable:
///                          stakes are never used to pay rewards.
/// - SP-3 [7 Votes]         the checkpointed total equals the sum of stakes, and each past stake
///                          read through getPastStake equals the balance recorded at that time.
/// - SP-4 [5 No free value] every actor holds exactly its start balance plus the rewards paid.
contract StakingPoolRewardsInvariantTest is InvariantBase {
    /// @dev rewardPerToken rounds down by under total / 1e18 wei per update (total <= 3e24: the
    ///      three actors' whole balances), and each earned() floors by under 1 wei per actor.
    uint256 private constant DUST_PER_UPDATE = 3e6 + 3;

    StakingPoolHandler private _handler;

    function setUp() public {
        _handler = new StakingPoolHandler();
        targetContract(address(_handler));
    }

    function invariant_SP1_rewardsNeverExceedFunding() public view {
        (uint256 accounted, uint256 funded) = _handler.rewardAccounting();
        assertLe(accounted, funded, "SP-1 paid + claimable + future + queued <= funded");
        assertLe(
            funded - accounted,
            (_handler.updates() + 1) * DUST_PER_UPDATE,
            "SP-1 dust is bounded"
        );
    }

    function invariant_SP2_stakesAreBacked() public view {
        assertGe(
            _handler.poolBalance(),
            _handler.totalStakedSum() + _handler.claimableSum(),
            "SP-2 backing"
        );
    }

    function invariant_SP3_checkpointsMatchBalances() public view {
        assertEq(_handler.pool().totalStaked(), _handler.totalStakedSum(), "SP-3 total = sum");
        _handler.checkPastStakes();
    }

    function invariant_SP4_noFreeValue() public view {
        _handler.checkNoFreeValue();
    }
}
