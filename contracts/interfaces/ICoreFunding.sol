// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Amounts, prices and timestamps in these events are data, not search keys: indexing them would
// cost gas on every emit for no query anyone makes. Actors and ids are indexed.
// solhint-disable gas-indexed-events

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ICoreElection} from "./ICoreElection.sol";

/// @title ICoreFunding
/// @notice Funds the Reactors of CoRE winners: a winning project swaps its token for TOKE at a
///         rate governance sets (equal value both ways, the "1:1 swap"); the project's tokens go
///         to the Treasury, the TOKE to the project, and a Reactor request is recorded and
///         emitted for the Reactor factory to pick up.
/// @dev Roles (OpenZeppelin AccessControl): DEFAULT_ADMIN_ROLE = governance (timelock) sets the
///      terms, recovers unused TOKE, unpauses; GUARDIAN_ROLE pauses swaps.
/// @dev Warning: the project token must not take a transfer fee: a swap that delivers less than
///      the agreed amount reverts.
interface ICoreFunding {
    /// @notice Agreed swap for one winner.
    /// @param project      The only account that may execute the swap (the project's treasury).
    /// @param tokenAmount  Project tokens to deliver, smallest unit.
    /// @param tokePerToken TOKE wei paid per project-token unit, scaled by 1e18.
    /// @param funded       Whether the swap happened.
    struct Terms {
        address project;
        uint128 tokenAmount;
        uint128 tokePerToken;
        bool funded;
    }

    /// @notice A zero address was given.
    error CoreFundingZeroAddress();
    /// @notice `token` did not win election `electionId`.
    error CoreFundingNotWinner(uint256 electionId, address token);
    /// @notice `what` = `value` is outside [1, `max`].
    error CoreFundingOutOfBounds(string what, uint256 value, uint256 max);
    /// @notice The swap for `token` in `electionId` already happened.
    error CoreFundingAlreadyFunded(uint256 electionId, address token);
    /// @notice No terms were set for `token` in `electionId`.
    error CoreFundingNoTerms(uint256 electionId, address token);
    /// @notice `caller` is not the project `project`.
    error CoreFundingNotProject(address caller, address project);
    /// @notice This contract holds `balance` TOKE, less than the `needed`.
    error CoreFundingTokeShort(uint256 balance, uint256 needed);
    /// @notice Only `received` project tokens arrived, not `expected`.
    error CoreFundingShortDelivery(uint256 received, uint256 expected);

    /// @notice Governance set the terms for `token` of `electionId`.
    /// @param electionId   The election the token won.
    /// @param token        The winning project token.
    /// @param project      The account that may swap.
    /// @param tokenAmount  Project tokens to deliver.
    /// @param tokePerToken TOKE wei per token unit, scaled by 1e18.
    event SwapTermsSet(
        uint256 indexed electionId,
        address indexed token,
        address indexed project,
        uint256 tokenAmount,
        uint256 tokePerToken
    );
    /// @notice `project` delivered `tokenAmount` of `token` to the Treasury for `tokeAmount` TOKE.
    /// @param electionId  The election the token won.
    /// @param token       The project token.
    /// @param project     The project account.
    /// @param tokenAmount Project tokens delivered to the Treasury.
    /// @param tokeAmount  TOKE paid to the project.
    event ProjectFunded(
        uint256 indexed electionId,
        address indexed token,
        address indexed project,
        uint256 tokenAmount,
        uint256 tokeAmount
    );
    /// @notice A Reactor for `token` is due (the Reactor factory creates it through the normal path).
    /// @param electionId The election the token won.
    /// @param token      The asset of the Reactor to create.
    event ReactorRequested(uint256 indexed electionId, address indexed token);
    /// @notice Governance sent `amount` unused TOKE back to the Treasury.
    /// @param amount TOKE sent to the Treasury.
    event TokeRecovered(uint256 amount);

    /// @notice The election whose winners may be funded.
    function election() external view returns (ICoreElection);

    /// @notice TOKE.
    function toke() external view returns (IERC20);

    /// @notice Receives the project tokens and recovered TOKE.
    function treasury() external view returns (address);

    /// @notice Sets (or, before the swap, replaces) the terms for a winner.
    /// @dev Only governance. `tokenAmount` in [1, MAX_TOKEN_AMOUNT], `tokePerToken` in
    ///      [1, MAX_TOKE_PER_TOKEN].
    /// @param electionId   A finalised election.
    /// @param token        One of its winners.
    /// @param project      The account that will deliver the tokens.
    /// @param tokenAmount  Project tokens to deliver.
    /// @param tokePerToken TOKE wei per token unit, scaled by 1e18.
    function setSwapTerms(
        uint256 electionId,
        address token,
        address project,
        uint256 tokenAmount,
        uint256 tokePerToken
    ) external;

    /// @notice Executes the agreed swap: pulls the project tokens to the Treasury, pays the
    ///         TOKE to the project, records the Reactor request. Only the project, once.
    /// @return tokeAmount TOKE paid.
    /// @param electionId The election the token won.
    /// @param token      The project token.
    function swap(uint256 electionId, address token) external returns (uint256 tokeAmount);

    /// @notice Sends `amount` TOKE held here back to the Treasury (governance).
    /// @param amount TOKE, in wei.
    function recoverToke(uint256 amount) external;

    /// @notice Stops swaps (guardian).
    function pause() external;

    /// @notice Lets swaps in again (governance).
    function unpause() external;

    /// @notice Terms for `token` in `electionId`.
    /// @param electionId The election.
    /// @param token      The project token.
    function termsOf(uint256 electionId, address token) external view returns (Terms memory);

    /// @notice TOKE the swap for `token` in `electionId` pays.
    /// @param electionId The election.
    /// @param token      The project token.
    function tokeFor(uint256 electionId, address token) external view returns (uint256);

    /// @notice Tokens with a recorded Reactor request, in funding order.
    function reactorRequests() external view returns (address[] memory);
}
