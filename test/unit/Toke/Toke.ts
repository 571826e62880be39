import { expect } from "chai";
import { network } from "hardhat";
import type { Toke } from "../../../typechain-types/index.js";

const TOKE = (n: number) => BigInt(n) * 10n ** 18n;

describe("Toke", () => {
  async function deploy() {
    const conn = await network.create();
    const [deployer, treasury, reserve, launch, alice] = await conn.ethers.getSigners();
    const toke = (await conn.ethers.deployContract("Toke", [
      [treasury.address, reserve.address, launch.address],
      [TOKE(40_000_000), TOKE(50_000_000), TOKE(10_000_000)],
    ])) as unknown as Toke;
    return { conn, toke, deployer, treasury, reserve, launch, alice };
  }

  it("mints the fixed supply once, to the given recipients", async () => {
    const { toke, treasury, reserve, launch, deployer } = await deploy();
    expect(await toke.name()).to.equal("Tokemak Reactor Token");
    expect(await toke.symbol()).to.equal("TOKE");
    expect(await toke.decimals()).to.equal(18n);
    expect(await toke.totalSupply()).to.equal(TOKE(100_000_000));
    expect(await toke.balanceOf(treasury.address)).to.equal(TOKE(40_000_000));
    expect(await toke.balanceOf(reserve.address)).to.equal(TOKE(50_000_000));
    expect(await toke.balanceOf(launch.address)).to.equal(TOKE(10_000_000));
    expect(await toke.balanceOf(deployer.address)).to.equal(0n);
  });

  it("has no mint function and no owner", async () => {
    const { toke } = await deploy();
    const names = toke.interface.fragments.filter((f) => f.type === "function").map((f) => (f as { name: string }).name);
    expect(names).to.not.include("mint");
    expect(names).to.not.include("owner");
  });

  it("rejects mismatched or empty allocations", async () => {
    const conn = await network.create();
    const [a] = await conn.ethers.getSigners();
    const factory = await conn.ethers.getContractFactory("Toke");
    await expect(conn.ethers.deployContract("Toke", [[a.address], [1n, 2n]]))
      .to.be.revertedWithCustomError(factory, "TokeBadAllocation")
      .withArgs(1n, 2n);
    await expect(conn.ethers.deployContract("Toke", [[], []]))
      .to.be.revertedWithCustomError(factory, "TokeBadAllocation")
      .withArgs(0n, 0n);
  });

  it("uses a timestamp clock (ERC-6372) and checkpoints delegated votes", async () => {
    const { conn, toke, treasury, alice } = await deploy();
    expect(await toke.CLOCK_MODE()).to.equal("mode=timestamp");
    expect(await toke.clock()).to.equal(BigInt(await conn.networkHelpers.time.latest()));

    await toke.connect(treasury).transfer(alice.address, TOKE(1_000));
    expect(await toke.getVotes(alice.address)).to.equal(0n); // votes need delegation
    await toke.connect(alice).delegate(alice.address);
    const delegatedAt = BigInt(await conn.networkHelpers.time.latest());
    expect(await toke.getVotes(alice.address)).to.equal(TOKE(1_000));

    await conn.networkHelpers.time.increase(100);
    await toke.connect(alice).transfer(treasury.address, TOKE(400));
    expect(await toke.getVotes(alice.address)).to.equal(TOKE(600));
    expect(await toke.getPastVotes(alice.address, delegatedAt)).to.equal(TOKE(1_000));
    expect(await toke.getPastTotalSupply(delegatedAt)).to.equal(TOKE(100_000_000));
  });

  it("accepts an ERC-2612 permit once and rejects its replay", async () => {
    const { conn, toke, treasury, alice } = await deploy();
    const deadline = BigInt(await conn.networkHelpers.time.latest()) + 3600n;
    const { chainId } = await conn.ethers.provider.getNetwork();
    const domain = { name: "Tokemak Reactor Token", version: "1", chainId, verifyingContract: await toke.getAddress() };
    const types = {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    };
    const value = TOKE(5);
    const message = { owner: treasury.address, spender: alice.address, value, nonce: 0n, deadline };
    const sig = conn.ethers.Signature.from(await treasury.signTypedData(domain, types, message));
    await toke.permit(treasury.address, alice.address, value, deadline, sig.v, sig.r, sig.s);
    expect(await toke.allowance(treasury.address, alice.address)).to.equal(value);
    expect(await toke.nonces(treasury.address)).to.equal(1n);
    await expect(toke.permit(treasury.address, alice.address, value, deadline, sig.v, sig.r, sig.s)).to.be.revertedWithCustomError(
      toke,
      "ERC2612InvalidSigner",
    );
  });
});
