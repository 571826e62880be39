// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CycleManager} from "../../../contracts/core/CycleManager.sol";
import {Reactor} from "../../../contracts/core/Reactor.sol";
import {Treasury} from "../../../contracts/core/Treasury.sol";
import {ICycleManager} from "../../../contracts/interfaces/ICycleManager.sol";
import {CycleLedgerLib} from "../../../contracts/libraries/CycleLedgerLib.sol";
import {TestERC20} from "../tokens/TestERC20.sol";
import {TestBase} from "../utils/Vm.sol";

/// @notice Drives one Reactor through random sequences of LP actions (deposit, mint, request,
///         transfer, redeem, withdraw), rollovers (possibly late, left half done and resumed),
///         an allocator that deploys idle assets and reports losses, donations, pauses, privileged
///         calls from outsiders and full exits. It records ghost values the invariants compare
///         against, and counts every violation it sees as it happens.
/// @dev In a `.t.sol` file because the test runner only fuzzes contracts whose artifacts come
///      from test files. The handler is the Reactor's allocator and holds guardian + governance roles (granted by
///      the test). Before each rollover it brings deployed assets back, as the venue step of a
///      rollover will (a later issue).
contract ReactorHandler is TestBase {
    uint256 private constant RATE_SCALE = CycleLedgerLib.RATE_SCALE;
    uint256 private constant MAX_AMOUNT = 1e15; // 1e9 USDC per action
    /// @dev Write-downs stop at 1% of 1:1 so deposits keep minting meaningful amounts.
    uint256 private constant MIN_RATE = RATE_SCALE / 100;
    uint256 private constant ACTORS = 4;

    Reactor public immutable reactor;
    Reactor public immutable idleReactor;
    CycleManager public immutable manager;
    Treasury public immutable treasury;
    TestERC20 public immutable token;
    address public immutable guardianOnly;

    address[ACTORS] private _actors;

    // ------------------------------------------------------------- ghost values
    uint256 public ghostRate = RATE_SCALE;
    uint256 public ghostCompletedRollovers;
    uint256 public ghostMinted; // every asset token ever minted (to actors or as donations)
    /// @dev Shares each actor requested (as its own controller) per maturity cycle, and claimed.
    mapping(address actor => mapping(uint256 maturity => uint256 shares)) public ghostRequested;
    mapping(address actor => uint256 shares) public ghostClaimed;

    uint256 public earlyRedeems; // invariant 4: a claim before its request's maturity
    uint256 public prematureRollovers; // invariant 4: a rollover started before the cycle's end
    uint256 public cycleJumps; // invariant 4: the cycle moved by other than one per completion
    uint256 public roundingViolations; // invariant 6
    uint256 public unauthorizedSuccesses; // invariant 10
    uint256 public livenessFailures; // invariant 11
    uint256 public uncoveredAfterRollover; // invariant 3: a fully recalled rollover left a debt
    uint256 public sweepViolations; // invariant 3: a sweep took assets that back requests
    uint256 public shortRollovers; // rollovers settled without recalling (shortfalls allowed)

    constructor(
        Reactor reactor_,
        Reactor idleReactor_,
        CycleManager manager_,
        Treasury treasury_,
        TestERC20 token_
    ) {
        reactor = reactor_;
        idleReactor = idleReactor_;
        manager = manager_;
        treasury = treasury_;
        token = token_;
        guardianOnly = address(0x6A4D);
        for (uint256 i; i < ACTORS; ++i) {
            address actor = address(uint160(0x1000 + i));
            _actors[i] = actor;
            vm.prank(actor);
            token_.approve(address(reactor_), type(uint256).max);
        }
        token_.approve(address(reactor_), type(uint256).max);
    }

    function actors() external view returns (address[ACTORS] memory) {
        return _actors;
    }

    // =============================================================== LP actions

    function deposit(uint256 seed, uint256 assets) external {
        address actor = _actor(seed);
        assets = bound(assets, 1, MAX_AMOUNT);
        if (reactor.paused()) return;
        _mintTo(actor, assets);
        vm.prank(actor);
        uint256 shares = reactor.deposit(assets, actor);
        uint256 value = _value(shares);
        // shares = floor(assets / rate), so the holder's value falls short of what was paid by
        // less than one share unit's worth: 1 wei while rate <= 1, ceil(rate) wei above it (a
        // lifted mark can leave the rate above 1 after holders exited at the marked rate).
        uint256 oneUnit = (reactor.rate() + RATE_SCALE - 1) / RATE_SCALE;
        if (value > assets || assets - value > oneUnit) ++roundingViolations;
    }

    function mint(uint256 seed, uint256 shares) external {
        address actor = _actor(seed);
        shares = bound(shares, 1, MAX_AMOUNT);
        if (reactor.paused()) return;
        uint256 assets = reactor.previewMint(shares);
        _mintTo(actor, assets);
        vm.prank(actor);
        uint256 paid = reactor.mint(shares, actor);
        uint256 value = _value(shares);
        if (paid != assets || value > paid || paid - value > 1) ++roundingViolations;
    }

    function requestRedeem(uint256 seed, uint256 shares) external {
        address actor = _actor(seed);
        uint256 balance = reactor.balanceOf(actor);
        if (balance == 0) return;
        shares = bound(shares, 1, balance);
        vm.prank(actor);
        reactor.requestRedeem(shares, actor, actor);
        ghostRequested[actor][_maturityNow()] += shares;
    }

    /// @dev ERC-7887: cancels the pending part and, half the time, claims the shares back.
    function cancel(uint256 seed) external {
        address actor = _actor(seed);
        (, uint256 next) = reactor.redeemRequest(actor);
        if (reactor.pendingRedeemShares() == 0 && next == 0) return;
        vm.prank(actor);
        try reactor.cancelRedeemRequest(0, actor) {
            uint256 book = reactor.cycle();
            ghostRequested[actor][book] = 0;
            ghostRequested[actor][book + 1] = 0;
        } catch {}
        if (seed % 2 == 0 && reactor.claimableCancelRedeemRequest(0, actor) != 0) {
            vm.prank(actor);
            reactor.claimCancelRedeemRequest(0, actor, actor);
        }
    }

    function transfer(uint256 fromSeed, uint256 toSeed, uint256 shares) external {
        address from = _actor(fromSeed);
        address to = _actor(toSeed);
        shares = bound(shares, 0, reactor.balanceOf(from));
        vm.prank(from);
        reactor.transfer(to, shares);
    }

    /// @dev Three times in four: an actor with something claimable (if any) claims part or all of
    ///      it. Otherwise: any actor tries any amount up to its balance + escrow, matured or not
    ///      (only a matured amount may go through, checked against the ghost requests). A claim
    ///      pays at the controller's own average rate, rounded down.
    function redeem(uint256 seed, uint256 shares) external {
        bool honest = seed % 4 != 0;
        address actor = honest ? _claimant(seed) : _actor(seed >> 2);
        uint256 claimShares = reactor.maxRedeem(actor);
        uint256 claimAssets = reactor.maxWithdraw(actor);
        uint256 cap = honest ? claimShares : reactor.balanceOf(address(reactor)) + 1;
        shares = bound(shares, 1, cap == 0 ? 1 : cap);
        vm.prank(actor);
        try reactor.redeem(shares, actor, actor) returns (uint256 assets) {
            _countClaim(actor, shares);
            uint256 expected =
                shares == claimShares ? claimAssets : (shares * claimAssets) / claimShares;
            if (assets != expected) ++roundingViolations;
        } catch {}
    }

    /// @dev As `redeem`, by amount of assets (the shares burnt are rounded up).
    function withdraw(uint256 seed, uint256 assets) external {
        bool honest = seed % 4 != 0;
        address actor = honest ? _claimant(seed) : _actor(seed >> 2);
        uint256 claimShares = reactor.maxRedeem(actor);
        uint256 claimAssets = reactor.maxWithdraw(actor);
        uint256 cap = honest ? claimAssets : _value(reactor.balanceOf(address(reactor))) + 1;
        assets = bound(assets, 1, cap == 0 ? 1 : cap);
        vm.prank(actor);
        try reactor.withdraw(assets, actor, actor) returns (uint256 shares) {
            _countClaim(actor, shares);
            if (assets != claimAssets) {
                uint256 exact = assets * claimShares;
                if (shares * claimAssets < exact || (shares - 1) * claimAssets >= exact)
                    ++roundingViolations;
            }
        } catch {}
    }

    // ================================================================== rollover

    /// @dev Waits for the cycle's end (and up to two cycles more: late keepers), then starts the
    ///      rollover. One time in four it settles a single Reactor and stops there (half done,
    ///      resumed by a later call, with LP actions in between); otherwise it finishes.
    ///      One time in eight it recalls nothing: settlement must then pay what idle covers.
    function rollover(uint256 lateness, uint256 mode) external {
        ICycleManager.State memory s = manager.state();
        if (!s.inProgress) {
            uint256 end = manager.cycleEnd();
            if (block.timestamp < end) vm.warp(end + bound(lateness, 0, 2 * uint256(s.duration)));
            if (mode % 8 == 1) ++shortRollovers;
            else _recallDeployed();
            manager.startRollover();
            s = manager.state();
        }
        if (mode % 4 == 0) {
            if (s.cursor < s.reactorCount) manager.processReactors(1);
            return;
        }
        if (s.cursor < s.reactorCount) manager.processReactors(s.reactorCount);
        _complete();
    }

    /// @dev A rollover attempt before the end time must fail.
    function prematureRollover(uint256 early) external {
        ICycleManager.State memory s = manager.state();
        if (s.inProgress) return;
        uint256 end = manager.cycleEnd();
        if (block.timestamp >= end) return;
        vm.warp(block.timestamp + bound(early, 0, end - block.timestamp - 1));
        try manager.startRollover() {
            ++prematureRollovers;
        } catch {}
    }

    // ================================================================= allocator

    function allocatorPull(uint256 assets) external {
        if (reactor.paused()) return;
        uint256 idle = reactor.idleAssets();
        uint256 reserved = reactor.reservedAssets();
        if (idle <= reserved) return;
        reactor.pullAssets(bound(assets, 0, idle - reserved));
    }

    function allocatorPush(uint256 assets) external {
        reactor.pushAssets(bound(assets, 0, token.balanceOf(address(this))));
    }

    /// @dev Reports a loss of part of what is deployed (the assets really are gone: burnt).
    function allocatorLoss(uint256 loss) external {
        uint256 deployed = reactor.deployedAssets();
        uint256 supply = reactor.totalSupply();
        if (deployed == 0 || supply == 0) return;
        // Keep the rate above MIN_RATE: loss x 1e18 / supply < rate - MIN_RATE.
        uint256 rate = reactor.rate();
        if (rate <= MIN_RATE) return;
        uint256 maxLoss = ((rate - MIN_RATE) * supply) / RATE_SCALE;
        if (maxLoss > deployed) maxLoss = deployed;
        if (maxLoss == 0) return;
        loss = bound(loss, 1, maxLoss);
        reactor.writeDown(loss);
        token.transfer(address(0xdead), loss);
        ghostRate = reactor.rate();
    }

    /// @dev Marks an unrealised loss of part of what is deployed (0 lifts the mark).
    function allocatorMark(uint256 loss) external {
        uint256 deployed = reactor.deployedAssets();
        uint256 supply = reactor.totalSupply();
        if (supply == 0) return;
        uint256 unmarked = supply * reactor.rate() + reactor.markedLoss() * RATE_SCALE;
        // Keep the marked rate above MIN_RATE.
        uint256 floorValue = supply * MIN_RATE;
        if (unmarked <= floorValue) return;
        uint256 maxMark = (unmarked - floorValue) / RATE_SCALE;
        if (maxMark > deployed) maxMark = deployed;
        reactor.markLoss(bound(loss, 0, maxMark));
        ghostRate = reactor.rate();
    }

    function donate(uint256 assets) external {
        _mintTo(address(reactor), bound(assets, 1, MAX_AMOUNT));
    }

    /// @dev Issue 20: a sweep never takes assets that back matured requests or the tAssets'
    ///      value, even while other assets are deployed.
    function sweep() external {
        reactor.sweep(address(token));
        uint256 idle = reactor.idleAssets();
        if (idle < reactor.coveredAssets()) ++sweepViolations;
        uint256 owed =
            (reactor.totalSupply() * reactor.rate()) / RATE_SCALE + reactor.reservedAssets();
        if (idle + reactor.deployedAssets() < owed) ++sweepViolations;
    }

    function togglePause(bool pause) external {
        if (pause) reactor.pause();
        else reactor.unpause();
    }

    // ==================================================================== access

    /// @dev An outsider (an actor, or an account holding only the guardian role) calls a
    ///      privileged function; any success is a violation.
    function unauthorizedCall(uint256 seed, uint256 which) external {
        address caller = seed % 5 == 4 ? guardianOnly : _actor(seed);
        which = bound(which, 0, 13);
        bytes memory data;
        address target = address(reactor);
        if (which == 0) data = abi.encodeCall(Reactor.settleCycle, (1));
        else if (which == 1) data = abi.encodeCall(Reactor.pullAssets, (1));
        else if (which == 2) data = abi.encodeCall(Reactor.pushAssets, (0));
        else if (which == 3) data = abi.encodeCall(Reactor.writeDown, (1));
        else if (which == 4) data = abi.encodeCall(Reactor.sweep, (address(token)));
        else if (which == 5) data = abi.encodeCall(Reactor.setAllocator, (caller));
        else if (which == 6) data = abi.encodeCall(Reactor.setRewardsDistributor, (caller));
        else if (which == 7) data = abi.encodeCall(Reactor.collectRewards, (caller));
        else if (which == 8) data = abi.encodeCall(Reactor.onRegistered, (0));
        else if (which == 9) data = abi.encodeCall(Reactor.unpause, ());
        else if (which == 10)
            (target, data) = (
                address(manager),
                abi.encodeCall(CycleManager.removeReactor, (address(reactor)))
            );
        else if (which == 11)
            (target, data) = (address(manager), abi.encodeCall(CycleManager.setDuration, (1 days)));
        else if (which == 12)
            (target, data) = (
                address(treasury),
                abi.encodeCall(Treasury.pay, (address(token), caller, 1))
            );
        else
            (target, data) = (
                address(manager),
                abi.encodeCall(CycleManager.setEmissionHook, (address(0)))
            );
        vm.prank(caller);
        (bool ok, ) = target.call(data);
        if (ok) ++unauthorizedSuccesses;
    }

    // ================================================================== liveness

    /// @dev Invariant 11: an actor asks for everything and is out within two rollovers.
    function exitWithinTwoCycles(uint256 seed) external {
        address actor = _actor(seed);
        uint256 shares = reactor.balanceOf(actor);
        if (shares == 0) return;
        uint256 before = reactor.maxRedeem(actor);
        vm.prank(actor);
        reactor.requestRedeem(shares, actor, actor);
        ghostRequested[actor][_maturityNow()] += shares;
        for (uint256 i; i < 2 && reactor.maxRedeem(actor) < before + shares; ++i) {
            _fullRollover();
        }
        uint256 claimable = reactor.maxRedeem(actor);
        if (claimable < before + shares || reactor.pendingRedeemRequest(0, actor) != 0) {
            ++livenessFailures;
            return;
        }
        vm.prank(actor);
        try reactor.redeem(claimable, actor, actor) {
            _countClaim(actor, claimable);
            if (reactor.balanceOf(actor) != 0 || reactor.maxWithdraw(actor) != 0)
                ++livenessFailures;
        } catch {
            ++livenessFailures;
        }
    }

    // ================================================================= internals

    function _fullRollover() private {
        ICycleManager.State memory s = manager.state();
        if (!s.inProgress) {
            uint256 end = manager.cycleEnd();
            if (block.timestamp < end) vm.warp(end);
            _recallDeployed();
            manager.startRollover();
            s = manager.state();
        }
        if (s.cursor < s.reactorCount) manager.processReactors(s.reactorCount);
        _complete();
    }

    function _complete() private {
        ICycleManager.State memory s = manager.state();
        if (!s.inProgress || s.cursor != s.reactorCount) return;
        manager.completeRollover();
        ++ghostCompletedRollovers;
        if (manager.state().cycle != s.cycle + 1) ++cycleJumps;
        if (reactor.idleAssets() < reactor.coveredAssets()) ++uncoveredAfterRollover;
        if (reactor.uncoveredAssets() != 0 && reactor.deployedAssets() == 0)
            ++uncoveredAfterRollover;
    }

    /// @dev The venue step of a rollover (a later issue) recalls liquidity before settling.
    function _recallDeployed() private {
        uint256 deployed = reactor.deployedAssets();
        uint256 held = token.balanceOf(address(this));
        if (deployed != 0) reactor.pushAssets(deployed < held ? deployed : held);
    }

    /// @dev Invariant 4: what an actor claimed never exceeds what it requested in cycles the
    ///      Reactor has settled.
    function _countClaim(address actor, uint256 shares) private {
        ghostClaimed[actor] += shares;
        uint256 matured;
        uint256 book = reactor.cycle();
        for (uint256 m; m < book; ++m) matured += ghostRequested[actor][m];
        if (ghostClaimed[actor] > matured) ++earlyRedeems;
    }

    /// @dev The cycle a request made now matures at.
    function _maturityNow() private view returns (uint256) {
        ICycleManager.State memory s = manager.state();
        return s.inProgress ? s.cycle + 1 : s.cycle;
    }

    function _mintTo(address to, uint256 assets) private {
        token.mint(to, assets);
        ghostMinted += assets;
    }

    /// @dev The first actor from `seed` on with something claimable, else the actor at `seed`.
    function _claimant(uint256 seed) private view returns (address) {
        for (uint256 i; i < ACTORS; ++i) {
            address actor = _actors[(seed + i) % ACTORS];
            if (reactor.maxRedeem(actor) != 0) return actor;
        }
        return _actor(seed);
    }

    function _actor(uint256 seed) private view returns (address) {
        return _actors[seed % ACTORS];
    }

    function _value(uint256 shares) private view returns (uint256) {
        return (shares * reactor.rate()) / RATE_SCALE;
    }
}
