// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ILDCompensation
/// @notice Pays LDs back for slashes of their stake (the loss waterfall's second step). Governance
///         sends TOKE here (Treasury.pay) and funds chosen slashes: the amount is split over them
///         in proportion to the TOKE each took, and within a slash every LD receives its share in
///         proportion to the units it held at that slash, which is exactly its share of the loss
///         (a slash lowers every unit's value by the same amount). Holdings come from the
///         stake-votes source's per-slash records. A slash can be funded more than once; claims
///         pay the difference.
interface ILDCompensation {
    /// @notice A zero amount or address, or no slash.
    error LDCompensationZero();
    /// @notice Asked to fund `amount` with only `available` received and not committed.
    error LDCompensationUnfunded(uint256 amount, uint256 available);
    /// @notice Slash `slashId` took nothing, or from no recorded holder, so there is nothing to compensate.
    error LDCompensationNoLoss(uint256 slashId);

    /// @notice Governance funded slash `slashId` with `amount` more TOKE.
    event Funded(uint256 indexed slashId, uint256 amount);
    /// @notice `account` claimed `amount` for slash `slashId` to `receiver`.
    event Claimed(
        uint256 indexed slashId,
        address indexed account,
        address indexed receiver,
        uint256 amount
    );

    /// @notice Splits `amount` TOKE, already sent here and not committed, over `slashIds` in
    ///         proportion to what each slash took (governance). Rounding leaves dust uncommitted.
    function fund(uint256[] calldata slashIds, uint256 amount) external;

    /// @notice Sends the caller's compensation for `slashIds` to `receiver`.
    /// @return amount TOKE sent.
    function claim(uint256[] calldata slashIds, address receiver) external returns (uint256 amount);

    /// @notice The token paid (TOKE).
    function token() external view returns (address);

    /// @notice The stake-votes source whose slash records are read.
    function source() external view returns (address);

    /// @notice TOKE funded and not yet claimed.
    function committed() external view returns (uint256);

    /// @notice TOKE funded for slash `slashId` so far.
    function fundedOf(uint256 slashId) external view returns (uint256);

    /// @notice TOKE `account` can claim for slash `slashId` now.
    function claimable(uint256 slashId, address account) external view returns (uint256);
}
