// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IERC7540Operator, IERC7540Redeem, IERC7575Share, IERC7887Redeem} from "./IERC7540.sol";
import {IReactorToken} from "./IReactorToken.sol";

/// @title IReactor
/// @notice One Reactor per asset. The contract is the tAsset (IReactorToken: ERC-20, ERC-2612,
///         EIP-5267, ERC-7575 share) and an ERC-4626 vault with synchronous deposits and ERC-7540
///         asynchronous redemptions (request id 0: one fungible request per controller), with
///         ERC-7887 cancellation.
///
///         - Deposits mint tAssets at once. The new units are *pending*: they become active
///           (deployable, earning LP rewards) when the current cycle is settled by the rollover.
///         - A request moves the shares from the owner into the Reactor's escrow
///           (Transfer(owner, reactor, shares)). It is made in cycle N (N+1 if a rollover is in
///           progress and this Reactor is not settled yet) and matures when the Reactor settles
///           that cycle: the escrowed shares are burnt and the controller is owed their value at
///           the (marked) rate of that settlement, claimable with ERC-4626 `redeem`/`withdraw`.
///           Requests of one controller add up; its pending and claimable parts coexist. The
///           caller is the owner, an operator of the owner, or spends an ERC-20 allowance.
///         - Escrowed shares that were active keep earning LP rewards until they mature; the
///           reward is booked to the controller (who gets the assets). Pending units escrowed by a
///           request made mid-rollover count as active from the request.
///         - A cancellation (ERC-7887) takes the controller's whole pending, not matured, part out
///           of the queue; the controller claims the shares back to any receiver. Escrowed
///           shares earn nothing for the cycle they are cancelled in.
///         - Liveness: settlement never reverts for a shortfall. Matured requests are covered by
///           idle assets as far as they go, pro rata (each matured, uncovered debt is paid the
///           same fraction, whatever cycle it matured in); the rest stays matured, shown as
///           pending, and is covered as assets come back (later settlements and pushes).
///         - The exchange rate (assets per tAsset, 1:1 at start) is book-kept, never read from the
///           Reactor's token balance: donations change nothing and cannot inflate the share price.
///           A loss write-down lowers it, and the allocator's mark of the deployed positions'
///           unrealised loss moves it both ways (`markLoss`): deposits, exits and `totalAssets`
///           all use the marked rate, so nobody moves value by leaving early or entering late.
/// @dev Warning: the asset must move exactly the amount asked (no fee on transfer): a deposit
///      whose pull brings in less reverts (`ReactorTransferMismatch`). Rebasing assets
///      are not supported (a positive rebase is surplus for the Treasury, a negative one a loss).
interface IReactor is
    IReactorToken,
    IERC4626,
    IERC7540Redeem,
    IERC7540Operator,
    IERC7575Share,
    IERC7887Redeem,
    IERC165
{
    /// @notice A pending request: `shares` escrowed, `activeShares` of them earning, maturing when
    ///         the Reactor settles `cycle`.
    struct Request {
        uint112 shares;
        uint112 activeShares;
        uint32 cycle;
    }

    /// @notice Deposits are paused (or the Reactor is closed).
    error ReactorPaused();
    /// @notice The operation would mint, request or claim zero tAssets.
    error ReactorZeroShares();
    /// @notice A request needs a non-zero controller.
    error ReactorZeroController();
    /// @notice `caller` is neither `controller` nor one of its operators.
    error ReactorNotOperator(address caller, address controller);
    /// @notice `owner` asked to redeem `shares` but holds only `balance`.
    error ReactorRequestExceedsBalance(address owner, uint256 shares, uint256 balance);
    /// @notice `controller` tried to claim `shares` (or `assets`) beyond what is claimable.
    error ReactorExceedsClaimable(address controller, uint256 amount, uint256 claimable);
    /// @notice `controller` has no pending request to cancel, or no cancelled shares to claim.
    error ReactorNothingToCancel(address controller);
    /// @notice Redemptions are asynchronous: preview functions revert (ERC-7540).
    error ReactorAsyncRedeem();
    /// @notice `caller` is not the cycle manager.
    error ReactorOnlyManager(address caller);
    /// @notice `caller` is not the allocator.
    error ReactorOnlyAllocator(address caller);
    /// @notice `caller` is not the rewards distributor.
    error ReactorOnlyRewardsDistributor(address caller);
    /// @notice The allocator asked for `amount` but only `available` is free of reservations.
    error ReactorPullExceedsAvailable(uint256 amount, uint256 available);
    /// @notice A write-down of `loss` is more than what is deployed (`deployed`) or would leave
    ///         no value per tAsset.
    error ReactorBadWriteDown(uint256 loss, uint256 deployed);
    /// @notice A mark of `unrealisedLoss` is more than what is deployed (`deployed`) or would
    ///         leave no value per tAsset.
    error ReactorBadMark(uint256 unrealisedLoss, uint256 deployed);
    /// @notice A deposit asked for `asked` assets but the Reactor received only `received` (a
    ///         fee on transfer): refused.
    error ReactorTransferMismatch(uint256 asked, uint256 received);
    /// @notice The Reactor still has `supply` tAssets, so it cannot join a cycle afresh.
    error ReactorNotEmpty(uint256 supply);
    /// @notice The Reactor is not registered with the cycle manager.
    error ReactorNotRegistered();
    /// @notice The Reactor is closed for good: deposits cannot resume.
    error ReactorClosed();
    /// @notice A deregistered Reactor pays exits at once, but idle `idle` short of `owed`.
    error ReactorWindDownShortfall(uint256 owed, uint256 idle);
    /// @notice The Reactor's module was called directly instead of by its Reactor.
    error ReactorModuleDirectCall();
    /// @notice `caller` is not the Reactor itself (its module views go through a self-call).
    error ReactorOnlySelf(address caller);
    /// @notice The manager given to the constructor is not a contract.
    error ReactorBadManager(address manager);
    /// @notice The Treasury given to the constructor is the zero address.
    error ReactorZeroTreasury();

    /// @notice The guardian paused deposits.
    event DepositsPaused(address indexed guardian);
    /// @notice Governance resumed deposits.
    event DepositsUnpaused(address indexed governance);
    /// @notice The manager settled `cycle`: `lpReward` booked (`undistributed` of it to nobody);
    ///         `reservedAssets` are now owed to matured requests (covered or not).
    event CycleSettled(
        uint32 indexed cycle,
        uint256 lpReward,
        uint256 undistributed,
        uint256 reservedAssets
    );
    /// @notice Settling `cycle` matured `shares` escrowed tAssets, owed as `assets`.
    event RedemptionsMatured(uint32 indexed cycle, uint256 shares, uint256 assets);
    /// @notice Matured requests owed `owed` assets (not covered yet) when `cycle` was settled or
    ///         assets came back, and idle assets paid only `paid` of it: the rest stays matured
    ///         and is paid pro rata as assets arrive.
    event RedemptionShortfall(uint32 indexed cycle, uint256 owed, uint256 paid);
    /// @notice `paid` assets covered matured requests that were short.
    event RedemptionsCovered(uint32 indexed cycle, uint256 paid, uint256 stillOwed);
    /// @notice Governance closed the Reactor for good: no deposits; requests and claims go on.
    event Closed(address indexed governance);
    /// @notice The manager registered the Reactor in `cycle` (deposits open).
    event Registered(uint32 indexed cycle);
    /// @notice The manager removed the Reactor (deposits closed).
    event Deregistered();
    /// @notice Governance set the allocator.
    event AllocatorSet(address indexed allocator);
    /// @notice Governance set the rewards distributor.
    event RewardsDistributorSet(address indexed distributor);
    /// @notice The allocator took `assets` out to deploy them.
    event AssetsPulled(address indexed allocator, uint256 assets);
    /// @notice The allocator brought `assets` back.
    event AssetsPushed(address indexed allocator, uint256 assets);
    /// @notice A loss of `loss` assets lowered the rate from `oldRate` to `newRate`.
    event WrittenDown(uint256 loss, uint256 oldRate, uint256 newRate);
    /// @notice The deployed positions' unrealised loss is now marked at `unrealisedLoss` assets:
    ///         the rate moved from `oldRate` to `newRate`.
    event LossMarked(uint256 unrealisedLoss, uint256 oldRate, uint256 newRate);
    /// @notice Governance sent `amount` of `token` not owed to holders to the Treasury.
    event Swept(address indexed token, uint256 amount);

    // ------------------------------------------------------------------ views

    /// @notice The cycle manager that settles this Reactor.
    function manager() external view returns (address);

    /// @notice Where swept surplus goes.
    function treasury() external view returns (address);

    /// @notice The cycle the Reactor's books are in (one ahead of the manager for a Reactor
    ///         already settled in a rollover in progress).
    function cycle() external view returns (uint32);

    /// @notice Assets per tAsset, 1e18 = 1:1.
    function rate() external view returns (uint256);

    /// @notice Whether deposits are paused.
    function paused() external view returns (bool);

    /// @notice tAssets active in the current cycle (deposited before it started).
    function activeSupply() external view returns (uint256);

    /// @notice `holder`'s tAssets active in the current cycle.
    function activeBalanceOf(address holder) external view returns (uint256);

    /// @notice Value of the active tAssets, in assets (rounded down).
    function activeAssets() external view returns (uint256);

    /// @notice Assets held by the Reactor (includes reserved ones and any donation).
    function idleAssets() external view returns (uint256);

    /// @notice Assets owed to matured requests not claimed yet: `coveredAssets` (set aside in
    ///         idle) + `uncoveredAssets` (still to come back). Idle assets are never deployed
    ///         below it.
    function reservedAssets() external view returns (uint256);

    /// @notice Idle assets set aside for matured requests, claimable now.
    function coveredAssets() external view returns (uint256);

    /// @notice Assets owed to matured requests that idle assets could not cover yet (0 unless a
    ///         settlement was short).
    function uncoveredAssets() external view returns (uint256);

    /// @notice tAssets escrowed by requests that have not matured yet.
    function pendingRedeemShares() external view returns (uint256);

    /// @notice Whether governance closed the Reactor for good (no deposits).
    function closed() external view returns (bool);

    /// @notice Whether a closed Reactor may leave the cycle manager: nothing deployed, nothing
    ///         escrowed for a later maturity, every matured request covered. After removal, what
    ///         any holder still owns stays redeemable: requests are paid at once from idle.
    function windDownComplete() external view returns (bool);

    /// @notice Assets the allocator has taken out and not brought back (net of write-downs).
    function deployedAssets() external view returns (uint256);

    /// @notice The deployed positions' unrealised loss the rate is marked down by (assets).
    function markedLoss() external view returns (uint256);

    /// @notice `controller`'s pending request as stored (`shares` 0: none), and the shares of a
    ///         request it made mid-rollover that matures one cycle after it.
    function redeemRequest(
        address controller
    ) external view returns (Request memory request, uint256 nextShares);

    /// @notice LP rewards `holder` has earned and not collected (reward token wei).
    function earnedRewards(address holder) external view returns (uint256);

    /// @notice Who may collect LP rewards to pay them.
    function rewardsDistributor() external view returns (address);

    /// @notice Who may deploy idle assets and report losses.
    function allocator() external view returns (address);

    // ------------------------------------------------------- manager / rewards

    /// @notice Closes the Reactor's current cycle (manager only): books `lpReward` over the units
    ///         active in it, activates its deposits, matures the requests of the cycle (burns
    ///         their escrow, owes their value at the rate) and covers what is owed from idle
    ///         assets. Never reverts for a shortfall: it pays what idle covers, pro rata, and
    ///         emits RedemptionShortfall; the rest is covered as assets arrive.
    /// @return undistributed The part of `lpReward` booked to nobody (no active units).
    function settleCycle(uint256 lpReward) external returns (uint256 undistributed);

    /// @notice Joins the manager's schedule at `currentCycle` and opens deposits (manager only,
    ///         zero supply only).
    function onRegistered(uint32 currentCycle) external;

    /// @notice Leaves the manager's schedule and closes deposits (manager only).
    function onDeregistered() external;

    /// @notice Zeroes `holder`'s earned LP rewards and returns them (rewards distributor only),
    ///         which pays them in the reward token.
    function collectRewards(address holder) external returns (uint256 amount);

    // ------------------------------------------------------------- allocator

    /// @notice Sends `assets` idle assets to the allocator (allocator only, not while paused),
    ///         at most idle minus reserved.
    function pullAssets(uint256 assets) external;

    /// @notice Takes `assets` back from the allocator (allocator only) and covers matured
    ///         requests that were short. What comes back beyond what was deployed is surplus, for
    ///         the Treasury.
    function pushAssets(uint256 assets) external;

    /// @notice Records that `loss` deployed assets are lost (allocator only, after the Treasury
    ///         and LD stake covered what they could). The marked loss is consumed first (it is
    ///         already in the rate); only the rest lowers the rate, for every holder pro rata.
    function writeDown(uint256 loss) external;

    /// @notice Marks the deployed positions' unrealised loss (allocator only): `unrealisedLoss`
    ///         assets (<= deployed), the shortfall of the positions valued at the TWAP against
    ///         the principal deployed, computed by the allocator at each rollover before the
    ///         settlement. The rate becomes (book value before any mark - `unrealisedLoss`) /
    ///         supply, so exits settled at that rollover and deposits made during the next cycle
    ///         use the marked rate: a holder who leaves before the loss is realised bears the
    ///         same fraction as one who stays, and a late depositor does not buy in at a rate that
    ///         hides the loss. A mark of 0 lifts the previous one; `writeDown` consumes it first.
    /// @dev Warning: the mark is only as good as the allocator's valuation (TWAP, never spot).
    function markLoss(uint256 unrealisedLoss) external;

    // ----------------------------------------------------------------- roles

    /// @notice Pauses deposits (guardian). Requests and claims keep working.
    function pause() external;

    /// @notice Resumes deposits (governance) of a registered Reactor that is not closed.
    function unpause() external;

    /// @notice Closes the Reactor to deposits for good (governance): the wind-down. Holders still
    ///         request and redeem; once `windDownComplete`, the manager may remove it.
    function close() external;

    /// @notice Sets the allocator (governance; zero disables it).
    function setAllocator(address allocator) external;

    /// @notice Sets the rewards distributor (governance; zero disables collection).
    function setRewardsDistributor(address distributor) external;

    /// @notice Sends `token` held beyond what holders are owed to the Treasury (governance):
    ///         for the asset, idle + deployed - (value of all tAssets + reserved assets + the
    ///         marked loss), and never out of the reserved assets;
    ///         for any other token, the whole balance.
    /// @return amount What was sent.
    function sweep(address token) external returns (uint256 amount);
}
