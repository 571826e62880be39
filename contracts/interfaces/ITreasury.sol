// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ITreasury
/// @notice Holds the protocol-controlled value (any ERC-20, LP tokens included), records where
///         each inflow came from, and pays out only by governance, except the loss cover: the
///         registered loss-cover contract may draw an asset to cover a Reactor's shortfall
///         (the first step of the loss waterfall).
interface ITreasury {
    /// @notice An amount of zero, or an address of zero.
    error TreasuryZeroAmount();
    /// @notice A zero address where one is needed.
    error TreasuryZeroAddress();
    /// @notice `caller` is not the registered loss-cover contract.
    error TreasuryOnlyLossCover(address caller);
    /// @notice Asked for `amount` of an asset of which the Treasury holds `holdings`.
    error TreasuryInsufficientHoldings(address asset, uint256 amount, uint256 holdings);

    /// @notice `from` paid `amount` of `asset` in, labelled `source`.
    event InflowRecorded(address indexed asset, bytes32 indexed source, address indexed from, uint256 amount);
    /// @notice Governance paid `amount` of `asset` to `to`.
    event Paid(address indexed asset, address indexed to, uint256 amount);
    /// @notice The loss-cover contract drew `amount` of `asset`.
    event LossCovered(address indexed asset, address indexed lossCover, uint256 amount);
    /// @notice Governance set the loss-cover contract.
    event LossCoverSet(address indexed lossCover);

    /// @notice Pulls `amount` of `asset` from the caller (who approved it) and records it under
    ///         `source`, counting what actually arrived.
    function deposit(address asset, uint256 amount, bytes32 source) external;

    /// @notice Pays `amount` of `asset` to `to` (governance only).
    function pay(address asset, address to, uint256 amount) external;

    /// @notice Sends `amount` of `asset` to the caller (the registered loss-cover contract only).
    function coverLoss(address asset, uint256 amount) external;

    /// @notice Sets the loss-cover contract (governance; zero disables it).
    function setLossCover(address lossCover) external;

    /// @notice How much of `asset` the Treasury holds.
    function holdings(address asset) external view returns (uint256);

    /// @notice Total of `asset` recorded under `source` since deployment.
    function inflows(address asset, bytes32 source) external view returns (uint256);

    /// @notice The loss-cover contract (zero: none).
    function lossCover() external view returns (address);
}
