import { protocolModule } from "../compose.js";

/**
 * The whole system on a local chain: the DEX world (WETH9, Uniswap V2, SushiSwap, Balancer V2)
 * and test tokens first, then the protocol with Reactors for WETH, USDC, TOKE, ALCX and FXS.
 * The deployer keeps GOVERNANCE_ROLE (handy for demos and tests).
 *
 *   npm run deploy -- --network localhost
 */
export default protocolModule({ assets: "local", handOverGovernance: false });
