// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ITreasury
/// @notice Holds the protocol-controlled value (any ERC-20, LP tokens included), records where
///         each inflow came from, and pays out only by governance, except the loss cover: the
///         registered loss-cover contract may draw an asset to cover a Reactor's shortfall
///         (the first step of the loss waterfall).
///
///         Protocol-controlled liquidity (PCL): governance can deposit Treasury assets into a
///         registered Reactor, which makes the Treasury an LP like any other (it holds the
///         tAssets, fees keep flowing to it from the venues, and it earns the LP side's TOKE).
///         It leaves through the normal ERC-7540 exit: governance requests, the request matures
///         at a rollover, and anyone may then complete it, which only ever pays the Treasury.
///         The tAssets of a Reactor it provided to can never be paid out or drawn by the loss
///         cover, so no one but the Treasury can redeem them.
interface ITreasury {
    /// @notice An amount of zero, or an address of zero.
    error TreasuryZeroAmount();
    /// @notice A zero address where one is needed.
    error TreasuryZeroAddress();
    /// @notice `caller` is not the registered loss-cover contract.
    error TreasuryOnlyLossCover(address caller);
    /// @notice Asked for `amount` of an asset of which the Treasury holds `holdings`.
    error TreasuryInsufficientHoldings(address asset, uint256 amount, uint256 holdings);
    /// @notice The cycle manager is already set (`manager`), or not set yet (zero).
    error TreasuryManagerSet(address manager);
    /// @notice `reactor` is not registered with the cycle manager.
    error TreasuryNotReactor(address reactor);
    /// @notice `asset` is the tAsset of a Reactor the Treasury provided liquidity to: it leaves
    ///         only through the Reactor's exit.
    error TreasuryPclShares(address asset);
    /// @notice The deposit minted `shares`, fewer than `minShares`.
    error TreasurySlippage(uint256 shares, uint256 minShares);

    /// @notice `from` paid `amount` of `asset` in, labelled `source`.
    event InflowRecorded(
        address indexed asset,
        bytes32 indexed source,
        address indexed from,
        uint256 amount
    );
    /// @notice Governance paid `amount` of `asset` to `to`.
    event Paid(address indexed asset, address indexed to, uint256 amount);
    /// @notice The loss-cover contract drew `amount` of `asset`.
    event LossCovered(address indexed asset, address indexed lossCover, uint256 amount);
    /// @notice Governance set the loss-cover contract.
    event LossCoverSet(address indexed lossCover);
    /// @notice Governance set the cycle manager whose Reactors PCL may go to.
    event CycleManagerSet(address indexed manager);
    /// @notice Governance deposited `assets` into `reactor` for `shares` tAssets.
    event LiquidityProvided(address indexed reactor, uint256 assets, uint256 shares);
    /// @notice Governance asked `reactor` to redeem `shares` of the Treasury's tAssets.
    event WithdrawalRequested(address indexed reactor, uint256 shares);
    /// @notice `caller` completed the Treasury's matured request: `shares` redeemed for `assets`.
    event WithdrawalCompleted(
        address indexed reactor,
        address indexed caller,
        uint256 shares,
        uint256 assets
    );

    /// @notice Pulls `amount` of `asset` from the caller (who approved it) and records it under
    ///         `source`, counting what actually arrived.
    function deposit(address asset, uint256 amount, bytes32 source) external;

    /// @notice Pays `amount` of `asset` to `to` (governance only).
    function pay(address asset, address to, uint256 amount) external;

    /// @notice Sends `amount` of `asset` to the caller (the registered loss-cover contract only).
    function coverLoss(address asset, uint256 amount) external;

    /// @notice Sets the loss-cover contract (governance; zero disables it).
    function setLossCover(address lossCover) external;

    /// @notice Sets, once, the cycle manager whose registered Reactors PCL may go to (governance).
    function setCycleManager(address manager) external;

    /// @notice Deposits `assets` of `reactor`'s asset into it for the Treasury (governance). The
    ///         Reactor must be registered, the Treasury must hold the assets, and the deposit must
    ///         mint at least `minShares` tAssets.
    /// @return shares tAssets minted to the Treasury.
    function provideLiquidity(
        address reactor,
        uint256 assets,
        uint256 minShares
    ) external returns (uint256 shares);

    /// @notice Asks `reactor` to redeem `shares` of the Treasury's tAssets (governance), through
    ///         its ERC-7540 request (the Treasury is owner and controller).
    function requestWithdrawal(address reactor, uint256 shares) external;

    /// @notice Redeems the Treasury's whole claimable request on `reactor` into the Treasury.
    ///         Anyone may call it: the assets only ever go to the Treasury.
    /// @return assets Assets received.
    function completeWithdrawal(address reactor) external returns (uint256 assets);

    /// @notice The cycle manager whose Reactors PCL may go to (zero: not set).
    function cycleManager() external view returns (address);

    /// @notice Assets deposited into `reactor` as PCL, and assets received back from it.
    function liquidityOf(
        address reactor
    ) external view returns (uint256 provided, uint256 returned);

    /// @notice How much of `asset` the Treasury holds.
    function holdings(address asset) external view returns (uint256);

    /// @notice Total of `asset` recorded under `source` since deployment.
    function inflows(address asset, bytes32 source) external view returns (uint256);

    /// @notice The loss-cover contract (zero: none).
    function lossCover() external view returns (address);
}
