import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The public launch pools and CoRE, on a system that is already deployed (addresses as
 * parameters): three StakingPools paying TOKE (over TOKE, SushiSwap's TOKE/WETH LP token and
 * Uniswap V2's), the CoreElection weighing wallets plus those pools, and CoreFunding swapping TOKE
 * for the winners' tokens. Governance and guardian default to the deployer; point them at the
 * timelock and the guardian on a public network (then schedule the source registrations there).
 *
 * Parameters (module "LaunchPools"): toke, treasury, sushiLp, uniswapLp (addresses: the TOKE/WETH
 * pairs); tokeMultiplier (default 4), lpMultiplier (default 69): election weight per staked
 * token; governance, guardian (default: the deployer).
 */
export default buildModule("LaunchPools", (m) => {
  const deployer = m.getAccount(0);
  const governance = m.getParameter("governance", deployer);
  const guardian = m.getParameter("guardian", deployer);
  const toke = m.getParameter<string>("toke");
  const roles = [governance, guardian] as const;
  const tokePool = m.contract("StakingPool", [toke, toke, ...roles], { id: "TokePool" });
  const sushiLpPool = m.contract(
    "StakingPool",
    [m.getParameter<string>("sushiLp"), toke, ...roles],
    { id: "SushiLpPool" },
  );
  const uniswapLpPool = m.contract(
    "StakingPool",
    [m.getParameter<string>("uniswapLp"), toke, ...roles],
    { id: "UniswapLpPool" },
  );
  const election = m.contract("CoreElection", [toke, ...roles]);
  const tokeMultiplier = m.getParameter("tokeMultiplier", 4n);
  const lpMultiplier = m.getParameter("lpMultiplier", 69n);
  // Governance is the deployer by default; with a timelock, schedule these calls there instead.
  // Chained so the sources are registered in a fixed order (TOKE, Sushi LP, Uniswap LP).
  const addToke = m.call(election, "addWeightSource", [tokePool, tokeMultiplier], {
    id: "addTokePool",
  });
  const addSushi = m.call(election, "addWeightSource", [sushiLpPool, lpMultiplier], {
    id: "addSushiLpPool",
    after: [addToke],
  });
  m.call(election, "addWeightSource", [uniswapLpPool, lpMultiplier], {
    id: "addUniswapLpPool",
    after: [addSushi],
  });
  const funding = m.contract("CoreFunding", [
    election,
    toke,
    m.getParameter<string>("treasury"),
    ...roles,
  ]);
  return { tokePool, sushiLpPool, uniswapLpPool, election, funding };
});
