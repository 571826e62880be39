// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title ElectionLib
/// @notice Pure maths of the CoRE election: the loyalty bonus and the winner ranking.
library ElectionLib {
    /// @notice The most candidates an election can rank (one bit each in a uint256 mask).
    uint256 internal constant MAX_CANDIDATES = 256;

    /// @notice Loyalty bonus: the weight held at the previous snapshot, as far as it is still held.
    /// @param previousWeight W at the previous election's snapshot.
    /// @param currentWeight  W at this election's snapshot.
    function loyaltyBonus(
        uint256 previousWeight,
        uint256 currentWeight
    ) internal pure returns (uint256) {
        return previousWeight < currentWeight ? previousWeight : currentWeight;
    }

    /// @notice Indexes of the (at most) `n` candidates with the most votes, best first. A
    ///         candidate with zero votes never ranks; among equal totals the lower index ranks
    ///         higher.
    /// @dev O(n x candidates), for at most MAX_CANDIDATES candidates (the caller bounds both).
    /// @param votes Votes per candidate index.
    /// @param n     Most winners.
    /// @return ranked Winning indexes, best first (length <= n).
    function topN(
        uint256[] memory votes,
        uint256 n
    ) internal pure returns (uint256[] memory ranked) {
        uint256[] memory picks = new uint256[](n);
        uint256 taken;
        uint256 count;
        for (; count < n; ++count) {
            uint256 best = type(uint256).max;
            uint256 bestVotes;
            for (uint256 i; i < votes.length; ++i) {
                // Strictly greater: an equal total found later (higher index) never displaces.
                if (taken & (1 << i) == 0 && votes[i] > bestVotes) {
                    best = i;
                    bestVotes = votes[i];
                }
            }
            if (best == type(uint256).max) break;
            taken |= 1 << best;
            picks[count] = best;
        }
        ranked = new uint256[](count);
        for (uint256 i; i < count; ++i) ranked[i] = picks[i];
    }
}
