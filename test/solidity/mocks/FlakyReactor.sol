// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Test stand-in for a Reactor whose settlement can be made to fail: the cycle manager's
///         isolation is tested against it (a real Reactor no longer reverts on a shortfall).
///         Only what the manager calls is implemented.
contract FlakyReactor {
    /// @notice How `settleCycle` behaves.
    enum Mode {
        Works,
        Reverts,
        BurnsAllGas
    }

    error FlakyReactorFailed(uint256 settles);

    address public immutable manager;
    address public immutable asset;
    Mode public mode;
    uint32 public cycle;
    uint256 public settles;
    uint256 public lastReward;
    uint256 public totalSupply;
    bool public windDownComplete;

    constructor(address manager_, address asset_) {
        manager = manager_;
        asset = asset_;
    }

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    function setSupply(uint256 supply, bool windDownComplete_) external {
        totalSupply = supply;
        windDownComplete = windDownComplete_;
    }

    function onRegistered(uint32 currentCycle) external {
        cycle = currentCycle;
    }

    function onDeregistered() external {}

    function settleCycle(uint256 lpReward) external returns (uint256) {
        if (mode == Mode.Reverts) revert FlakyReactorFailed(settles);
        if (mode == Mode.BurnsAllGas) {
            // Spins until the call runs out of gas.
            while (true) ++settles;
        }
        ++settles;
        ++cycle;
        lastReward = lpReward;
        return 0;
    }
}
