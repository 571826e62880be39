// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title IPricerRegistry
/// @notice Who may price which market. Governance registers pricers and lists markets
///         (PricerPools); a pricer bonds TOKE; governance enables a pricer on up to
///         MAX_MARKETS_PER_PRICER markets. A pricer is **active** while registered and bonded at
///         least `minBond`; the registry tells each of its markets whenever that changes (`sync`,
///         which anyone may call, e.g. after governance raised `minBond`).
///
///         Unbonding takes `unbondDelay` seconds, and the amount waiting stays slashable, so a
///         pricer cannot run from a slash. Governance slashes a pricer whose P&L on a market is
///         below that market's threshold (`IPricerPool.isSlashable`); the TOKE goes to the Treasury.
interface IPricerRegistry {
    /// @notice A pricer's bond.
    /// @param registered  Registered by governance.
    /// @param readyAt     When `unbonding` may be withdrawn.
    /// @param bond        TOKE bonded (counts towards `minBond`).
    /// @param unbonding   TOKE waiting to be withdrawn (still slashable).
    struct Pricer {
        bool registered;
        uint40 readyAt;
        uint96 bond;
        uint96 unbonding;
    }

    /// @notice A zero address.
    error PricerRegistryZeroAddress();
    /// @notice A zero amount, or one above 2**96.
    error PricerRegistryBadAmount(uint256 amount);
    /// @notice `pricer` is (or is not, as the call needs) registered.
    error PricerRegistryRegistration(address pricer, bool registered);
    /// @notice `pool` is not a market of this registry, or is one already.
    error PricerRegistryMarket(address pool, bool listed);
    /// @notice `pricer` is already enabled on `pool`, or is not.
    error PricerRegistryEnabled(address pricer, address pool, bool enabled);
    /// @notice `pricer` is enabled on the most markets allowed.
    error PricerRegistryTooManyMarkets(address pricer, uint256 max);
    /// @notice `pricer` bonded `bond`; the operation needs `needed`.
    error PricerRegistryInsufficientBond(address pricer, uint256 needed, uint256 bond);
    /// @notice The unbonded TOKE is withdrawable from `readyAt`.
    error PricerRegistryNotReady(uint256 readyAt, uint256 nowSeconds);
    /// @notice `pricer` is not slashable on `pool` (its P&L is within the threshold).
    error PricerRegistryNotSlashable(address pricer, address pool);
    /// @notice A setting is outside [min, max].
    error PricerRegistryBadSetting(uint256 value, uint256 min, uint256 max);
    /// @notice `received` TOKE arrived of `sent`.
    error PricerRegistryTransferShortfall(uint256 sent, uint256 received);

    /// @notice Governance registered `pricer`.
    event PricerRegistered(address indexed pricer);
    /// @notice Governance deregistered `pricer`.
    event PricerDeregistered(address indexed pricer);
    /// @notice Governance listed `pool` as a market.
    event MarketListed(address indexed pool);
    /// @notice Governance enabled (or disabled) `pricer` on `pool`.
    event MarketEnabled(address indexed pricer, address indexed pool, bool enabled);
    /// @notice `pricer` bonded `amount` more TOKE.
    event Bonded(address indexed pricer, uint256 amount);
    /// @notice `pricer` asked to unbond `amount`, withdrawable from `readyAt`.
    event UnbondRequested(address indexed pricer, uint256 amount, uint256 readyAt);
    /// @notice `pricer` withdrew `amount` of unbonded TOKE.
    event Unbonded(address indexed pricer, uint256 amount);
    /// @notice Governance slashed `amount` of `pricer`'s TOKE for its losses on `pool`.
    event Slashed(address indexed pricer, address indexed pool, uint256 amount);
    /// @notice `pricer`'s activity became `active` on its markets.
    event PricerSynced(address indexed pricer, bool active);
    /// @notice Governance set the minimum bond.
    event MinBondSet(uint256 minBond);
    /// @notice Governance set the unbonding delay.
    event UnbondDelaySet(uint256 unbondDelay);

    /// @notice Registers `pricer` (governance only).
    function register(address pricer) external;

    /// @notice Deregisters `pricer`, deactivating it on every market (governance only). Its bond
    ///         stays slashable until withdrawn through `requestUnbond`.
    function deregister(address pricer) external;

    /// @notice Lists `pool` as a market (governance only); the pool must name this registry.
    function listMarket(address pool) external;

    /// @notice Enables `pricer` on market `pool` (governance only).
    function enableMarket(address pricer, address pool) external;

    /// @notice Disables `pricer` on market `pool` (governance only).
    function disableMarket(address pricer, address pool) external;

    /// @notice Bonds `amount` TOKE from the caller (a registered pricer, who approved it).
    function bond(uint256 amount) external;

    /// @notice Starts unbonding `amount` of the caller's bond; restarts the delay.
    function requestUnbond(uint256 amount) external;

    /// @notice Withdraws the caller's unbonded TOKE once the delay has passed.
    function withdrawUnbonded() external;

    /// @notice Slashes up to `amount` of `pricer`'s TOKE (bond first, then unbonding) to the
    ///         Treasury, if `pricer` is slashable on market `pool` (governance only).
    /// @return slashed TOKE taken.
    function slash(address pricer, address pool, uint256 amount) external returns (uint256 slashed);

    /// @notice Tells `pricer`'s markets whether it is active. Anyone may call it.
    function sync(address pricer) external;

    /// @notice Sets the minimum bond, in (0, 2**96) (governance only). Run `sync` afterwards.
    function setMinBond(uint256 minBond) external;

    /// @notice Sets the unbonding delay, within [MIN_UNBOND_DELAY, MAX_UNBOND_DELAY] (governance).
    function setUnbondDelay(uint256 unbondDelay) external;

    /// @notice The TOKE token.
    function toke() external view returns (address);

    /// @notice The Treasury slashes go to.
    function treasury() external view returns (address);

    /// @notice Smallest bond of an active pricer.
    function minBond() external view returns (uint256);

    /// @notice Seconds between an unbond request and its withdrawal.
    function unbondDelay() external view returns (uint256);

    /// @notice `pricer`'s record.
    function pricer(address pricer) external view returns (Pricer memory);

    /// @notice Whether `pricer` is registered and bonded at least `minBond`.
    function isActive(address pricer) external view returns (bool);

    /// @notice Whether `pool` is a listed market.
    function isMarket(address pool) external view returns (bool);

    /// @notice Every listed market.
    function markets() external view returns (address[] memory);

    /// @notice The markets `pricer` is enabled on.
    function marketsOf(address pricer) external view returns (address[] memory);
}
