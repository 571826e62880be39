import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

/**
 * The launch: the DeGenesis sale and its two Genesis pools (WETH and USDC), on a system that is
 * already deployed (addresses as parameters), with the sale's TOKE allocation moved from the
 * deployer. Governance and guardian of the launch contracts default to the deployer; point them
 * at the timelock and the guardian on a public network.
 *
 * Parameters (module "Launch"): toke, treasury, weth, usdc (addresses); merkleRoot (the
 * whitelist's StandardMerkleTree root); windowStart, windowEnd (unix s); targetUsd,
 * overflowCapUsd, basePriceUsd, walletCapUsd, ethUsdPrice (USD, 18 decimals); tokeAllocation
 * (TOKE wei, = targetUsd / basePriceUsd); vestingSeconds; privateUntil, lockedUntil (Genesis
 * pools, unix s); governance, guardian (default: the deployer).
 */
export default buildModule("Launch", (m) => {
  const deployer = m.getAccount(0);
  const governance = m.getParameter("governance", deployer);
  const guardian = m.getParameter("guardian", deployer);
  const toke = m.contractAt("Toke", m.getParameter<string>("toke"));
  const weth = m.getParameter<string>("weth");
  const usdc = m.getParameter<string>("usdc");
  const tokeAllocation = m.getParameter<bigint>("tokeAllocation");
  const deGenesis = m.contract("DeGenesis", [
    {
      governance,
      guardian,
      treasury: m.getParameter<string>("treasury"),
      toke,
      usdc,
      weth,
      merkleRoot: m.getParameter<string>("merkleRoot"),
      windowStart: m.getParameter<bigint>("windowStart"),
      windowEnd: m.getParameter<bigint>("windowEnd"),
      targetUsd: m.getParameter<bigint>("targetUsd"),
      overflowCapUsd: m.getParameter<bigint>("overflowCapUsd"),
      basePriceUsd: m.getParameter<bigint>("basePriceUsd"),
      walletCapUsd: m.getParameter<bigint>("walletCapUsd"),
      tokeAllocation,
      ethUsdPrice: m.getParameter<bigint>("ethUsdPrice"),
      vestingSeconds: m.getParameter("vestingSeconds", 0n),
    },
  ]);
  const poolArgs = [
    governance,
    guardian,
    deGenesis,
    m.getParameter<bigint>("privateUntil"),
    m.getParameter<bigint>("lockedUntil"),
  ] as const;
  const ethGenesisPool = m.contract("GenesisPool", [weth, toke, ...poolArgs], {
    id: "EthGenesisPool",
  });
  const usdcGenesisPool = m.contract("GenesisPool", [usdc, toke, ...poolArgs], {
    id: "UsdcGenesisPool",
  });
  // Governance is the deployer by default; with a timelock, schedule this call there instead.
  m.call(deGenesis, "setGenesisPools", [ethGenesisPool, usdcGenesisPool]);
  m.call(toke, "transfer", [deGenesis, tokeAllocation], { id: "fundSale" });
  return { deGenesis, ethGenesisPool, usdcGenesisPool };
});
