// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICoreElection} from "../interfaces/ICoreElection.sol";
import {ICoreFunding} from "../interfaces/ICoreFunding.sol";

/// @title CoreFunding
/// @notice The swap step between a CoRE win and its Reactor: see ICoreFunding.
contract CoreFunding is ICoreFunding, AccessControl, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice May pause swaps.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");
    /// @notice Largest project-token amount of one swap, smallest unit.
    uint256 public constant MAX_TOKEN_AMOUNT = type(uint128).max;
    /// @notice Largest rate, TOKE wei per project-token unit scaled by 1e18 (1e18 TOKE per unit:
    ///         covers a 0-decimal token worth a whole TOKE).
    uint256 public constant MAX_TOKE_PER_TOKEN = 1e36;
    /// @dev Fixed-point unit of the rate.
    uint256 private constant WAD = 1e18;

    ICoreElection private immutable ELECTION;
    IERC20 private immutable TOKE;
    address private immutable TREASURY;

    mapping(uint256 electionId => mapping(address token => Terms)) private _terms;
    address[] private _reactorRequests;

    /// @notice Deploys the swap step for the winners of `election_`.
    /// @param election_  The CoRE election.
    /// @param toke_      TOKE.
    /// @param treasury_  Receives project tokens and recovered TOKE.
    /// @param governance Admin (timelock).
    /// @param guardian   May pause swaps.
    constructor(
        ICoreElection election_,
        IERC20 toke_,
        address treasury_,
        address governance,
        address guardian
    ) {
        if (
            address(election_) == address(0) ||
            address(toke_) == address(0) ||
            treasury_ == address(0) ||
            governance == address(0) ||
            guardian == address(0)
        ) revert CoreFundingZeroAddress();
        ELECTION = election_;
        TOKE = toke_;
        TREASURY = treasury_;
        _grantRole(DEFAULT_ADMIN_ROLE, governance);
        _grantRole(GUARDIAN_ROLE, guardian);
    }

    /// @inheritdoc ICoreFunding
    function setSwapTerms(
        uint256 electionId,
        address token,
        address project,
        uint256 tokenAmount,
        uint256 tokePerToken
    ) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        if (project == address(0)) revert CoreFundingZeroAddress();
        if (!ELECTION.isWinner(electionId, token)) revert CoreFundingNotWinner(electionId, token);
        if (tokenAmount == 0 || tokenAmount > MAX_TOKEN_AMOUNT) {
            revert CoreFundingOutOfBounds("tokenAmount", tokenAmount, MAX_TOKEN_AMOUNT);
        }
        if (tokePerToken == 0 || tokePerToken > MAX_TOKE_PER_TOKEN) {
            revert CoreFundingOutOfBounds("tokePerToken", tokePerToken, MAX_TOKE_PER_TOKEN);
        }
        Terms storage t = _terms[electionId][token];
        if (t.funded) revert CoreFundingAlreadyFunded(electionId, token);
        // Both values were bounded just above: they fit in 128 bits.
        t.project = project;
        t.tokenAmount = uint128(tokenAmount);
        t.tokePerToken = uint128(tokePerToken);
        emit SwapTermsSet(electionId, token, project, tokenAmount, tokePerToken);
    }

    /// @inheritdoc ICoreFunding
    function swap(
        uint256 electionId,
        address token
    ) external override nonReentrant whenNotPaused returns (uint256 tokeAmount) {
        Terms storage t = _terms[electionId][token];
        address project = t.project;
        if (project == address(0)) revert CoreFundingNoTerms(electionId, token);
        if (msg.sender != project) revert CoreFundingNotProject(msg.sender, project);
        if (t.funded) revert CoreFundingAlreadyFunded(electionId, token);
        uint256 tokenAmount = t.tokenAmount;
        tokeAmount = Math.mulDiv(tokenAmount, t.tokePerToken, WAD);
        uint256 balance = TOKE.balanceOf(address(this));
        if (balance < tokeAmount) revert CoreFundingTokeShort(balance, tokeAmount);
        t.funded = true;
        _reactorRequests.push(token);
        emit ProjectFunded(electionId, token, project, tokenAmount, tokeAmount);
        emit ReactorRequested(electionId, token);

        uint256 before = IERC20(token).balanceOf(TREASURY);
        IERC20(token).safeTransferFrom(project, TREASURY, tokenAmount);
        uint256 received = IERC20(token).balanceOf(TREASURY) - before;
        if (received != tokenAmount) revert CoreFundingShortDelivery(received, tokenAmount);
        TOKE.safeTransfer(project, tokeAmount);
    }

    /// @inheritdoc ICoreFunding
    function recoverToke(uint256 amount) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        emit TokeRecovered(amount);
        TOKE.safeTransfer(TREASURY, amount);
    }

    /// @inheritdoc ICoreFunding
    function pause() external override onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @inheritdoc ICoreFunding
    function unpause() external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    /// @inheritdoc ICoreFunding
    function election() external view override returns (ICoreElection) {
        return ELECTION;
    }

    /// @inheritdoc ICoreFunding
    function toke() external view override returns (IERC20) {
        return TOKE;
    }

    /// @inheritdoc ICoreFunding
    function treasury() external view override returns (address) {
        return TREASURY;
    }

    /// @inheritdoc ICoreFunding
    function termsOf(
        uint256 electionId,
        address token
    ) external view override returns (Terms memory) {
        return _terms[electionId][token];
    }

    /// @inheritdoc ICoreFunding
    function tokeFor(uint256 electionId, address token) external view override returns (uint256) {
        Terms memory t = _terms[electionId][token];
        return Math.mulDiv(t.tokenAmount, t.tokePerToken, WAD);
    }

    /// @inheritdoc ICoreFunding
    function reactorRequests() external view override returns (address[] memory) {
        return _reactorRequests;
    }
}
