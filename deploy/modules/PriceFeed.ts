import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { PRICE_FEED_DEFAULTS } from "../../scripts/lib/protocol-config.js";
import RolesModule from "./Roles.js";
import TokeModule from "./Toke.js";

/**
 * Asset-to-TOKE prices for the emission weights: set by governance, refreshed by the keeper
 * within `maxDeviationBps` per post.
 *
 * Parameters (module "PriceFeed"): maxAge (s, default 8 days), maxDeviationBps (default 2,000),
 * minPostInterval (s, default 900: the feed's floor is 15 minutes).
 */
export default buildModule("PriceFeed", (m) => {
  const { protocolRoles } = m.useModule(RolesModule);
  const { toke } = m.useModule(TokeModule);
  const priceFeed = m.contract("PriceFeed", [
    protocolRoles,
    toke,
    m.getParameter("maxAge", PRICE_FEED_DEFAULTS.maxAgeSeconds),
    m.getParameter("maxDeviationBps", PRICE_FEED_DEFAULTS.maxDeviationBps),
    m.getParameter("minPostInterval", PRICE_FEED_DEFAULTS.minPostIntervalSeconds),
  ]);
  return { priceFeed };
});
