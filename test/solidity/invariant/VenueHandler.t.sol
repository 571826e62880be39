// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {LiquidityAllocator} from "../../../contracts/core/LiquidityAllocator.sol";
import {CycleManager} from "../../../contracts/core/CycleManager.sol";
import {Reactor} from "../../../contracts/core/Reactor.sol";
import {Treasury} from "../../../contracts/core/Treasury.sol";
import {UniswapV2StyleAdapter} from "../../../contracts/adapters/uniswap-v2/UniswapV2StyleAdapter.sol";
import {IUniswapV2Pair} from "../../../contracts/interfaces/external/IUniswapV2Pair.sol";
import {IStakeDirectory} from "../../../contracts/interfaces/IStakeDirectory.sol";
import {TwapOracle} from "../../../contracts/oracles/TwapOracle.sol";
import {V2MathLib} from "../../../contracts/libraries/V2MathLib.sol";
import {TestERC20} from "../tokens/TestERC20.sol";
import {TestBase} from "../utils/Vm.sol";

/// @notice Stands in for LD staking in the Solidity invariant suite (the real one needs the
///         emission controller settling it, which the TypeScript tests wire): every vote goes to
///         one venue, and there is no stake to slash (the waterfall goes Treasury, write-down).
contract TestFixedVotes is IStakeDirectory {
    bytes32 private immutable _venue;

    constructor(bytes32 venue) {
        _venue = venue;
    }

    function venueWeights(
        address
    ) external view returns (bytes32[] memory ids, uint256[] memory weights) {
        ids = new bytes32[](1);
        weights = new uint256[](1);
        ids[0] = _venue;
        weights[0] = 1;
    }

    function slash(address, uint256, address) external pure returns (uint256) {
        return 0;
    }
}

/// @notice Drives a token Reactor paired with a base Reactor on a real SushiSwap pair through
///         random deposits, redemption requests and claims, traders moving the pool's price,
///         rollovers (with the allocator's venue step), donations and governance sweeps while
///         liquidity is deployed, and outsiders calling privileged functions. It counts every
///         violation it sees as it happens. It holds GOVERNANCE_ROLE (for `sweep` only).
contract VenueHandler is TestBase {
    uint256 private constant ACTORS = 3;
    uint256 private constant MAX_TOKEN = 50_000e18;
    uint256 private constant MAX_BASE = 50e18;
    /// @notice Largest trade, in bps of the input reserve.
    uint256 private constant MAX_TRADE_BPS = 300;
    uint256 private constant BPS = 10_000;
    uint256 private constant ORACLE_LEAD = 1 hours;
    /// @notice A request must be claimable within this many completed rollovers (invariant 11).
    uint256 private constant EXIT_ROLLOVERS = 2;

    Reactor public immutable tToken;
    Reactor public immutable tBase;
    CycleManager public immutable manager;
    Treasury public immutable treasury;
    LiquidityAllocator public immutable allocator;
    UniswapV2StyleAdapter public immutable adapter;
    TwapOracle public immutable oracle;
    IUniswapV2Pair public immutable pair;
    TestERC20 public immutable token;
    TestERC20 public immutable base;

    address[ACTORS] private _actors;
    address private constant OUTSIDER = address(0xBAD);

    uint256 public completedRollovers;
    mapping(address reactor => mapping(address actor => uint256 rollover)) public requestedAt;

    uint256 public unauthorizedSuccesses; // invariant 10
    uint256 public rolloverFailures; // invariant 11
    uint256 public claimFailures; // invariant 11
    uint256 public lateExits; // invariant 11
    bytes public lastRolloverError;
    uint256 public custodyViolations; // invariant 9
    uint256 public sweeps;
    uint256 public swept; // asset units sent to the Treasury by sweeps, both Reactors
    uint256 public donated; // asset units given to the Reactors outside deposits
    uint256 public sweepsIntoBackedAssets; // invariant 3: a sweep left requests or supply unbacked

    constructor(
        Reactor tToken_,
        Reactor tBase_,
        CycleManager manager_,
        Treasury treasury_,
        LiquidityAllocator allocator_,
        UniswapV2StyleAdapter adapter_,
        TwapOracle oracle_,
        IUniswapV2Pair pair_,
        TestERC20 token_,
        TestERC20 base_
    ) {
        tToken = tToken_;
        tBase = tBase_;
        manager = manager_;
        treasury = treasury_;
        allocator = allocator_;
        adapter = adapter_;
        oracle = oracle_;
        pair = pair_;
        token = token_;
        base = base_;
        for (uint256 i; i < ACTORS; ++i) {
            address actor = address(uint160(0x2000 + i));
            _actors[i] = actor;
            vm.startPrank(actor);
            token_.approve(address(tToken_), type(uint256).max);
            base_.approve(address(tBase_), type(uint256).max);
            vm.stopPrank();
        }
    }

    // =============================================================== LP actions

    function deposit(uint256 seed, uint256 amount, bool toBase) external {
        address actor = _actors[seed % ACTORS];
        (Reactor reactor, TestERC20 asset, uint256 max) = toBase
            ? (tBase, base, MAX_BASE)
            : (tToken, token, MAX_TOKEN);
        if (reactor.paused()) return;
        amount = bound(amount, 1e15, max);
        asset.mint(actor, amount);
        vm.prank(actor);
        reactor.deposit(amount, actor);
    }

    function requestRedeem(uint256 seed, uint256 fractionBps, bool fromBase) external {
        address actor = _actors[seed % ACTORS];
        Reactor reactor = fromBase ? tBase : tToken;
        uint256 shares = (reactor.balanceOf(actor) * bound(fractionBps, 1, BPS)) / BPS;
        if (shares == 0 || reactor.claimableRedeemRequest(0, actor) != 0) return;
        vm.prank(actor);
        reactor.requestRedeem(shares, actor, actor);
        requestedAt[address(reactor)][actor] = completedRollovers;
    }

    function claim(uint256 seed, bool fromBase) external {
        address actor = _actors[seed % ACTORS];
        Reactor reactor = fromBase ? tBase : tToken;
        uint256 claimable = reactor.claimableRedeemRequest(0, actor);
        if (claimable == 0) return;
        vm.prank(actor);
        try reactor.redeem(claimable, actor, actor) {} catch {
            ++claimFailures;
        }
    }

    // =============================================================== markets

    /// @dev A trader sells up to 3% of a reserve into the pair (moves the price, pays fees).
    function trade(uint256 amountBps, bool sellToken) external {
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        bool tokenIs0 = address(token) < address(base);
        (uint256 rToken, uint256 rBase) = tokenIs0
            ? (uint256(r0), uint256(r1))
            : (uint256(r1), uint256(r0));
        (uint256 rIn, uint256 rOut, TestERC20 input) = sellToken
            ? (rToken, rBase, token)
            : (rBase, rToken, base);
        uint256 amountIn = (rIn * bound(amountBps, 1, MAX_TRADE_BPS)) / BPS;
        if (amountIn == 0) return;
        uint256 amountOut = V2MathLib.getAmountOut(amountIn, rIn, rOut);
        input.mint(address(pair), amountIn);
        bool outIs0 = sellToken != tokenIs0;
        pair.swap(outIs0 ? amountOut : 0, outIs0 ? 0 : amountOut, address(this), "");
    }

    // =============================================================== rollover

    function rollover() external {
        uint256 end = manager.cycleEnd();
        if (block.timestamp < end - ORACLE_LEAD) vm.warp(end - ORACLE_LEAD);
        oracle.update(address(token), address(base));
        if (block.timestamp < end) vm.warp(end);
        manager.startRollover();
        try manager.processReactors(type(uint16).max) {} catch (bytes memory reason) {
            ++rolloverFailures;
            lastRolloverError = reason;
            return;
        }
        manager.completeRollover();
        ++completedRollovers;
        _checkCustody();
        _checkExits(tToken);
        _checkExits(tBase);
    }

    // =============================================================== donations and sweeps

    /// @dev Someone sends a Reactor `donation` of its own asset outside `deposit` (0: none), and
    ///      governance sweeps it, liquidity deployed or not. Afterwards the idle assets still
    ///      cover the reserved (matured) requests, supply x rate is still backed by idle +
    ///      deployed, and every matured request is paid in full. The donation never outlives the
    ///      action (see the report of issue 20: a donation left across a rollover can starve it).
    function sweep(uint256 donation, bool fromBase) external {
        (Reactor reactor, TestERC20 asset, uint256 max) = fromBase
            ? (tBase, base, MAX_BASE)
            : (tToken, token, MAX_TOKEN);
        donation = bound(donation, 0, max / 100);
        if (donation != 0) asset.mint(address(reactor), donation);
        donated += donation;
        uint256 amount = reactor.sweep(address(asset));
        ++sweeps;
        swept += amount;
        if (
            reactor.idleAssets() < reactor.reservedAssets() ||
            reactor.convertToAssets(reactor.totalSupply()) >
                reactor.idleAssets() + reactor.deployedAssets()
        ) ++sweepsIntoBackedAssets;
        for (uint256 i; i < ACTORS; ++i) {
            address actor = _actors[i];
            uint256 claimable = reactor.claimableRedeemRequest(0, actor);
            if (claimable == 0) continue;
            vm.prank(actor);
            try reactor.redeem(claimable, actor, actor) {} catch {
                ++claimFailures;
                ++sweepsIntoBackedAssets;
            }
        }
    }

    // =============================================================== outsiders

    /// @dev An outsider tries one privileged function; any success is a violation.
    function outsider(uint256 which) external {
        vm.startPrank(OUTSIDER);
        bool ok;
        uint256 pick = which % 10;
        if (pick == 0)
            (ok, ) = address(allocator).call(
                abi.encodeCall(allocator.rebalance, (address(tToken), 0, block.timestamp))
            );
        else if (pick == 1)
            (ok, ) = address(allocator).call(abi.encodeCall(allocator.setBounds, (500, 0)));
        else if (pick == 2)
            (ok, ) = address(allocator).call(
                abi.encodeCall(allocator.setStakeDirectory, (OUTSIDER))
            );
        else if (pick == 3) {
            (ok, ) = address(adapter).call(
                abi.encodeCall(
                    adapter.addLiquidity,
                    (address(token), address(base), 1, 1, 0, 0, block.timestamp)
                )
            );
        } else if (pick == 4) {
            (ok, ) = address(adapter).call(
                abi.encodeCall(
                    adapter.removeLiquidity,
                    (address(token), address(base), 1, 0, 0, block.timestamp)
                )
            );
        } else if (pick == 5)
            (ok, ) = address(treasury).call(abi.encodeCall(treasury.coverLoss, (address(base), 1)));
        else if (pick == 6) (ok, ) = address(tToken).call(abi.encodeCall(tToken.pullAssets, (1)));
        else if (pick == 7)
            (ok, ) = address(manager).call(abi.encodeCall(manager.setAllocator, (OUTSIDER)));
        else if (pick == 8) (ok, ) = address(allocator).call(abi.encodeCall(allocator.pause, ()));
        else
            (ok, ) = address(manager).call(
                abi.encodeCall(manager.processReactorsWithBounds, (1, 0, block.timestamp))
            );
        vm.stopPrank();
        if (ok) ++unauthorizedSuccesses;
    }

    // =============================================================== checks

    function _checkCustody() private {
        if (
            token.balanceOf(address(allocator)) != 0 ||
            base.balanceOf(address(allocator)) != 0 ||
            token.balanceOf(address(adapter)) != 0 ||
            base.balanceOf(address(adapter)) != 0
        ) ++custodyViolations;
    }

    /// @dev Every request made EXIT_ROLLOVERS rollovers ago must be claimable, not pending.
    function _checkExits(Reactor reactor) private {
        for (uint256 i; i < ACTORS; ++i) {
            address actor = _actors[i];
            if (reactor.pendingRedeemRequest(0, actor) == 0) continue;
            if (completedRollovers - requestedAt[address(reactor)][actor] >= EXIT_ROLLOVERS)
                ++lateExits;
        }
    }
}
