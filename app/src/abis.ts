// ABIs come from the Hardhat build's artifacts at build time (`npm run build` first), never pasted:
// the app follows whatever the contracts become. Implementation artifacts carry every custom
// error a call can raise, inherited ones (OpenZeppelin's ERC-20/4626 errors) included.
import { Interface, type InterfaceAbi } from "ethers";
import { abi as cycleManager } from "../../artifacts/contracts/core/CycleManager.sol/CycleManager.json";
import { abi as emissionController } from "../../artifacts/contracts/core/EmissionController.sol/EmissionController.json";
import { abi as ldStaking } from "../../artifacts/contracts/core/LDStaking.sol/LDStaking.json";
import { abi as ldVoteRelay } from "../../artifacts/contracts/core/LDVoteRelay.sol/LDVoteRelay.json";
import { abi as liquidityAllocator } from "../../artifacts/contracts/core/LiquidityAllocator.sol/LiquidityAllocator.json";
import { abi as priceFeed } from "../../artifacts/contracts/core/PriceFeed.sol/PriceFeed.json";
import { abi as reactor } from "../../artifacts/contracts/core/Reactor.sol/Reactor.json";
import { abi as toke } from "../../artifacts/contracts/core/Toke.sol/Toke.json";
import { abi as treasury } from "../../artifacts/contracts/core/Treasury.sol/Treasury.json";
import { abi as venueRegistry } from "../../artifacts/contracts/core/VenueRegistry.sol/VenueRegistry.json";
import { abi as wethGateway } from "../../artifacts/contracts/core/WethGateway.sol/WethGateway.json";
import { abi as weth } from "../../artifacts/contracts/interfaces/external/IWETH9.sol/IWETH9.json";
import { abi as deGenesis } from "../../artifacts/contracts/launch/DeGenesis.sol/DeGenesis.json";
import { abi as genesisPool } from "../../artifacts/contracts/launch/GenesisPool.sol/GenesisPool.json";
import { abi as stakingPool } from "../../artifacts/contracts/launch/StakingPool.sol/StakingPool.json";

export const ABI = {
  cycleManager,
  emissionController,
  ldStaking,
  ldVoteRelay,
  liquidityAllocator,
  priceFeed,
  reactor,
  /** TOKE is an OpenZeppelin ERC-20 with ERC-2612 permit: its ABI serves every asset's ERC-20 calls. */
  erc20: toke,
  toke,
  treasury,
  venueRegistry,
  wethGateway,
  weth,
  deGenesis,
  genesisPool,
  stakingPool,
} satisfies Record<string, InterfaceAbi>;

/** Every custom error of every contract the app calls, for decoding revert data. */
export const ERRORS = new Interface(
  Object.values(ABI)
    .flat()
    .filter((item) => (item as { type: string }).type === "error")
    .filter(
      (item, index, all) =>
        all.findIndex((other) => JSON.stringify(other) === JSON.stringify(item)) === index,
    ) as InterfaceAbi,
);
