import { expect } from "chai";
import { network } from "hardhat";
import { deployCore, rollover } from "../../helpers/core.js";

const USDC = (n: number) => BigInt(n) * 10n ** 6n;

describe("Reactor: the tAsset as an ERC-20 with permit", () => {
  async function setup() {
    const conn = await network.create();
    const core = await deployCore(conn);
    const { usdc, tUsdc, users } = core;
    for (const u of users.slice(0, 3)) {
      await usdc.mint(u.address, USDC(1_000));
      await usdc.connect(u).approve(await tUsdc.getAddress(), conn.ethers.MaxUint256);
    }
    return { conn, ...core };
  }

  it("is named after its asset and has the asset's decimals", async () => {
    const { tUsdc, tWeth, usdc } = await setup();
    expect(await tUsdc.name()).to.equal("Tokemak USDC");
    expect(await tUsdc.symbol()).to.equal("tUSDC");
    expect(await tUsdc.decimals()).to.equal(6n);
    expect(await tWeth.symbol()).to.equal("tWETH");
    expect(await tWeth.decimals()).to.equal(18n);
    expect(await tUsdc.asset()).to.equal(await usdc.getAddress());
  });

  it("refuses a constructor manager that is not a contract, or a zero Treasury", async () => {
    const { conn, tUsdc, usdc, roles, manager, users } = await setup();
    const args = async (m: string, t: string) => [
      await usdc.getAddress(),
      m,
      await roles.getAddress(),
      t,
    ];
    await expect(
      conn.ethers.deployContract("Reactor", await args(users[0].address, users[0].address)),
    )
      .to.be.revertedWithCustomError(tUsdc, "ReactorBadManager")
      .withArgs(users[0].address);
    await expect(
      conn.ethers.deployContract(
        "Reactor",
        await args(await manager.getAddress(), conn.ethers.ZeroAddress),
      ),
    ).to.be.revertedWithCustomError(tUsdc, "ReactorZeroTreasury");
  });

  it("transfers, approves and spends allowances with the ERC-20 errors", async () => {
    const { conn, tUsdc, users } = await setup();
    const [alice, bob, carol] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await expect(tUsdc.connect(alice).transfer(bob.address, USDC(40)))
      .to.emit(tUsdc, "Transfer")
      .withArgs(alice.address, bob.address, USDC(40));
    expect(await tUsdc.balanceOf(bob.address)).to.equal(USDC(40));
    await expect(tUsdc.connect(alice).transfer(bob.address, USDC(61)))
      .to.be.revertedWithCustomError(tUsdc, "ERC20InsufficientBalance")
      .withArgs(alice.address, USDC(60), USDC(61));
    await expect(
      tUsdc.connect(alice).transfer(conn.ethers.ZeroAddress, 1n),
    ).to.be.revertedWithCustomError(tUsdc, "ERC20InvalidReceiver");
    await expect(
      tUsdc.connect(alice).approve(conn.ethers.ZeroAddress, 1n),
    ).to.be.revertedWithCustomError(tUsdc, "ERC20InvalidSpender");
    await tUsdc.connect(alice).approve(carol.address, USDC(10));
    await expect(tUsdc.connect(carol).transferFrom(alice.address, carol.address, USDC(11)))
      .to.be.revertedWithCustomError(tUsdc, "ERC20InsufficientAllowance")
      .withArgs(carol.address, USDC(10), USDC(11));
    await tUsdc.connect(carol).transferFrom(alice.address, carol.address, USDC(10));
    expect(await tUsdc.allowance(alice.address, carol.address)).to.equal(0n);
    // An infinite allowance is not decreased.
    await tUsdc.connect(alice).approve(carol.address, conn.ethers.MaxUint256);
    await tUsdc.connect(carol).transferFrom(alice.address, carol.address, USDC(10));
    expect(await tUsdc.allowance(alice.address, carol.address)).to.equal(conn.ethers.MaxUint256);
    expect(await tUsdc.totalSupply()).to.equal(USDC(100));
  });

  it("a transfer to oneself changes nothing (balance, active part, request)", async () => {
    const { conn, manager, tUsdc, users } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await rollover(conn, manager);
    await tUsdc.connect(alice).requestRedeem(USDC(30), alice.address, alice.address);
    await expect(tUsdc.connect(alice).transfer(alice.address, USDC(50)))
      .to.emit(tUsdc, "Transfer")
      .withArgs(alice.address, alice.address, USDC(50));
    expect(await tUsdc.balanceOf(alice.address)).to.equal(USDC(70));
    expect(await tUsdc.activeBalanceOf(alice.address)).to.equal(USDC(70));
    expect(await tUsdc.pendingRedeemRequest(0, alice.address)).to.equal(USDC(30));
    await expect(
      tUsdc.connect(alice).transfer(alice.address, USDC(71)),
    ).to.be.revertedWithCustomError(tUsdc, "ERC20InsufficientBalance");
    await expect(tUsdc.connect(bob).transferFrom(conn.ethers.ZeroAddress, bob.address, 0))
      .to.be.revertedWithCustomError(tUsdc, "ERC20InvalidSender")
      .withArgs(conn.ethers.ZeroAddress);
  });

  it("publishes its EIP-712 domain (EIP-5267), the one its permits are signed in", async () => {
    const { conn, tUsdc } = await setup();
    const [fields, name, version, chainId, verifyingContract, salt, extensions] =
      await tUsdc.eip712Domain();
    expect(fields).to.equal("0x0f"); // name, version, chainId, verifyingContract
    expect(name).to.equal("Tokemak USDC");
    expect(version).to.equal("1");
    expect(chainId).to.equal((await conn.ethers.provider.getNetwork()).chainId);
    expect(verifyingContract).to.equal(await tUsdc.getAddress());
    expect(salt).to.equal(conn.ethers.ZeroHash);
    expect(extensions).to.deep.equal([]);
    const separator = conn.ethers.TypedDataEncoder.hashDomain({
      name,
      version,
      chainId,
      verifyingContract,
    });
    expect(await tUsdc.DOMAIN_SEPARATOR()).to.equal(separator);
  });

  it("a received tAsset starts earning from the next cycle (no double earning on a transfer)", async () => {
    const { conn, manager, tUsdc, users } = await setup();
    const [alice, bob] = users;
    await tUsdc.connect(alice).deposit(USDC(100), alice.address);
    await rollover(conn, manager);
    expect(await tUsdc.activeBalanceOf(alice.address)).to.equal(USDC(100));
    await tUsdc.connect(alice).transfer(bob.address, USDC(30));
    expect(await tUsdc.activeBalanceOf(alice.address)).to.equal(USDC(70));
    expect(await tUsdc.activeBalanceOf(bob.address)).to.equal(0n);
    expect(await tUsdc.activeSupply()).to.equal(USDC(70));
    await rollover(conn, manager);
    expect(await tUsdc.activeBalanceOf(bob.address)).to.equal(USDC(30));
    expect(await tUsdc.activeSupply()).to.equal(USDC(100));
    expect(await tUsdc.activeAssets()).to.equal(USDC(100));
  });

  it("accepts an ERC-2612 permit once, rejects replay, expiry and a wrong signer", async () => {
    const { conn, tUsdc, users } = await setup();
    const [alice, bob] = users;
    const { chainId } = await conn.ethers.provider.getNetwork();
    const domain = {
      name: "Tokemak USDC",
      version: "1",
      chainId,
      verifyingContract: await tUsdc.getAddress(),
    };
    const types = {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    };
    const deadline = BigInt(await conn.networkHelpers.time.latest()) + 3600n;
    const value = USDC(7);
    const sign = async (signer: typeof alice, nonce: bigint, dl: bigint) =>
      conn.ethers.Signature.from(
        await signer.signTypedData(domain, types, {
          owner: alice.address,
          spender: bob.address,
          value,
          nonce,
          deadline: dl,
        }),
      );
    const sig = await sign(alice, 0n, deadline);
    await expect(tUsdc.permit(alice.address, bob.address, value, deadline, sig.v, sig.r, sig.s))
      .to.emit(tUsdc, "Approval")
      .withArgs(alice.address, bob.address, value);
    expect(await tUsdc.nonces(alice.address)).to.equal(1n);
    await expect(
      tUsdc.permit(alice.address, bob.address, value, deadline, sig.v, sig.r, sig.s),
    ).to.be.revertedWithCustomError(tUsdc, "ERC2612InvalidSigner");
    const wrong = await sign(bob, 1n, deadline);
    await expect(
      tUsdc.permit(alice.address, bob.address, value, deadline, wrong.v, wrong.r, wrong.s),
    )
      .to.be.revertedWithCustomError(tUsdc, "ERC2612InvalidSigner")
      .withArgs(bob.address, alice.address);
    const past = BigInt(await conn.networkHelpers.time.latest()) - 1n;
    const expired = await sign(alice, 1n, past);
    await expect(
      tUsdc.permit(alice.address, bob.address, value, past, expired.v, expired.r, expired.s),
    )
      .to.be.revertedWithCustomError(tUsdc, "ERC2612ExpiredSignature")
      .withArgs(past);
    expect(await tUsdc.DOMAIN_SEPARATOR()).to.equal(
      conn.ethers.TypedDataEncoder.hashDomain(domain),
    );
  });

  it("deposits and mints at the book rate, rejecting zero shares and the zero receiver", async () => {
    const { conn, tUsdc, usdc, users } = await setup();
    const [alice, bob] = users;
    await expect(tUsdc.connect(alice).deposit(0, alice.address)).to.be.revertedWithCustomError(
      tUsdc,
      "ReactorZeroShares",
    );
    await expect(
      tUsdc.connect(alice).deposit(1, conn.ethers.ZeroAddress),
    ).to.be.revertedWithCustomError(tUsdc, "ERC20InvalidReceiver");
    await expect(tUsdc.connect(alice).mint(USDC(3), bob.address))
      .to.emit(tUsdc, "Deposit")
      .withArgs(alice.address, bob.address, USDC(3), USDC(3));
    expect(await usdc.balanceOf(alice.address)).to.equal(USDC(997));
    expect(await tUsdc.balanceOf(bob.address)).to.equal(USDC(3));
    expect(await tUsdc.totalAssets()).to.equal(USDC(3));
    expect(await tUsdc.convertToAssets(USDC(3))).to.equal(USDC(3));
    expect(await tUsdc.convertToShares(USDC(3))).to.equal(USDC(3));
  });
});
