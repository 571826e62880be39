import { createRequire } from "node:module";
import { network } from "hardhat";
import type { ContractTransactionResponse } from "ethers";
import type {
  CycleManager,
  ProtocolRoles,
  Reactor,
  TestERC20,
  Treasury,
  WethGateway,
} from "../../typechain-types/index.js";

const require = createRequire(import.meta.url);
const weth9 = require("@uniswap/v2-periphery/build/WETH9.json") as { abi: unknown[]; bytecode: string };

/** Seconds in one cycle of the test schedule. */
export const CYCLE_SECONDS = 7 * 24 * 60 * 60;
/** 1:1 rate (assets per tAsset, 18-decimal fixed point). */
export const RATE_ONE = 10n ** 18n;

export type Connection = Awaited<ReturnType<typeof network.create>>;

/** gasUsed of a sent transaction, from its receipt. */
export async function gasOf(tx: Promise<ContractTransactionResponse>): Promise<bigint> {
  const receipt = await (await tx).wait();
  if (receipt === null) throw new Error("no receipt");
  return receipt.gasUsed;
}

/** The WETH9 contract as deployed from its npm artifact (an ERC-20 plus wrap/unwrap). */
export type Weth9 = TestERC20 & {
  deposit(overrides: { value: bigint }): Promise<ContractTransactionResponse>;
};

/** Deploys the real WETH9 bytecode. */
export async function deployWeth(conn: Connection): Promise<Weth9> {
  const [deployer] = await conn.ethers.getSigners();
  const factory = new conn.ethers.ContractFactory(weth9.abi as never, weth9.bytecode, deployer);
  return (await (await factory.deploy()).waitForDeployment()) as unknown as Weth9;
}

/**
 * Deploys the core: roles (signer 0 = governance, 1 = guardian, 2 = keeper), a cycle manager
 * whose cycle 0 starts now, the Treasury, a WETH Reactor (real WETH9 bytecode) with its gateway
 * and a USDC Reactor (6-decimal OZ ERC-20), both registered. Users are signers 3 and up.
 */
export async function deployCore(conn: Connection) {
  const { ethers, networkHelpers } = conn;
  const [governance, guardian, keeper, ...users] = await ethers.getSigners();
  const roles = (await ethers.deployContract("ProtocolRoles", [governance.address])) as unknown as ProtocolRoles;
  await roles.grantRole(await roles.GUARDIAN_ROLE(), guardian.address);
  await roles.grantRole(await roles.KEEPER_ROLE(), keeper.address);

  const start = BigInt(await networkHelpers.time.latest());
  const manager = (await ethers.deployContract("CycleManager", [
    await roles.getAddress(),
    start,
    CYCLE_SECONDS,
  ])) as unknown as CycleManager;
  const treasury = (await ethers.deployContract("Treasury", [await roles.getAddress()])) as unknown as Treasury;

  const weth = await deployWeth(conn);
  const usdc = (await ethers.deployContract("TestERC20", ["USD Coin", "USDC", 6])) as unknown as TestERC20;

  const deployReactor = async (asset: string) =>
    (await ethers.deployContract("Reactor", [
      asset,
      await manager.getAddress(),
      await roles.getAddress(),
      await treasury.getAddress(),
    ])) as unknown as Reactor;
  const tWeth = await deployReactor(await weth.getAddress());
  const tUsdc = await deployReactor(await usdc.getAddress());
  await manager.addReactor(await tWeth.getAddress());
  await manager.addReactor(await tUsdc.getAddress());
  const gateway = (await ethers.deployContract("WethGateway", [
    await tWeth.getAddress(),
    await weth.getAddress(),
  ])) as unknown as WethGateway;

  return {
    ethers,
    networkHelpers,
    governance,
    guardian,
    keeper,
    users,
    roles,
    manager,
    treasury,
    weth,
    usdc,
    tWeth,
    tUsdc,
    gateway,
    deployReactor,
  };
}

/** Waits for the current cycle's end and runs a full rollover in one chunk. */
export async function rollover(conn: Connection, manager: CycleManager): Promise<void> {
  const end = await manager.cycleEnd();
  const now = BigInt(await conn.networkHelpers.time.latest());
  if (now < end) await conn.networkHelpers.time.increaseTo(end);
  await manager.startRollover();
  if ((await manager.reactors()).length > 0) await manager.processReactors(64);
  await manager.completeRollover();
}
