// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";
import {CycleLedgerLib} from "../libraries/CycleLedgerLib.sol";
import {IERC7575ShareToken} from "../interfaces/IERC7540.sol";
import {IReactorToken} from "../interfaces/IReactorToken.sol";
import {ReactorStorage} from "./ReactorStorage.sol";

/// @title ReactorToken
/// @notice The tAsset's token ledger (see IReactorToken): ERC-20 over a CycleLedgerLib ledger,
///         ERC-2612 permits, the EIP-5267 domain and the ERC-7575 share side. The vault and its
///         redemptions live in the Reactor that extends it.
/// @dev Shares escrowed by the vault (redemption requests) are held by the vault's own address:
///      `balanceOf(address(this))` and `totalSupply` count them, so the balances always add up
///      to the supply.
abstract contract ReactorToken is IReactorToken, ReactorStorage {
    using CycleLedgerLib for CycleLedgerLib.Ledger;

    bytes32 private constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 private constant DOMAIN_VERSION_HASH = keccak256("1");
    string private constant DOMAIN_VERSION = "1";
    /// @dev EIP-5267 fields present: name, version, chainId, verifyingContract.
    bytes1 private constant DOMAIN_FIELDS = hex"0f";
    bytes32 private constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    uint8 private immutable _decimals;
    bytes32 private immutable _hashedName;
    uint256 private immutable _deployChainId;
    bytes32 private immutable _deployDomainSeparator;

    /// @notice Names the tAsset after its asset and fixes its EIP-712 domain.
    /// @param asset_ The underlying: the tAsset is named after its symbol.
    constructor(IERC20Metadata asset_) {
        _decimals = asset_.decimals();
        string memory symbol_ = asset_.symbol();
        _name = string.concat("Tokemak ", symbol_);
        _symbol = string.concat("t", symbol_);
        _hashedName = keccak256(bytes(_name));
        _deployChainId = block.chainid;
        _deployDomainSeparator = _buildDomainSeparator();
        emit VaultUpdate(address(asset_), address(this));
    }

    /// @inheritdoc IERC20Metadata
    function name() external view returns (string memory) {
        return _name;
    }

    /// @inheritdoc IERC20Metadata
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc IERC20Metadata
    function decimals() external view returns (uint8) {
        return _decimals;
    }

    /// @inheritdoc IERC20
    function totalSupply() public view returns (uint256) {
        return _shareSupply();
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) external view returns (uint256) {
        return account == address(this) ? _escrowed() : _ledger.positions[account].balance;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 value) external returns (bool) {
        _approve(msg.sender, spender, value);
        return true;
    }

    /// @inheritdoc IERC20
    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @inheritdoc IERC20
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        if (from == address(0)) revert ERC20InvalidSender(from);
        _spendAllowance(from, msg.sender, value);
        _transfer(from, to, value);
        return true;
    }

    /// @inheritdoc IERC20Permit
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        if (block.timestamp > deadline) revert ERC2612ExpiredSignature(deadline);
        uint256 nonce = _nonces[owner];
        ++_nonces[owner];
        bytes32 structHash = keccak256(
            abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonce, deadline)
        );
        address signer = ECDSA.recover(
            MessageHashUtils.toTypedDataHash(DOMAIN_SEPARATOR(), structHash),
            v,
            r,
            s
        );
        if (signer != owner) revert ERC2612InvalidSigner(signer, owner);
        _approve(owner, spender, value);
    }

    /// @inheritdoc IERC20Permit
    function nonces(address owner) external view returns (uint256) {
        return _nonces[owner];
    }

    // solhint-disable func-name-mixedcase
    /// @inheritdoc IERC20Permit
    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        // Rebuilt after a chain split, so a permit signed for one chain is void on the other.
        return block.chainid == _deployChainId ? _deployDomainSeparator : _buildDomainSeparator();
    }
    // solhint-enable func-name-mixedcase

    /// @inheritdoc IERC5267
    function eip712Domain()
        external
        view
        returns (bytes1, string memory, string memory, uint256, address, bytes32, uint256[] memory)
    {
        return (
            DOMAIN_FIELDS,
            _name,
            DOMAIN_VERSION,
            block.chainid,
            address(this),
            bytes32(0),
            new uint256[](0)
        );
    }

    /// @inheritdoc IERC7575ShareToken
    function vault(address asset_) external view returns (address) {
        return asset_ == address(_asset) ? address(this) : address(0);
    }

    // ================================================================ internal

    function _transfer(address from, address to, uint256 value) internal {
        if (to == address(0) || to == address(this)) revert ERC20InvalidReceiver(to);
        uint256 balance = _ledger.positions[from].balance;
        if (value > balance) revert ERC20InsufficientBalance(from, balance, value);
        // Moving to oneself changes nothing (the active part stays as it is).
        if (from != to) _ledger.move(from, to, value);
        emit Transfer(from, to, value);
    }

    function _spendAllowance(address owner, address spender, uint256 value) internal {
        uint256 allowed = _allowances[owner][spender];
        if (allowed != type(uint256).max) {
            if (allowed < value) revert ERC20InsufficientAllowance(spender, allowed, value);
            // Cannot underflow: checked just above.
            unchecked {
                _allowances[owner][spender] = allowed - value;
            }
        }
    }

    function _approve(address owner, address spender, uint256 value) private {
        if (spender == address(0)) revert ERC20InvalidSpender(spender);
        _allowances[owner][spender] = value;
        emit Approval(owner, spender, value);
    }

    function _buildDomainSeparator() private view returns (bytes32) {
        return
            keccak256(
                abi.encode(
                    DOMAIN_TYPEHASH,
                    _hashedName,
                    DOMAIN_VERSION_HASH,
                    block.chainid,
                    address(this)
                )
            );
    }
}
