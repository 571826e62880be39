// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {TestBase} from "./utils/Vm.sol";
import {Toke} from "../../contracts/core/Toke.sol";
import {DeGenesis} from "../../contracts/launch/DeGenesis.sol";
import {GenesisPool} from "../../contracts/launch/GenesisPool.sol";
import {IDeGenesis} from "../../contracts/interfaces/IDeGenesis.sol";
import {LaunchTestToken} from "./tokens/LaunchTestToken.sol";

/// @notice Fuzz of the whole sale with three USDC wallets and random target, overflow cap and
///         commitments: every claim goes through, each wallet's USDC is conserved exactly
///         (sold + Genesis + refund), the TOKE handed out never exceeds the allocation and the
///         contract keeps at most dust. (USDC only: the ETH path needs WETH9's bytecode, which the
///         TypeScript tests deploy from npm.)
contract DeGenesisFuzzTest is TestBase {
    uint256 private constant BASE_PRICE_USD = 8e18;
    uint256 private constant USDC_TO_USD = 1e12;
    uint256 private constant WALLETS = 3;

    address private constant GOVERNANCE = address(0xA11);
    address private constant TREASURY = address(0x7EA);

    function test_sale_conservesEveryAsset(
        uint256 targetUnits,
        uint256 capExtra,
        uint256[3] memory amounts
    ) public {
        // target = k x $8 so that target / base price is exact (k whole TOKE).
        targetUnits = bound(targetUnits, 125, 10_000_000);
        uint256 target = targetUnits * BASE_PRICE_USD;
        uint256 cap = target + bound(capExtra, 0, 3 * target);
        address[WALLETS] memory wallets = [address(0xB0B1), address(0xB0B2), address(0xB0B3)];

        (DeGenesis sale, Toke toke, LaunchTestToken usdc, GenesisPool usdcPool) = _deploy(
            target,
            cap,
            targetUnits * 1e18,
            wallets
        );
        uint256 total = _commitAll(sale, usdc, wallets, amounts, target);
        vm.warp(sale.windowEnd() + 1);
        vm.prank(GOVERNANCE);
        sale.finalize();

        uint256 tokePaid = _claimAll(sale, toke, usdc, usdcPool, wallets, amounts);
        uint256 allocation = targetUnits * 1e18;
        assertLe(tokePaid, allocation, "TOKE <= allocation");
        assertLe(allocation - tokePaid, WALLETS, "TOKE dust");
        uint256 left = usdc.balanceOf(address(sale));
        assertLe(left, WALLETS, "USDC dust");
        assertEq(
            usdc.balanceOf(TREASURY) + usdcPool.totalStaked() + _refunds(usdc, wallets) + left,
            total,
            "USDC conserved"
        );
        if (total * USDC_TO_USD <= target)
            assertEq(usdcPool.totalStaked(), 0, "no overflow below target");
    }

    /// Each wallet commits up to the wallet cap (= target here) in whole USDC units.
    function _commitAll(
        DeGenesis sale,
        LaunchTestToken usdc,
        address[WALLETS] memory wallets,
        uint256[3] memory amounts,
        uint256 target
    ) private returns (uint256 total) {
        vm.warp(sale.windowStart());
        for (uint256 i; i < WALLETS; ++i) {
            amounts[i] = bound(amounts[i], 1, target / USDC_TO_USD);
            usdc.mint(wallets[i], amounts[i]);
            vm.startPrank(wallets[i]);
            usdc.approve(address(sale), amounts[i]);
            sale.commitUsdc(amounts[i], _proof(wallets, i));
            vm.stopPrank();
            total += amounts[i];
        }
    }

    /// Claims for every wallet and checks each one's USDC and TOKE; returns the TOKE paid.
    function _claimAll(
        DeGenesis sale,
        Toke toke,
        LaunchTestToken usdc,
        GenesisPool usdcPool,
        address[WALLETS] memory wallets,
        uint256[3] memory amounts
    ) private returns (uint256 tokePaid) {
        for (uint256 i; i < WALLETS; ++i) {
            IDeGenesis.Settlement memory s = sale.settlementOf(wallets[i]);
            vm.prank(wallets[i]);
            sale.claim();
            assertEq(
                s.usdcSale + s.usdcGenesis + s.usdcRefund,
                amounts[i],
                "wallet USDC conserved"
            );
            assertEq(usdc.balanceOf(wallets[i]), s.usdcRefund, "refund paid");
            assertEq(usdcPool.balanceOf(wallets[i]), s.usdcGenesis, "Genesis staked");
            assertEq(toke.balanceOf(wallets[i]), s.toke, "TOKE paid");
            tokePaid += s.toke;
        }
    }

    function _refunds(
        LaunchTestToken usdc,
        address[WALLETS] memory wallets
    ) private view returns (uint256 sum) {
        for (uint256 i; i < WALLETS; ++i) sum += usdc.balanceOf(wallets[i]);
    }

    function _deploy(
        uint256 target,
        uint256 cap,
        uint256 allocation,
        address[WALLETS] memory wallets
    ) private returns (DeGenesis sale, Toke toke, LaunchTestToken usdc, GenesisPool usdcPool) {
        address[] memory recipients = new address[](1);
        uint256[] memory supply = new uint256[](1);
        recipients[0] = address(this);
        supply[0] = 100_000_000_000e18;
        toke = new Toke(recipients, supply);
        usdc = new LaunchTestToken("USD Coin", "USDC", 6);
        // Stands in for WETH9: no ETH is committed here, so it is never wrapped into.
        LaunchTestToken wethStandIn = new LaunchTestToken("Wrapped Ether", "WETH", 18);
        sale = new DeGenesis(
            IDeGenesis.Params({
                governance: GOVERNANCE,
                guardian: GOVERNANCE,
                treasury: TREASURY,
                toke: IERC20(address(toke)),
                usdc: IERC20(address(usdc)),
                weth: address(wethStandIn),
                merkleRoot: _root(wallets),
                windowStart: uint64(block.timestamp + 1),
                windowEnd: uint64(block.timestamp + 1 days),
                targetUsd: target,
                overflowCapUsd: cap,
                basePriceUsd: BASE_PRICE_USD,
                walletCapUsd: target,
                tokeAllocation: allocation,
                ethUsdPrice: 2_000e18,
                vestingSeconds: 0
            })
        );
        GenesisPool ethPool = _pool(wethStandIn, toke, sale);
        usdcPool = _pool(usdc, toke, sale);
        vm.prank(GOVERNANCE);
        sale.setGenesisPools(ethPool, usdcPool);
        toke.transfer(address(sale), allocation);
    }

    function _pool(LaunchTestToken asset, Toke toke, DeGenesis sale) private returns (GenesisPool) {
        return
            new GenesisPool(
                IERC20(address(asset)),
                IERC20(address(toke)),
                GOVERNANCE,
                GOVERNANCE,
                address(sale),
                block.timestamp + 2 days,
                block.timestamp + 3 days
            );
    }

    function _leaf(address account) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(account))));
    }

    /// Four leaves (the three wallets and a filler): root = H(H(l0, l1), H(l2, l3)).
    function _root(address[WALLETS] memory w) private pure returns (bytes32) {
        return
            Hashes.commutativeKeccak256(
                Hashes.commutativeKeccak256(_leaf(w[0]), _leaf(w[1])),
                Hashes.commutativeKeccak256(_leaf(w[2]), _leaf(address(0xF111)))
            );
    }

    function _proof(
        address[WALLETS] memory w,
        uint256 i
    ) private pure returns (bytes32[] memory proof) {
        proof = new bytes32[](2);
        if (i == 0) {
            proof[0] = _leaf(w[1]);
            proof[1] = Hashes.commutativeKeccak256(_leaf(w[2]), _leaf(address(0xF111)));
        } else if (i == 1) {
            proof[0] = _leaf(w[0]);
            proof[1] = Hashes.commutativeKeccak256(_leaf(w[2]), _leaf(address(0xF111)));
        } else {
            proof[0] = _leaf(address(0xF111));
            proof[1] = Hashes.commutativeKeccak256(_leaf(w[0]), _leaf(w[1]));
        }
    }
}
