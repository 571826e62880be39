// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {CycleManager} from "../../../contracts/core/CycleManager.sol";
import {EmissionController} from "../../../contracts/core/EmissionController.sol";
import {LDStaking} from "../../../contracts/core/LDStaking.sol";
import {PriceFeed} from "../../../contracts/core/PriceFeed.sol";
import {Reactor} from "../../../contracts/core/Reactor.sol";
import {Toke} from "../../../contracts/core/Toke.sol";
import {Treasury} from "../../../contracts/core/Treasury.sol";
import {VenueRegistry} from "../../../contracts/core/VenueRegistry.sol";
import {ProtocolRoles} from "../../../contracts/governance/ProtocolRoles.sol";
import {ICycleManager} from "../../../contracts/interfaces/ICycleManager.sol";
import {IPriceFeed} from "../../../contracts/interfaces/IPriceFeed.sol";
import {IVenueRegistry} from "../../../contracts/interfaces/IVenueRegistry.sol";
import {ILDStaking} from "../../../contracts/interfaces/ILDStaking.sol";
import {TestERC20} from "../tokens/TestERC20.sol";

/// @notice Deploys the core and the LD side for Solidity tests; the deploying contract is
///         governance, guardian and keeper. Reactors, in settlement order: `rA` (18-decimal asset,
///         1 A = 2 TOKE), `rB` (6-decimal asset, 1 B = 0.5 TOKE), `rT` (TOKE: the pooled option).
///         Each of rA and rB allows 3 venues. Cycles last CYCLE_SECONDS.
abstract contract DirectorsFixture {
    uint32 internal constant CYCLE_SECONDS = 1 days;
    uint256 internal constant EMISSION_PER_CYCLE = 1_000e18;
    uint256 internal constant FLOOR_BPS = 2_500;
    uint256 internal constant RESERVE = 1_000_000e18;
    uint256 internal constant PRICE_A = 2e18;
    uint256 internal constant PRICE_B = 5e29;

    /// @notice Everything `_deployDirectors` deploys, to hand to a handler.
    struct Deployment {
        ProtocolRoles roles;
        CycleManager manager;
        Toke toke;
        TestERC20 assetA;
        TestERC20 assetB;
        Reactor rA;
        Reactor rB;
        Reactor rT;
        VenueRegistry venues;
        LDStaking staking;
        PriceFeed feed;
        EmissionController controller;
    }

    ProtocolRoles internal roles;
    CycleManager internal manager;
    Treasury internal treasury;
    Toke internal toke;
    TestERC20 internal assetA;
    TestERC20 internal assetB;
    Reactor internal rA;
    Reactor internal rB;
    Reactor internal rT;
    VenueRegistry internal venues;
    LDStaking internal staking;
    PriceFeed internal feed;
    EmissionController internal controller;
    bytes32[3] internal venueIds = [bytes32("uniswap"), bytes32("sushiswap"), bytes32("balancer")];

    function _deployment() internal view returns (Deployment memory) {
        return
            Deployment(
                roles,
                manager,
                toke,
                assetA,
                assetB,
                rA,
                rB,
                rT,
                venues,
                staking,
                feed,
                controller
            );
    }

    function _use(Deployment memory d) internal {
        roles = d.roles;
        manager = d.manager;
        toke = d.toke;
        assetA = d.assetA;
        assetB = d.assetB;
        rA = d.rA;
        rB = d.rB;
        rT = d.rT;
        venues = d.venues;
        staking = d.staking;
        feed = d.feed;
        controller = d.controller;
    }

    /// @param holders Who gets TOKE besides this contract (the reserve's funder).
    /// @param each    TOKE each holder gets.
    function _deployDirectors(address[] memory holders, uint256 each) internal {
        roles = new ProtocolRoles(address(this));
        roles.grantRole(roles.GUARDIAN_ROLE(), address(this));
        roles.grantRole(roles.KEEPER_ROLE(), address(this));
        IAccessControl r = IAccessControl(address(roles));
        manager = new CycleManager(r, block.timestamp, CYCLE_SECONDS);
        treasury = new Treasury(r);

        address[] memory recipients = new address[](holders.length + 1);
        uint256[] memory amounts = new uint256[](holders.length + 1);
        recipients[0] = address(this);
        amounts[0] = RESERVE;
        for (uint256 i; i < holders.length; ++i) {
            recipients[i + 1] = holders[i];
            amounts[i + 1] = each;
        }
        toke = new Toke(recipients, amounts);
        assetA = new TestERC20("Asset A", "A", 18);
        assetB = new TestERC20("Asset B", "B", 6);
        rA = _newReactor(IERC20Metadata(address(assetA)));
        rB = _newReactor(IERC20Metadata(address(assetB)));
        rT = _newReactor(IERC20Metadata(address(toke)));
        manager.addReactor(address(rA));
        manager.addReactor(address(rB));
        manager.addReactor(address(rT));

        venues = new VenueRegistry(r, ICycleManager(address(manager)));
        staking = new LDStaking(
            r,
            IERC20(address(toke)),
            ICycleManager(address(manager)),
            IVenueRegistry(address(venues))
        );
        feed = new PriceFeed(r, address(toke), 30 days, 5_000, 15 minutes);
        controller = new EmissionController(
            r,
            IERC20(address(toke)),
            address(manager),
            ILDStaking(address(staking)),
            IPriceFeed(address(feed)),
            EMISSION_PER_CYCLE,
            FLOOR_BPS
        );
        staking.setController(address(controller));
        rA.setRewardsDistributor(address(controller));
        rB.setRewardsDistributor(address(controller));
        rT.setRewardsDistributor(address(controller));
        manager.setEmissionHook(address(controller));
        controller.setPoolReactor(address(rT));
        staking.listReactor(address(rA));
        staking.listReactor(address(rB));
        for (uint256 i; i < venueIds.length; ++i) {
            venues.allowVenue(address(rA), venueIds[i]);
            venues.allowVenue(address(rB), venueIds[i]);
        }
        feed.setPrice(address(assetA), PRICE_A);
        feed.setPrice(address(assetB), PRICE_B);
        toke.approve(address(controller), RESERVE);
        controller.fund(RESERVE);
    }

    function _newReactor(IERC20Metadata asset) private returns (Reactor) {
        return
            new Reactor(
                asset,
                ICycleManager(address(manager)),
                IAccessControl(address(roles)),
                address(treasury)
            );
    }
}
