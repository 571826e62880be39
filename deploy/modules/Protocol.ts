import { protocolModule } from "../compose.js";

/**
 * The whole system on a network where the assets and venues already exist (a mainnet fork, a
 * testnet): WETH and USDC come from parameters (deploy/parameters/<network>.json), and
 * governance is handed to the timelock at the end.
 *
 *   npm run deploy -- --network sepolia
 *   (or: npx hardhat ignition deploy deploy/modules/Protocol.ts --network sepolia \
 *          --parameters deploy/parameters/sepolia.json)
 */
export default protocolModule({ assets: "external", handOverGovernance: true });
