// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC7540Operator, IERC7540Redeem, IERC7575Share} from "./IERC7540.sol";

/// @title IReactor
/// @notice One Reactor per asset. The contract is the tAsset: an ERC-20 (with ERC-2612 permit)
///         that is an ERC-4626 vault with synchronous deposits and ERC-7540 asynchronous
///         redemptions.
///
///         - Deposits mint tAssets at once. The new units are *pending*: they become active
///           (deployable, earning LP rewards) when the current cycle is settled by the rollover.
///         - A redemption is a request made in cycle N (N+1 if a rollover is in progress when it is
///           made). It matures when the Reactor settles that cycle; the Reactor then sets idle
///           assets aside for it, and the controller claims with ERC-4626 `redeem`/`withdraw`.
///           The requested shares stay in the owner's balance (and keep earning) until claimed.
///         - The exchange rate (assets per tAsset, 1:1 at start) is book-kept, never read from the
///           Reactor's token balance: donations change nothing and cannot inflate the share price.
///           Only a loss write-down lowers it, for every holder pro rata.
/// @dev Warning: the asset must move exactly the amount asked (no fee on transfer, no rebasing):
///      deposits credit the amount asked for, not the balance change.
/// @dev Warning: one request per controller, and the controller must be the owner of the shares
///      (the shares are not escrowed, so the request lives with the balance it is bounded by). A new
///      request replaces a pending one; a claimable one must be claimed first. A transfer that
///      leaves the sender with fewer tAssets than its request shrinks the request.
/// @dev Warning: ERC-20 allowances do not authorise requests or claims: ERC-7540 operators do.
interface IReactor is
    IERC4626,
    IERC20Permit,
    IERC20Errors,
    IERC7540Redeem,
    IERC7540Operator,
    IERC7575Share,
    IERC165
{
    /// @notice A redemption request: `shares` mature when the Reactor settles `cycle`.
    struct Request {
        uint112 shares;
        uint32 cycle;
    }

    /// @notice Deposits are paused.
    error ReactorPaused();
    /// @notice The operation would mint zero tAssets.
    error ReactorZeroShares();
    /// @notice Only the owner of the shares may control their request.
    error ReactorControllerNotOwner(address controller, address owner);
    /// @notice `caller` is neither `controller` nor one of its operators.
    error ReactorNotOperator(address caller, address controller);
    /// @notice `owner` asked to redeem `shares` but holds only `balance`.
    error ReactorRequestExceedsBalance(address owner, uint256 shares, uint256 balance);
    /// @notice `controller` has `shares` claimable: claim them before a new request.
    error ReactorClaimablePending(address controller, uint256 shares);
    /// @notice `controller` tried to claim `shares` but only `claimable` are claimable.
    error ReactorExceedsClaimable(address controller, uint256 shares, uint256 claimable);
    /// @notice Redemptions are asynchronous: preview functions revert (ERC-7540).
    error ReactorAsyncRedeem();
    /// @notice `caller` is not the cycle manager.
    error ReactorOnlyManager(address caller);
    /// @notice `caller` is not the allocator.
    error ReactorOnlyAllocator(address caller);
    /// @notice `caller` is not the rewards distributor.
    error ReactorOnlyRewardsDistributor(address caller);
    /// @notice Settling would leave matured requests worth `owed` covered by only `idle` assets.
    error ReactorReserveShortfall(uint256 owed, uint256 idle);
    /// @notice The allocator asked for `amount` but only `available` is free of reservations.
    error ReactorPullExceedsAvailable(uint256 amount, uint256 available);
    /// @notice A write-down of `loss` is more than what is deployed (`deployed`) or would leave
    ///         no value per tAsset.
    error ReactorBadWriteDown(uint256 loss, uint256 deployed);
    /// @notice A mark of `unrealisedLoss` is more than what is deployed (`deployed`) or would
    ///         leave no value per tAsset.
    error ReactorBadMark(uint256 unrealisedLoss, uint256 deployed);
    /// @notice The Reactor still has `supply` tAssets, so it cannot join a cycle afresh.
    error ReactorNotEmpty(uint256 supply);
    /// @notice The Reactor is not registered with the cycle manager.
    error ReactorNotRegistered();
    /// @notice The manager given to the constructor is not a contract.
    error ReactorBadManager(address manager);
    /// @notice The Treasury given to the constructor is the zero address.
    error ReactorZeroTreasury();
    /// @notice A permit signed until `deadline` has expired.
    error ERC2612ExpiredSignature(uint256 deadline);
    /// @notice A permit was signed by `signer`, not by `owner`.
    error ERC2612InvalidSigner(address signer, address owner);

    /// @notice The guardian paused deposits.
    event DepositsPaused(address indexed guardian);
    /// @notice Governance resumed deposits.
    event DepositsUnpaused(address indexed governance);
    /// @notice The manager settled `cycle`: `lpReward` booked (`undistributed` of it to nobody),
    ///         `reservedShares` now set aside for matured requests.
    event CycleSettled(
        uint32 indexed cycle,
        uint256 lpReward,
        uint256 undistributed,
        uint256 reservedShares
    );
    /// @notice A transfer shrank `controller`'s request to `shares`.
    event RedeemRequestReduced(address indexed controller, uint256 shares);
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

    /// @notice tAssets of matured requests not claimed yet.
    function reservedShares() external view returns (uint256);

    /// @notice Idle assets set aside for matured requests (value of `reservedShares`, rounded up).
    function reservedAssets() external view returns (uint256);

    /// @notice tAssets requested and not matured yet.
    function pendingRedeemShares() external view returns (uint256);

    /// @notice Assets the allocator has taken out and not brought back (net of write-downs).
    function deployedAssets() external view returns (uint256);

    /// @notice The deployed positions' unrealised loss the rate is marked down by (assets).
    function markedLoss() external view returns (uint256);

    /// @notice `controller`'s request as stored.
    function redeemRequest(address controller) external view returns (Request memory);

    /// @notice LP rewards `holder` has earned and not collected (reward token wei).
    function earnedRewards(address holder) external view returns (uint256);

    /// @notice Who may collect LP rewards to pay them.
    function rewardsDistributor() external view returns (address);

    /// @notice Who may deploy idle assets and report losses.
    function allocator() external view returns (address);

    // ------------------------------------------------------- manager / rewards

    /// @notice Closes the Reactor's current cycle (manager only): books `lpReward` over the units
    ///         active in it, activates its deposits, matures the requests of the cycle and reserves
    ///         idle assets for them. Reverts if idle assets cannot cover every matured request.
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

    /// @notice Takes `assets` back from the allocator (allocator only). What comes back beyond
    ///         what was deployed is surplus, for the Treasury.
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

    /// @notice Resumes deposits (governance) of a registered Reactor.
    function unpause() external;

    /// @notice Sets the allocator (governance; zero disables it).
    function setAllocator(address allocator) external;

    /// @notice Sets the rewards distributor (governance; zero disables collection).
    function setRewardsDistributor(address distributor) external;

    /// @notice Sends `token` held beyond what holders are owed to the Treasury (governance):
    ///         for the asset, idle + deployed - value of all tAssets (never reserved assets);
    ///         for any other token, the whole balance.
    /// @return amount What was sent.
    function sweep(address token) external returns (uint256 amount);
}
