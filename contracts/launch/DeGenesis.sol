// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IDeGenesis} from "../interfaces/IDeGenesis.sol";
import {IGenesisPool} from "../interfaces/IGenesisPool.sol";
import {IWETH9} from "../interfaces/external/IWETH9.sol";
import {DeGenesisLib} from "../libraries/DeGenesisLib.sol";
import {DeGenesisConfig} from "./DeGenesisConfig.sol";

/// @title DeGenesis
/// @notice The launch sale: see IDeGenesis for the price curve, the split and the roles. Its
///         fixed terms and their checks are in DeGenesisConfig; this contract holds the state.
contract DeGenesis is DeGenesisConfig, AccessControl, Pausable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    // ---------------------------------------------------------------- constants

    /// @notice May pause commits.
    bytes32 public constant GUARDIAN_ROLE = keccak256("GUARDIAN_ROLE");

    // ---------------------------------------------------------------- storage

    /// @dev One slot per wallet. `eth` and `usdc` fit: a wallet's value is capped at
    ///      MAX_RAISE_USD (1e27), so eth <= 1e27 wei at the smallest ETH price and usdc <= 1e27.
    struct Account {
        uint128 eth;
        uint96 usdc;
        bool settled;
    }

    /// @dev TOKE bought and paid, both below the allocation (< 2^128).
    struct TokeOwed {
        uint128 total;
        uint128 claimed;
    }

    mapping(address account => Account) private _accounts;
    mapping(address account => TokeOwed) private _tokeOwed;
    mapping(address account => uint256 wei_) private _deferredEth;
    uint128 private _totalEth;
    uint128 private _totalUsdc;
    uint128 private _ethUsdPrice;
    uint64 private _finalizedAt;
    IGenesisPool private _ethPool;
    IGenesisPool private _usdcPool;
    DeGenesisLib.Split private _split;

    // ---------------------------------------------------------------- constructor

    /// @notice Deploys the sale; see IDeGenesis.Params for each parameter and its bounds.
    /// @param p The sale parameters.
    constructor(Params memory p) DeGenesisConfig(p) {
        // Bounded by MAX_ETH_USD_PRICE (1e24) in DeGenesisConfig: fits in 128 bits.
        _ethUsdPrice = uint128(p.ethUsdPrice);

        _grantRole(DEFAULT_ADMIN_ROLE, p.governance);
        _grantRole(GUARDIAN_ROLE, p.guardian);
        emit EthUsdPriceSet(p.ethUsdPrice);
    }

    // ---------------------------------------------------------------- commits

    /// @inheritdoc IDeGenesis
    function commitEth(bytes32[] calldata proof) external payable override whenNotPaused {
        if (msg.value == 0) revert DeGenesisZeroCommit();
        _commit(msg.value, 0, proof);
        emit EthCommitted(msg.sender, msg.value);
    }

    /// @inheritdoc IDeGenesis
    function commitUsdc(uint256 amount, bytes32[] calldata proof) external override whenNotPaused {
        if (amount == 0) revert DeGenesisZeroCommit();
        _commit(0, amount, proof);
        // USDC is a fixed, known token without transfer fees: the amount pulled is the amount held.
        USDC.safeTransferFrom(msg.sender, address(this), amount);
        emit UsdcCommitted(msg.sender, amount);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IDeGenesis
    function setEthUsdPrice(uint256 price) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        if (_finalizedAt != 0) revert DeGenesisAlreadyFinalized();
        _checkBounds("ethUsdPrice", price, MIN_ETH_USD_PRICE, MAX_ETH_USD_PRICE);
        // Bounded by MAX_ETH_USD_PRICE just above.
        _ethUsdPrice = uint128(price);
        emit EthUsdPriceSet(price);
    }

    /// @inheritdoc IDeGenesis
    function setGenesisPools(
        IGenesisPool ethPool,
        IGenesisPool usdcPool
    ) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        if (_finalizedAt != 0) revert DeGenesisAlreadyFinalized();
        _checkPool(ethPool, WETH);
        _checkPool(usdcPool, address(USDC));
        IGenesisPool oldEth = _ethPool;
        if (address(oldEth) != address(0)) {
            IERC20(WETH).forceApprove(address(oldEth), 0);
            USDC.forceApprove(address(_usdcPool), 0);
        }
        _ethPool = ethPool;
        _usdcPool = usdcPool;
        IERC20(WETH).forceApprove(address(ethPool), type(uint256).max);
        USDC.forceApprove(address(usdcPool), type(uint256).max);
        emit GenesisPoolsSet(address(ethPool), address(usdcPool));
    }

    /// @inheritdoc IDeGenesis
    function finalize() external override onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        if (block.timestamp <= WINDOW_END) revert DeGenesisWindowOpen(WINDOW_END);
        if (_finalizedAt != 0) revert DeGenesisAlreadyFinalized();
        if (isVoid()) revert DeGenesisVoid(WINDOW_END + FINALIZATION_WINDOW_SECONDS);
        if (address(_ethPool) == address(0)) revert DeGenesisPoolsNotSet();

        uint256 price = _ethUsdPrice;
        uint256 totalEth = _totalEth;
        uint256 totalUsdc = _totalUsdc;
        DeGenesisLib.Split memory s = DeGenesisLib.split(
            DeGenesisLib.usdValue(totalEth, totalUsdc, price, USDC_SCALE),
            TARGET_USD,
            OVERFLOW_CAP_USD
        );
        _split = s;
        _finalizedAt = uint64(block.timestamp);

        // Floors of the totals' sold part: each wallet's sold part rounds up (DeGenesisLib), so
        // what stays here always covers every wallet's Genesis part and refund.
        uint256 ethToTreasury;
        uint256 usdcToTreasury;
        uint256 tokeKept;
        if (s.total != 0) {
            ethToTreasury = Math.mulDiv(totalEth, s.sale, s.total);
            usdcToTreasury = Math.mulDiv(totalUsdc, s.sale, s.total);
            tokeKept = TOKE_ALLOCATION;
        }
        uint256 tokeBalance = TOKE.balanceOf(address(this));
        if (tokeBalance < tokeKept) revert DeGenesisTokeShort(tokeBalance, tokeKept);
        emit Finalized(price, s.total, s.sale, s.genesis, ethToTreasury, usdcToTreasury);

        if (tokeBalance > tokeKept) TOKE.safeTransfer(TREASURY, tokeBalance - tokeKept);
        if (usdcToTreasury != 0) USDC.safeTransfer(TREASURY, usdcToTreasury);
        if (ethToTreasury != 0) {
            // The Treasury holds ERC-20s only (it has no receive): ETH proceeds go in as WETH.
            IWETH9(WETH).deposit{value: ethToTreasury}();
            IERC20(WETH).safeTransfer(TREASURY, ethToTreasury);
        }
    }

    /// @inheritdoc IDeGenesis
    function pause() external override onlyRole(GUARDIAN_ROLE) {
        _pause();
    }

    /// @inheritdoc IDeGenesis
    function unpause() external override onlyRole(DEFAULT_ADMIN_ROLE) {
        _unpause();
    }

    // ---------------------------------------------------------------- claims

    /// @inheritdoc IDeGenesis
    function claim() external override nonReentrant returns (uint256 tokePaid) {
        Account storage account = _accounts[msg.sender];
        bool firstClaim = !account.settled;
        Settlement memory s;
        if (firstClaim) {
            uint256 eth = account.eth;
            uint256 usdcAmount = account.usdc;
            if (eth == 0 && usdcAmount == 0) revert DeGenesisNothingToClaim(msg.sender);
            account.settled = true;
            if (_finalizedAt == 0) {
                if (!isVoid()) revert DeGenesisNotFinalized();
                s.ethRefund = eth;
                s.usdcRefund = usdcAmount;
            } else {
                s = _settlement(eth, usdcAmount, _split);
                // s.toke <= TOKE_ALLOCATION <= MAX_RAISE_USD / MIN_BASE_PRICE_USD = 1e33 < 2^128.
                _tokeOwed[msg.sender].total = uint128(s.toke);
            }
            emit Settled(
                msg.sender,
                s.toke,
                s.ethGenesis,
                s.ethRefund,
                s.usdcGenesis,
                s.usdcRefund
            );
        }

        TokeOwed storage owed = _tokeOwed[msg.sender];
        uint256 claimed = owed.claimed;
        tokePaid =
            DeGenesisLib.vested(owed.total, _finalizedAt, VESTING_SECONDS, block.timestamp) -
            claimed;
        if (tokePaid != 0) {
            // claimed + tokePaid = vested <= total < 2^128.
            owed.claimed = uint128(claimed + tokePaid);
            emit TokeClaimed(msg.sender, tokePaid);
            TOKE.safeTransfer(msg.sender, tokePaid);
        } else if (!firstClaim) {
            revert DeGenesisNothingToClaim(msg.sender);
        }
        if (firstClaim) _payOut(s);
    }

    /// @inheritdoc IDeGenesis
    function withdrawDeferredEth(address payable to) external override nonReentrant {
        if (to == address(0)) revert DeGenesisZeroAddress("to");
        uint256 amount = _deferredEth[msg.sender];
        if (amount == 0) revert DeGenesisNothingToClaim(msg.sender);
        _deferredEth[msg.sender] = 0;
        emit DeferredEthWithdrawn(msg.sender, to, amount);
        _sendEthOrRevert(to, amount);
    }

    /// @inheritdoc IDeGenesis
    function returnVoidToke() external override nonReentrant {
        if (!isVoid()) revert DeGenesisNotVoid();
        uint256 amount = TOKE.balanceOf(address(this));
        emit VoidTokeReturned(amount);
        TOKE.safeTransfer(TREASURY, amount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IDeGenesis
    function commitmentOf(
        address account
    ) external view override returns (uint256 eth, uint256 usdcAmount) {
        Account memory a = _accounts[account];
        return (a.eth, a.usdc);
    }

    /// @inheritdoc IDeGenesis
    function usdValueOf(address account) external view override returns (uint256) {
        Account memory a = _accounts[account];
        return DeGenesisLib.usdValue(a.eth, a.usdc, _ethUsdPrice, USDC_SCALE);
    }

    /// @inheritdoc IDeGenesis
    function totals() external view override returns (uint256 eth, uint256 usdcAmount) {
        return (_totalEth, _totalUsdc);
    }

    /// @inheritdoc IDeGenesis
    function totalUsd() public view override returns (uint256) {
        return DeGenesisLib.usdValue(_totalEth, _totalUsdc, _ethUsdPrice, USDC_SCALE);
    }

    /// @inheritdoc IDeGenesis
    function ethUsdPrice() external view override returns (uint256) {
        return _ethUsdPrice;
    }

    /// @inheritdoc IDeGenesis
    function currentPrice() external view override returns (uint256) {
        return DeGenesisLib.price(totalUsd(), TARGET_USD, TOKE_ALLOCATION);
    }

    /// @inheritdoc IDeGenesis
    function settlementOf(address account) external view override returns (Settlement memory) {
        if (_finalizedAt == 0) revert DeGenesisNotFinalized();
        Account memory a = _accounts[account];
        return _settlement(a.eth, a.usdc, _split);
    }

    /// @inheritdoc IDeGenesis
    function claimableToke(address account) external view override returns (uint256) {
        if (_finalizedAt == 0) return 0;
        Account memory a = _accounts[account];
        TokeOwed memory owed = _tokeOwed[account];
        uint256 total = a.settled ? owed.total : _settlement(a.eth, a.usdc, _split).toke;
        return
            DeGenesisLib.vested(total, _finalizedAt, VESTING_SECONDS, block.timestamp) -
            owed.claimed;
    }

    /// @inheritdoc IDeGenesis
    function deferredEthOf(address account) external view override returns (uint256) {
        return _deferredEth[account];
    }

    /// @inheritdoc IDeGenesis
    function finalizedAt() external view override returns (uint256) {
        return _finalizedAt;
    }

    /// @inheritdoc IDeGenesis
    function finalized() external view override returns (bool) {
        return _finalizedAt != 0;
    }

    /// @inheritdoc IDeGenesis
    function isVoid() public view override returns (bool) {
        return _finalizedAt == 0 && block.timestamp > WINDOW_END + FINALIZATION_WINDOW_SECONDS;
    }

    // ---------------------------------------------------------------- internal

    function _commit(uint256 eth, uint256 usdcAmount, bytes32[] calldata proof) private {
        if (block.timestamp < WINDOW_START || block.timestamp > WINDOW_END) {
            revert DeGenesisWindowClosed(block.timestamp, WINDOW_START, WINDOW_END);
        }
        Account memory a = _accounts[msg.sender];
        // A wallet with a commitment already proved its place on the whitelist.
        if (a.eth == 0 && a.usdc == 0) {
            bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(msg.sender))));
            if (!MerkleProof.verifyCalldata(proof, MERKLE_ROOT, leaf))
                revert DeGenesisNotWhitelisted(msg.sender);
        }
        uint256 newEth = a.eth + eth;
        uint256 newUsdc = a.usdc + usdcAmount;
        uint256 value = DeGenesisLib.usdValue(newEth, newUsdc, _ethUsdPrice, USDC_SCALE);
        if (value > WALLET_CAP_USD)
            revert DeGenesisWalletCapExceeded(msg.sender, value, WALLET_CAP_USD);
        // value <= WALLET_CAP_USD <= 1e27 bounds both amounts well inside their widths (see Account).
        _accounts[msg.sender] = Account({
            eth: uint128(newEth),
            usdc: uint96(newUsdc),
            settled: false
        });
        // Totals are checked: they cannot reach 2^128 in any real sale, and if they did the commit reverts.
        _totalEth += uint128(eth);
        _totalUsdc += uint128(usdcAmount);
    }

    function _settlement(
        uint256 eth,
        uint256 usdcAmount,
        DeGenesisLib.Split memory s
    ) private view returns (Settlement memory r) {
        r.toke = DeGenesisLib.tokeFor(
            DeGenesisLib.usdValue(eth, usdcAmount, _ethUsdPrice, USDC_SCALE),
            TOKE_ALLOCATION,
            s.total
        );
        (r.ethSale, r.ethGenesis, r.ethRefund) = DeGenesisLib.splitAmount(eth, s);
        (r.usdcSale, r.usdcGenesis, r.usdcRefund) = DeGenesisLib.splitAmount(usdcAmount, s);
    }

    /// @dev Genesis deposits first (they cannot fail for a valid pool), then refunds. A refused
    ///      ETH refund is kept for `withdrawDeferredEth` so it never blocks the rest of the claim.
    function _payOut(Settlement memory s) private {
        if (s.ethGenesis != 0) {
            IWETH9(WETH).deposit{value: s.ethGenesis}();
            _ethPool.depositFor(msg.sender, s.ethGenesis);
        }
        if (s.usdcGenesis != 0) _usdcPool.depositFor(msg.sender, s.usdcGenesis);
        if (s.usdcRefund != 0) USDC.safeTransfer(msg.sender, s.usdcRefund);
        if (s.ethRefund != 0) {
            (bool ok, ) = payable(msg.sender).call{value: s.ethRefund}("");
            if (!ok) {
                _deferredEth[msg.sender] += s.ethRefund;
                emit EthRefundDeferred(msg.sender, s.ethRefund);
            }
        }
    }

    function _sendEthOrRevert(address to, uint256 amount) private {
        (bool ok, ) = payable(to).call{value: amount}("");
        if (!ok) revert DeGenesisEthTransferFailed(to, amount);
    }

    function _checkPool(IGenesisPool pool, address expectedToken) private view {
        if (
            address(pool) == address(0) ||
            address(pool.stakingToken()) != expectedToken ||
            pool.depositor() != address(this)
        ) revert DeGenesisBadPool(address(pool), expectedToken);
    }
}
