// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {UniswapV2StyleAdapter} from "../../../contracts/adapters/uniswap-v2/UniswapV2StyleAdapter.sol";
import {CycleManager} from "../../../contracts/core/CycleManager.sol";
import {LiquidityAllocator} from "../../../contracts/core/LiquidityAllocator.sol";
import {Reactor} from "../../../contracts/core/Reactor.sol";
import {Treasury} from "../../../contracts/core/Treasury.sol";
import {ProtocolRoles} from "../../../contracts/governance/ProtocolRoles.sol";
import {ICycleManager} from "../../../contracts/interfaces/ICycleManager.sol";
import {IUniswapV2Pair} from "../../../contracts/interfaces/external/IUniswapV2Pair.sol";
import {TwapOracle} from "../../../contracts/oracles/TwapOracle.sol";
import {TestERC20} from "../tokens/TestERC20.sol";
import {InvariantBase} from "./Vm.sol";
import {TestFixedVotes, VenueHandler} from "../invariant/VenueHandler.t.sol";

/// @dev The test runner's artifact lookup, to deploy SushiSwap's factory as the project built it.
interface VmCode {
    function getCode(string calldata artifactPath) external view returns (bytes memory);
}

interface ISushiFactory {
    function createPair(address tokenA, address tokenB) external returns (address pair);
}

/// @notice A token Reactor paired with a base Reactor on a real SushiSwap pair (its factory built
///         from SushiSwap's source), the TWAP oracle, the allocator and the adapter, driven by a
///         VenueHandler: the world the venue invariant suites share.
abstract contract VenueWorld is InvariantBase {
    bytes32 internal constant VENUE = "SUSHISWAP";
    uint32 internal constant CYCLE_SECONDS = 1 days;
    uint256 internal constant SEED_TOKEN = 1_000_000e18;
    uint256 internal constant SEED_BASE = 1_000e18;

    ProtocolRoles internal roles;
    CycleManager internal manager;
    Treasury internal treasury;
    TestERC20 internal token;
    TestERC20 internal base;
    Reactor internal tToken;
    Reactor internal tBase;
    IUniswapV2Pair internal pair;
    TwapOracle internal oracle;
    LiquidityAllocator internal allocator;
    UniswapV2StyleAdapter internal adapter;
    VenueHandler internal handler;

    function _deployVenueWorld() internal {
        roles = new ProtocolRoles(address(this));
        IAccessControl r = IAccessControl(address(roles));
        manager = new CycleManager(r, block.timestamp, CYCLE_SECONDS);
        treasury = new Treasury(r);
        token = new TestERC20("Token", "TKN", 18);
        base = new TestERC20("Wrapped Ether", "WETH", 18);
        TestERC20 toke = new TestERC20("TOKE", "TOKE", 18);
        tBase = new Reactor(
            IERC20Metadata(address(base)),
            ICycleManager(address(manager)),
            r,
            address(treasury)
        );
        tToken = new Reactor(
            IERC20Metadata(address(token)),
            ICycleManager(address(manager)),
            r,
            address(treasury)
        );
        manager.addReactor(address(tBase));
        manager.addReactor(address(tToken));

        address factory = _deploy(
            VmCode(address(vm)).getCode("UniswapV2Factory.sol:UniswapV2Factory")
        );
        pair = IUniswapV2Pair(ISushiFactory(factory).createPair(address(token), address(base)));
        token.mint(address(pair), SEED_TOKEN);
        base.mint(address(pair), SEED_BASE);
        pair.mint(address(this));

        oracle = new TwapOracle(factory, r, 30 minutes, 2 days, 1 days);
        oracle.track(address(token), address(base));
        allocator = new LiquidityAllocator(
            r,
            address(manager),
            address(oracle),
            address(treasury),
            address(toke),
            100,
            100
        );
        adapter = new UniswapV2StyleAdapter(address(allocator), factory);
        allocator.registerVenue(VENUE, address(adapter));
        allocator.setStakeDirectory(address(new TestFixedVotes(VENUE)));
        allocator.setPairing(address(tToken), address(tBase), 10_000);
        tToken.setAllocator(address(allocator));
        tBase.setAllocator(address(allocator));
        treasury.setLossCover(address(allocator));
        manager.setAllocator(address(allocator));

        handler = new VenueHandler(
            tToken,
            tBase,
            manager,
            treasury,
            allocator,
            adapter,
            oracle,
            pair,
            token,
            base
        );
    }

    function _deploy(bytes memory code) private returns (address deployed) {
        bytes memory init = abi.encodePacked(code, abi.encode(address(this)));
        assembly ("memory-safe") {
            deployed := create(0, add(init, 0x20), mload(init))
        }
        assertTrue(deployed != address(0), "factory deployed");
    }
}
