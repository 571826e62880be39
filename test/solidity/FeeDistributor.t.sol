// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {TestBase} from "./utils/Vm.sol";
import {TestERC20} from "./tokens/TestERC20.sol";
import {FeeDistributor} from "../../contracts/governance/FeeDistributor.sol";
import {ProtocolRoles} from "../../contracts/governance/ProtocolRoles.sol";

/// @notice Fuzz tests of the fee distributor. This contract is both governance and the
///         stake-votes source, so it drives stake, slashes, distributions and time directly.
///         FD-1: claims never exceed what was distributed, and the token balance always covers
///               what is committed. FD-2: over one stream, each holder gets its stake-value
///               share, rounded down by at most a few wei. FD-3: a claim costs the same gas after
///               1 and after 20 distributions (O(1)).
contract FeeDistributorTest is TestBase {
    uint256 private constant WAD = 1e18;
    uint32 private constant PERIOD = 7 days;
    address private constant R0 = address(0xA0);
    address private constant R1 = address(0xA1);

    TestERC20 private _reward;
    FeeDistributor private _fd;
    address[3] private _holders = [address(0xB0), address(0xB1), address(0xB2)];
    mapping(address reactor => mapping(address account => uint256 units)) private _units;
    mapping(address reactor => uint256 rate) private _rates;
    uint256 private _distributed;
    uint256 private _claimed;

    function setUp() public {
        vm.warp(1_000_000);
        ProtocolRoles roles = new ProtocolRoles(address(this));
        _reward = new TestERC20("Wrapped Ether", "WETH", 18);
        _fd = new FeeDistributor(roles, _reward, address(this), PERIOD);
        _rates[R0] = WAD;
        _rates[R1] = WAD;
        _distributed = 0;
        _claimed = 0;
    }

    // ------------------------------------------------------------------ FD-1

    function testFuzz_claimsNeverExceedDistributions(uint256 seed) public {
        for (uint256 i; i < 24; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            uint256 action = r % 5;
            address reactor = (r >> 8) % 2 == 0 ? R0 : R1;
            address holder = _holders[(r >> 16) % 3];
            uint256 x = r >> 32;
            if (action == 0) _setUnits(reactor, holder, bound(x, 0, 1e27));
            else if (action == 1) _distribute(bound(x, 1, 1e24));
            else if (action == 2) vm.warp(block.timestamp + bound(x, 1, 10 days));
            else if (action == 3) _slash(reactor, bound(x, 1, _rates[reactor]));
            else _claim(holder);
            assertLe(_claimed, _distributed, "claimed <= distributed");
            assertGe(_reward.balanceOf(address(_fd)), _fd.committed(), "balance >= committed");
        }
        vm.warp(block.timestamp + 31 days);
        for (uint256 h; h < 3; ++h) _claim(_holders[h]);
        assertLe(_claimed, _distributed, "claimed <= distributed, in the end");
        assertEq(_reward.balanceOf(address(_fd)), _distributed - _claimed, "no token leaks");
    }

    // ------------------------------------------------------------------ FD-2

    function testFuzz_oneStream_paysStakeValueShares(
        uint256 u0,
        uint256 u1,
        uint256 rate1,
        uint256 amount
    ) public {
        u0 = bound(u0, 1e15, 1e27);
        u1 = bound(u1, 1e15, 1e27);
        rate1 = bound(rate1, 1e16, WAD);
        amount = bound(amount, 1e12, 1e24);
        _setUnits(R0, _holders[0], u0);
        _setUnits(R1, _holders[1], u1);
        _slash(R1, rate1);
        _distribute(amount);
        vm.warp(block.timestamp + PERIOD);
        uint256 v0 = u0; // R0 keeps rate 1e18
        uint256 v1 = (u1 * rate1 + WAD - 1) / WAD; // the distributor rounds values up
        uint256 want0 = (amount * v0) / (v0 + v1);
        uint256 want1 = (amount * u1 * rate1) / WAD / (v0 + v1);
        uint256 got0 = _claim(_holders[0]);
        uint256 got1 = _claim(_holders[1]);
        assertLe(got0 + got1, amount, "together at most the amount");
        // Rounding loses at most a few wei per holder (the stream's per-second rate, the
        // accumulators and the claim each round down once).
        assertLe(got0, want0 + 1, "holder 0 not above its share");
        assertGe(got0 + 3, want0, "holder 0 at its share");
        assertLe(got1, want1 + 1, "holder 1 not above its share");
        assertGe(got1 + 3, want1, "holder 1 at its share");
    }

    // ------------------------------------------------------------------ FD-3

    function test_claim_sameGasAfterOneOrTwentyDistributions() public {
        // Two holders in the same position; one claims after 1 distribution, the other after 20.
        // A third claims just before each, so both measured claims find the shared slots warm
        // and their own cold (one test is one transaction).
        _setUnits(R0, _holders[0], 1e18);
        _setUnits(R0, _holders[1], 1e18);
        _setUnits(R0, _holders[2], 1e18);
        _distribute(1e18);
        vm.warp(block.timestamp + PERIOD);
        uint256 one = _claimGas(_holders[0]);
        for (uint256 i = 1; i < 20; ++i) {
            _distribute(1e18);
            vm.warp(block.timestamp + PERIOD);
        }
        uint256 twenty = _claimGas(_holders[1]);
        assertEq(twenty, one, "claim gas after 20 distributions = after 1");
    }

    function test_nobodyStaked_streamIsCarriedNotLost() public {
        _distribute(1e18);
        vm.warp(block.timestamp + PERIOD);
        // Nobody held stake: the whole stream is carried into the next distribution.
        _setUnits(R0, _holders[0], 1e18);
        _distribute(1e18);
        vm.warp(block.timestamp + PERIOD);
        uint256 got = _claim(_holders[0]);
        assertLe(got, 2e18, "at most both amounts");
        assertGe(got + 3, 2e18, "both amounts, carried");
    }

    // ------------------------------------------------------------------ helpers

    function _claimGas(address holder) private returns (uint256 gasUsed) {
        _claim(_holders[2]);
        vm.prank(holder);
        uint256 before = gasleft();
        _fd.claim(holder);
        gasUsed = before - gasleft();
    }

    function _setUnits(address reactor, address holder, uint256 units) private {
        _fd.unitsChanged(reactor, holder, _units[reactor][holder], units, _rates[reactor]);
        _units[reactor][holder] = units;
    }

    function _slash(address reactor, uint256 rate) private {
        _rates[reactor] = rate;
        _fd.rateChanged(reactor, rate);
    }

    function _distribute(uint256 amount) private {
        _reward.mint(address(_fd), amount);
        _fd.distribute(amount);
        _distributed += amount;
    }

    function _claim(address holder) private returns (uint256 got) {
        vm.prank(holder);
        got = _fd.claim(holder);
        _claimed += got;
    }
}
