import { PROFILES } from "../../scripts/lib/networks.js";
import { protocolModule } from "../compose.js";

/**
 * The whole system on a network where the assets and venues already exist (Sepolia's shape):
 * WETH, USDC and the venues come from parameters (deploy/parameters/<network>.json), and
 * governance is handed to the timelock at the end.
 *
 *   npm run deploy -- --network sepolia
 */
export default protocolModule(PROFILES.sepolia.shape);
