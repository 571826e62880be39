// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "../../utils/Vm.sol";
import {Toke} from "../../../../contracts/core/Toke.sol";
import {StakingPool} from "../../../../contracts/launch/StakingPool.sol";

/// @notice Drives three stakers and governance through random stake / withdraw / claim / fund /
///         time steps.
contract StakingPoolHandler is TestBase {
    uint256 private constant START_BALANCE = 1_000_000e18;
    uint256 private constant ACTORS = 3;

    Toke private immutable TOKE;
    StakingPool private immutable POOL;
    address[ACTORS] private _actors;
    uint256 private _funded;
    uint256 private _paid;
    uint256 private _updates;
    uint256 private _refusedFundings;
    mapping(address actor => uint256) private _rewardsPaid;
    uint256[] private _snapTimes;
    mapping(uint256 time => mapping(address actor => uint256)) private _snapStakes;

    constructor() {
        address[] memory recipients = new address[](1);
        uint256[] memory amounts = new uint256[](1);
        recipients[0] = address(this);
        amounts[0] = 100_000_000e18;
        TOKE = new Toke(recipients, amounts);
        POOL = new StakingPool(TOKE, TOKE, address(this), address(this));
        TOKE.approve(address(POOL), type(uint256).max);
        for (uint256 i; i < ACTORS; ++i) {
            address actor = address(uint160(0xA11CE + i));
            _actors[i] = actor;
            TOKE.transfer(actor, START_BALANCE);
            vm.prank(actor);
            TOKE.approve(address(POOL), type(uint256).max);
        }
    }

    function stake(uint256 who, uint256 amount) external {
        address actor = _actors[who % ACTORS];
        uint256 held = TOKE.balanceOf(actor);
        if (held == 0) return;
        amount = bound(amount, 1, held);
        vm.prank(actor);
        POOL.stake(amount);
        ++_updates;
    }

    function withdraw(uint256 who, uint256 amount) external {
        address actor = _actors[who % ACTORS];
        uint256 staked = POOL.balanceOf(actor);
        if (staked == 0) return;
        amount = bound(amount, 1, staked);
        vm.prank(actor);
        POOL.withdraw(amount);
        ++_updates;
    }

    function claim(uint256 who) external {
        address actor = _actors[who % ACTORS];
        vm.prank(actor);
        uint256 paid = POOL.claimRewards();
        _paid += paid;
        _rewardsPaid[actor] += paid;
        ++_updates;
    }

    function fund(uint256 amount, uint256 duration) external {
        amount = bound(amount, 0, 1_000_000e18);
        duration = bound(duration, 1 hours, 30 days);
        // A funding whose rate rounds to zero is refused; the handler just counts it.
        try POOL.fundRewards(amount, duration) {
            _funded += amount;
            ++_updates;
        } catch {
            ++_refusedFundings;
        }
    }

    function warp(uint256 seconds_) external {
        // Record every stake at the current second before time moves on.
        uint256 nowTs = block.timestamp;
        _snapTimes.push(nowTs);
        for (uint256 i; i < ACTORS; ++i)
            _snapStakes[nowTs][_actors[i]] = POOL.balanceOf(_actors[i]);
        vm.warp(nowTs + bound(seconds_, 1, 3 days));
    }

    // ------------------------------------------------------------ views for the invariants

    function pool() external view returns (StakingPool) {
        return POOL;
    }

    function updates() external view returns (uint256) {
        return _updates;
    }

    function rewardAccounting() external view returns (uint256 accounted, uint256 funded) {
        uint256 future;
        uint256 finish = POOL.periodFinish();
        if (finish > block.timestamp) future = (finish - block.timestamp) * POOL.rewardRate();
        accounted = _paid + claimableSum() + future + POOL.queuedRewards();
        funded = _funded;
    }

    function claimableSum() public view returns (uint256 sum) {
        for (uint256 i; i < ACTORS; ++i) sum += POOL.earned(_actors[i]);
    }

    function totalStakedSum() public view returns (uint256 sum) {
        for (uint256 i; i < ACTORS; ++i) sum += POOL.balanceOf(_actors[i]);
    }

    function poolBalance() external view returns (uint256) {
        return TOKE.balanceOf(address(POOL));
    }

    function checkPastStakes() external view {
        uint256 count = _snapTimes.length;
        // The latest few snapshots are enough to catch a broken checkpoint and keep the check cheap.
        uint256 from = count > 4 ? count - 4 : 0;
        for (uint256 k = from; k < count; ++k) {
            uint256 t = _snapTimes[k];
            if (t >= block.timestamp) continue;
            for (uint256 i; i < ACTORS; ++i) {
                assertEq(
                    POOL.getPastStake(_actors[i], t),
                    _snapStakes[t][_actors[i]],
                    "SP-3 past stake"
                );
            }
        }
    }

    function checkNoFreeValue() external view {
        for (uint256 i; i < ACTORS; ++i) {
            address actor = _actors[i];
            assertEq(
                TOKE.balanceOf(actor) + POOL.balanceOf(actor),
                START_BALANCE + _rewardsPaid[actor],
                "SP-4 holdings = start + rewards paid"
            );
        }
    }
}
