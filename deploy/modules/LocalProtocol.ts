import { PROFILES } from "../../scripts/lib/networks.js";
import { protocolModule } from "../compose.js";

/**
 * The whole system on a local chain: the DEX world (WETH9, Uniswap V2, SushiSwap, Balancer V2)
 * and test tokens first, then the protocol with Reactors for WETH, USDC, TOKE, ALCX and FXS, LD
 * staking, emissions, the TWAP oracle, the allocator and one adapter per venue. The deployer
 * keeps GOVERNANCE_ROLE (handy for demos and tests).
 *
 *   npm run deploy -- --network localhost
 */
export default protocolModule(PROFILES.localhost.shape);
