import { expect } from "chai";
import { network } from "hardhat";
import { ZeroAddress } from "ethers";
import {
  attachDao,
  handOverProposal,
  installGovernor,
  passProposal,
  roleMatrix,
  systemContracts,
} from "../../../scripts/lib/dao.js";
import { TIMELOCK_ROLE } from "../../../scripts/lib/dao-config.js";
import { ROLE } from "../../../scripts/lib/protocol-config.js";
import { deploySystem } from "../../../scripts/lib/system.js";
import type { RoleGated } from "../../../typechain-types/index.js";

const ROLE_NAMES: Record<string, string> = {
  [ROLE.governance]: "GOVERNANCE",
  [ROLE.guardian]: "GUARDIAN",
  [ROLE.keeper]: "KEEPER",
  [TIMELOCK_ROLE.admin]: "DEFAULT_ADMIN",
  [TIMELOCK_ROLE.proposer]: "PROPOSER",
  [TIMELOCK_ROLE.executor]: "EXECUTOR",
  [TIMELOCK_ROLE.canceller]: "CANCELLER",
};

describe("TokemakDAO hand-over on the whole system (deploySystem)", function () {
  it("one proposal moves every role to the timelock; the role matrix finds no other holder", async function () {
    const connection = await network.create();
    const system = await deploySystem(connection);
    const dao = attachDao(system);
    const [deployer, guardian, keeper, alice] = await connection.ethers.getSigners();
    const timelock = await system.timelock.getAddress();
    const governor = await dao.governor.getAddress();

    // Before: the deployer is governance, guardian, keeper and the timelock's proposer.
    expect(await system.roles.hasRole(ROLE.governance, deployer.address)).to.equal(true);
    expect(await system.timelock.hasRole(TIMELOCK_ROLE.proposer, deployer.address)).to.equal(true);

    // TOKE holders: Alice, with 5M delegated to herself (quorum: 4% of 100M).
    await system.toke.transfer(alice.address, 5_000_000n * 10n ** 18n);
    await system.toke.connect(alice).delegate(alice.address);
    await installGovernor(system, dao);
    const proposal = await handOverProposal(system, {
      guardian: guardian.address,
      keeper: keeper.address,
      interim: deployer.address,
    });
    const run = await passProposal(dao.governor, connection.networkHelpers.time, proposal, alice, [
      alice,
    ]);
    const [handedOver] = await system.roles.queryFilter(
      system.roles.filters.HandedOver(),
      run.executedBlock,
      run.executedBlock,
    );
    expect(handedOver.args).to.deep.equal([timelock, timelock, guardian.address, keeper.address]);

    // Every role of every contract, from the chain.
    const rows = await roleMatrix(system, ROLE_NAMES);
    const holders = (contract: string, role: string) =>
      rows.find((r) => r.contract === contract && r.role === role)?.holders ?? [];
    expect(holders("ProtocolRoles", "GOVERNANCE")).to.deep.equal([timelock]);
    expect(holders("ProtocolRoles", "GUARDIAN")).to.deep.equal([guardian.address]);
    expect(holders("ProtocolRoles", "KEEPER")).to.deep.equal([keeper.address]);
    expect(holders("TimelockController", "PROPOSER")).to.deep.equal([governor]);
    expect(holders("TimelockController", "CANCELLER")).to.deep.equal([governor]);
    expect(holders("TimelockController", "EXECUTOR")).to.deep.equal([ZeroAddress]);
    expect(holders("TimelockController", "DEFAULT_ADMIN")).to.deep.equal([timelock]);
    // The enumerable registry agrees with the events.
    for (const [role, who] of [
      [ROLE.governance, timelock],
      [ROLE.guardian, guardian.address],
      [ROLE.keeper, keeper.address],
    ] as const) {
      expect(await system.roles.getRoleMemberCount(role)).to.equal(1n);
      expect(await system.roles.getRoleMember(role, 0)).to.equal(who);
    }
    expect(await system.roles.getRoleMemberCount(TIMELOCK_ROLE.admin)).to.equal(0n);
    // No holder anywhere outside the timelock, the governor (its proposer), the appointed
    // guardian and keeper, and the open executor; the deployer holds nothing.
    const allowed = new Set([timelock, governor, guardian.address, keeper.address, ZeroAddress]);
    for (const row of rows) {
      for (const holder of row.holders) {
        expect(allowed.has(holder), `${row.contract} ${row.role}: ${holder}`).to.equal(true);
        expect(holder).to.not.equal(deployer.address);
      }
    }
    // Access-controlled contracts besides these two: none (every other one asks ProtocolRoles).
    expect(new Set(rows.map((r) => r.contract))).to.deep.equal(
      new Set(["ProtocolRoles", "TimelockController"]),
    );
    // Every other contract either asks ProtocolRoles or has no privileged function at all.
    const ungated: string[] = [];
    for (const [name, address] of systemContracts(system)) {
      if (name === "ProtocolRoles" || name === "TimelockController") continue;
      const gated = (await connection.ethers.getContractAt(
        "RoleGated",
        address,
      )) as unknown as RoleGated;
      const registry = await gated.roles().catch(() => undefined);
      if (registry === undefined) ungated.push(name);
      else expect(registry, name).to.equal(await system.roles.getAddress());
    }
    // TOKE has no owner; the relay only forwards signed votes; the gateway only wraps ETH; the
    // Uniswap-style adapters obey only their allocator (the Balancer one asks ProtocolRoles); the
    // governor's only authority is the timelock's proposer role (in the matrix above).
    expect(ungated.sort()).to.deep.equal([
      "Adapter_sushiswap",
      "Adapter_uniswap",
      "LDVoteRelay",
      "Toke",
      "TokeGovernor",
      "WethGateway",
    ]);

    // The deployer can no longer act: neither directly nor through the timelock.
    await expect(
      system.treasury.pay(await system.toke.getAddress(), deployer.address, 1n),
    ).to.be.revertedWithCustomError(system.treasury, "RoleGatedUnauthorized");
    await expect(
      system.timelock.schedule(
        timelock,
        0n,
        "0x",
        `0x${"00".repeat(32)}`,
        `0x${"00".repeat(32)}`,
        2n * 86_400n,
      ),
    ).to.be.revertedWithCustomError(system.timelock, "AccessControlUnauthorizedAccount");
  });
});
