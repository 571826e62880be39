// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

// Amounts, prices and timestamps in these events are data, not search keys: indexing them would
// cost gas on every emit for no query anyone makes. Actors and ids are indexed.
// solhint-disable gas-indexed-events

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IGenesisPool} from "./IGenesisPool.sol";

/// @title IDeGenesis
/// @notice The launch sale. Whitelisted wallets (Merkle proof) commit ETH or USDC during a window.
///         After the window governance finalises at a fixed ETH/USD price; every wallet then makes
///         one claim that pays its TOKE (optionally vested linearly), moves its overflow into the
///         Genesis pools and refunds the rest.
/// @dev All USD amounts have 18 decimals. USDC counts as exactly 1 USD.
///      Let T be the USD value of everything committed, G the target, C the overflow cap (C >= G),
///      A = G / basePrice the TOKE allocation, and v a wallet's USD value. Then
///        - the wallet receives A * v / T TOKE (so the price is T / A below the target and the base
///          price from the target on);
///        - the share min(T, G) / T of each asset it sent buys that TOKE (sent to the Treasury),
///        - the share (min(T, C) - min(T, G)) / T goes into that asset's Genesis pool,
///        - the rest is refunded.
///      The per-wallet cap is checked at commit time with the ETH price in force then; the
///      price fixed at finalisation values every commitment, so a price change between a commit
///      and finalisation moves that wallet's final value away from the cap (both prices are
///      bounded by MIN/MAX_ETH_USD_PRICE).
/// @dev Roles (OpenZeppelin AccessControl): DEFAULT_ADMIN_ROLE = governance (a timelock): sets
///      the ETH price and the Genesis pools, finalises, unpauses. GUARDIAN_ROLE pauses commits.
///      Nothing pauses claims. If governance has not finalised FINALIZATION_WINDOW_SECONDS after
///      the window closed, the sale is void and every claim refunds the whole commitment.
interface IDeGenesis {
    /// @notice Construction parameters.
    /// @param governance      Admin (timelock).
    /// @param guardian        May pause commits.
    /// @param treasury        Receives the assets that bought TOKE, and unsold TOKE.
    /// @param toke            TOKE.
    /// @param usdc            USDC (at most 18 decimals, valued at 1 USD).
    /// @param weth            WETH9, used to deposit ETH overflow in the ETH Genesis pool.
    /// @param merkleRoot      Root of the whitelist (OpenZeppelin StandardMerkleTree, leaf type ["address"]).
    /// @param windowStart     First second of the commit window.
    /// @param windowEnd       Last second of the commit window.
    /// @param targetUsd       Raise that sells the whole allocation at the base price.
    /// @param overflowCapUsd  Total above which commitments are refunded (>= target).
    /// @param basePriceUsd    TOKE price reached at the target.
    /// @param walletCapUsd    Most one wallet may commit.
    /// @param tokeAllocation  TOKE sold; must equal targetUsd / basePriceUsd (in wei).
    /// @param ethUsdPrice     Initial USD price of one ETH (governance may update it until finalisation).
    /// @param vestingSeconds  Linear vesting of claimed TOKE from finalisation; 0 = none.
    struct Params {
        address governance;
        address guardian;
        address treasury;
        IERC20 toke;
        IERC20 usdc;
        address weth;
        bytes32 merkleRoot;
        uint64 windowStart;
        uint64 windowEnd;
        uint256 targetUsd;
        uint256 overflowCapUsd;
        uint256 basePriceUsd;
        uint256 walletCapUsd;
        uint256 tokeAllocation;
        uint256 ethUsdPrice;
        uint256 vestingSeconds;
    }

    /// @notice What one wallet's claim is worth after finalisation.
    /// @param toke          TOKE bought, in wei (before vesting).
    /// @param ethSale       ETH that bought TOKE (already with the Treasury).
    /// @param ethGenesis    ETH deposited (as WETH) into the ETH Genesis pool.
    /// @param ethRefund     ETH refunded.
    /// @param usdcSale      USDC that bought TOKE.
    /// @param usdcGenesis   USDC deposited into the USDC Genesis pool.
    /// @param usdcRefund    USDC refunded.
    struct Settlement {
        uint256 toke;
        uint256 ethSale;
        uint256 ethGenesis;
        uint256 ethRefund;
        uint256 usdcSale;
        uint256 usdcGenesis;
        uint256 usdcRefund;
    }

    /// @notice A zero address was given for `what`.
    error DeGenesisZeroAddress(string what);
    /// @notice The window [`start`, `end`] is in the past, reversed or longer than allowed.
    error DeGenesisBadWindow(uint256 start, uint256 end);
    /// @notice `what` = `value` is outside [`min`, `max`].
    error DeGenesisOutOfBounds(string what, uint256 value, uint256 min, uint256 max);
    /// @notice The allocation `allocation` is not target / base price = `expected`.
    error DeGenesisBadAllocation(uint256 allocation, uint256 expected);
    /// @notice USDC's `decimals` exceed 18.
    error DeGenesisBadUsdcDecimals(uint8 decimals);
    /// @notice Commits are accepted only in [`start`, `end`]; now is `nowTs`.
    error DeGenesisWindowClosed(uint256 nowTs, uint256 start, uint256 end);
    /// @notice The window is still open until `end`.
    error DeGenesisWindowOpen(uint256 end);
    /// @notice `account`'s proof is not valid for the whitelist.
    error DeGenesisNotWhitelisted(address account);
    /// @notice `account` would hold `usdValue` (USD, 18 decimals), above `walletCap`.
    error DeGenesisWalletCapExceeded(address account, uint256 usdValue, uint256 walletCap);
    /// @notice An amount of zero was committed.
    error DeGenesisZeroCommit();
    /// @notice The sale was already finalised.
    error DeGenesisAlreadyFinalized();
    /// @notice The sale is not finalised yet.
    error DeGenesisNotFinalized();
    /// @notice The sale is void (not finalised by `deadline`): only refunds remain.
    error DeGenesisVoid(uint256 deadline);
    /// @notice The sale is not void.
    error DeGenesisNotVoid();
    /// @notice The Genesis pools are not set.
    error DeGenesisPoolsNotSet();
    /// @notice `pool` is not a Genesis pool for `expectedToken` deposited into by this contract.
    error DeGenesisBadPool(address pool, address expectedToken);
    /// @notice The contract holds `balance` TOKE, less than the `allocation` it must sell.
    error DeGenesisTokeShort(uint256 balance, uint256 allocation);
    /// @notice `account` has nothing to claim.
    error DeGenesisNothingToClaim(address account);
    /// @notice Sending `amount` ETH to `to` failed.
    error DeGenesisEthTransferFailed(address to, uint256 amount);

    /// @notice `account` committed `amount` wei of ETH.
    /// @param account The wallet.
    /// @param amount  Wei committed.
    event EthCommitted(address indexed account, uint256 amount);
    /// @notice `account` committed `amount` USDC units.
    /// @param account The wallet.
    /// @param amount  USDC units committed.
    event UsdcCommitted(address indexed account, uint256 amount);
    /// @notice Governance set the ETH price to `price` (USD per ETH, 18 decimals).
    /// @param price USD per ETH, 18 decimals.
    event EthUsdPriceSet(uint256 price);
    /// @notice Governance set the Genesis pools.
    /// @param ethPool  Genesis pool over WETH.
    /// @param usdcPool Genesis pool over USDC.
    event GenesisPoolsSet(address indexed ethPool, address indexed usdcPool);
    /// @notice The sale was finalised at `ethUsdPrice` with `totalUsd` committed; `saleUsd` bought
    ///         TOKE and `genesisUsd` overflows into the Genesis pools.
    /// @param ethUsdPrice    The fixed ETH price (USD, 18 decimals).
    /// @param totalUsd       Value of everything committed.
    /// @param saleUsd        Part that bought TOKE: min(total, target).
    /// @param genesisUsd     Part that overflows: min(total, cap) - saleUsd.
    /// @param ethToTreasury  Wei sent to the Treasury.
    /// @param usdcToTreasury USDC units sent to the Treasury.
    event Finalized(
        uint256 ethUsdPrice,
        uint256 totalUsd,
        uint256 saleUsd,
        uint256 genesisUsd,
        uint256 ethToTreasury,
        uint256 usdcToTreasury
    );
    /// @notice `account`'s commitment was settled (first claim).
    /// @param account     The wallet.
    /// @param toke        TOKE bought (before vesting).
    /// @param ethGenesis  Wei wrapped and staked in the ETH Genesis pool.
    /// @param ethRefund   Wei refunded.
    /// @param usdcGenesis USDC staked in the USDC Genesis pool.
    /// @param usdcRefund  USDC refunded.
    event Settled(
        address indexed account,
        uint256 toke,
        uint256 ethGenesis,
        uint256 ethRefund,
        uint256 usdcGenesis,
        uint256 usdcRefund
    );
    /// @notice `account` was paid `amount` TOKE.
    /// @param account The wallet.
    /// @param amount  TOKE paid.
    event TokeClaimed(address indexed account, uint256 amount);
    /// @notice Refunding `amount` ETH to `account` failed; it waits in `deferredEthOf`.
    /// @param account The wallet that refused the ETH.
    /// @param amount  Wei kept for it.
    event EthRefundDeferred(address indexed account, uint256 amount);
    /// @notice `account` withdrew its deferred ETH refund `amount` to `to`.
    /// @param account The wallet.
    /// @param to      Where the ETH went.
    /// @param amount  Wei sent.
    event DeferredEthWithdrawn(address indexed account, address indexed to, uint256 amount);
    /// @notice The TOKE of a void sale (`amount`) went back to the Treasury.
    /// @param amount TOKE sent to the Treasury.
    event VoidTokeReturned(uint256 amount);

    /// @notice Commits the ETH sent along. The first commit of a wallet needs its proof; later
    ///         commits may pass an empty proof.
    /// @param proof Merkle proof of the caller's address in the whitelist.
    function commitEth(bytes32[] calldata proof) external payable;

    /// @notice Commits `amount` USDC (needs an allowance). Same proof rule as `commitEth`.
    /// @param amount USDC units (6 decimals for USDC).
    /// @param proof  Merkle proof of the caller's address in the whitelist.
    function commitUsdc(uint256 amount, bytes32[] calldata proof) external;

    /// @notice Sets the USD price of ETH used to value ETH commitments (caps and finalisation).
    /// @dev Only governance, only before finalisation. Bounded by MIN/MAX_ETH_USD_PRICE.
    /// @param price USD per ETH, 18 decimals.
    function setEthUsdPrice(uint256 price) external;

    /// @notice Sets the Genesis pools that receive overflow.
    /// @dev Only governance, only before finalisation. Each pool's staking token must match
    ///      (WETH / USDC) and its depositor must be this contract.
    /// @param ethPool  Genesis pool over WETH, fed by this contract.
    /// @param usdcPool Genesis pool over USDC, fed by this contract.
    function setGenesisPools(IGenesisPool ethPool, IGenesisPool usdcPool) external;

    /// @notice Fixes the ETH price and the split, and sends the sold part of the assets and any
    ///         TOKE beyond the allocation to the Treasury.
    /// @dev Only governance, after the window and before the sale turns void.
    function finalize() external;

    /// @notice Settles the caller (once: Genesis deposits and refunds) and pays its vested TOKE.
    ///         May be called again to collect TOKE that vested since. In a void sale, refunds all.
    /// @return tokePaid TOKE paid by this call.
    function claim() external returns (uint256 tokePaid);

    /// @notice Withdraws an ETH refund that could not be sent to the caller, to `to`.
    /// @param to Receiver of the ETH.
    function withdrawDeferredEth(address payable to) external;

    /// @notice In a void sale, sends all TOKE held back to the Treasury. Anyone may call.
    function returnVoidToke() external;

    /// @notice Stops commits (guardian).
    function pause() external;

    /// @notice Lets commits in again (governance).
    function unpause() external;

    /// @notice ETH (wei) and USDC (units) committed by `account`.
    /// @param account The wallet.
    /// @return eth  Wei committed.
    /// @return usdc USDC units committed.
    function commitmentOf(address account) external view returns (uint256 eth, uint256 usdc);

    /// @notice USD value (18 decimals) of `account`'s commitment at the current ETH price.
    /// @param account The wallet.
    function usdValueOf(address account) external view returns (uint256);

    /// @notice Total ETH (wei) and USDC (units) committed.
    /// @return eth  Wei committed by all wallets.
    /// @return usdc USDC units committed by all wallets.
    function totals() external view returns (uint256 eth, uint256 usdc);

    /// @notice USD value (18 decimals) of everything committed at the current ETH price.
    function totalUsd() external view returns (uint256);

    /// @notice USD per ETH (18 decimals), fixed once finalised.
    function ethUsdPrice() external view returns (uint256);

    /// @notice USD per TOKE (18 decimals) for the current total: total / allocation below the
    ///         target, the base price from it on.
    function currentPrice() external view returns (uint256);

    /// @notice What `account`'s claim settles to (after finalisation).
    /// @param account The wallet.
    function settlementOf(address account) external view returns (Settlement memory);

    /// @notice TOKE of `account` vested and not yet paid (after its first claim, or preview before).
    /// @param account The wallet.
    function claimableToke(address account) external view returns (uint256);

    /// @notice ETH refund waiting for `account` because sending it failed.
    /// @param account The wallet.
    function deferredEthOf(address account) external view returns (uint256);

    /// @notice Receives the sold assets and unsold TOKE.
    function treasury() external view returns (address);

    /// @notice TOKE, the token sold.
    function toke() external view returns (IERC20);

    /// @notice USDC, one of the two accepted assets.
    function usdc() external view returns (IERC20);

    /// @notice WETH9, the ETH Genesis pool's asset.
    function weth() external view returns (address);

    /// @notice Root of the whitelist Merkle tree.
    function merkleRoot() external view returns (bytes32);

    /// @notice First second of the commit window.
    function windowStart() external view returns (uint256);

    /// @notice Last second of the commit window.
    function windowEnd() external view returns (uint256);

    /// @notice Target raise, USD (18 decimals).
    function targetUsd() external view returns (uint256);

    /// @notice Total above which commitments are refunded, USD (18 decimals).
    function overflowCapUsd() external view returns (uint256);

    /// @notice TOKE price at and above the target, USD (18 decimals).
    function basePriceUsd() external view returns (uint256);

    /// @notice Most one wallet may commit, USD (18 decimals).
    function walletCapUsd() external view returns (uint256);

    /// @notice TOKE sold (wei): target / base price.
    function tokeAllocation() external view returns (uint256);

    /// @notice Linear vesting of TOKE from finalisation, seconds (0 = none).
    function vestingSeconds() external view returns (uint256);

    /// @notice When the sale was finalised (0 while not).
    function finalizedAt() external view returns (uint256);

    /// @notice Whether the sale is finalised.
    function finalized() external view returns (bool);

    /// @notice Whether the sale is void (never finalised in time).
    function isVoid() external view returns (bool);
}
