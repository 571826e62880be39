// Coverage of LiquidityAllocator's pairing checks and its views, on the whole venue layer of
// test/helpers/protocol-fixture.ts (real Reactors, Treasury, adapters and DEX bytecode), through
// its public API only.
import { expect } from "chai";
import { network } from "hardhat";
import {
  MAX_SLIPPAGE_BPS,
  MIN_MOVE_BPS,
  protocolFixture,
  VENUES,
} from "../../helpers/protocol-fixture.js";

const { ethers, networkHelpers } = await network.create();
const fixture = () => protocolFixture(ethers, networkHelpers);

describe("coverage: LiquidityAllocator pairings and views", function () {
  it("refuses a pairing of a Reactor with itself, with a non-Reactor, or on a base that is itself paired", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    const tka = await p.pairs.TKA.reactor.getAddress();
    const tkb = await p.pairs.TKB.reactor.getAddress();
    const tWeth = await p.tWeth.getAddress();
    const stranger = p.users[0].address;
    for (const [token, base] of [
      [tWeth, tWeth],
      [stranger, tWeth],
      [tka, stranger],
      // TKB is paired (with tWETH): it cannot serve as a base.
      [tka, tkb],
      // tWETH is a base: it cannot be paired as a token Reactor.
      [tWeth, await p.tUsdc.getAddress()],
    ]) {
      await expect(p.allocator.setPairing(token, base, 1_000))
        .to.be.revertedWithCustomError(p.allocator, "LiquidityAllocatorBadPairing")
        .withArgs(token, base);
    }
    // The fixture's pairing is unchanged: TKA takes half of tWETH.
    const pairing = await p.allocator.pairingOf(tka);
    expect([pairing.baseReactor, pairing.baseShareBps]).to.deep.equal([tWeth, 5_000n]);
  });

  it("reads back its manager, adapters, bounds and pause state", async function () {
    const p = await networkHelpers.loadFixture(fixture);
    expect(await p.allocator.manager()).to.equal(await p.manager.getAddress());
    expect(await p.allocator.adapterOf(VENUES.uniswap)).to.equal(
      await p.adapters.uniswap.getAddress(),
    );
    expect(await p.allocator.adapterOf(ethers.id("unknown venue"))).to.equal(ethers.ZeroAddress);
    expect(await p.allocator.bounds()).to.deep.equal([MAX_SLIPPAGE_BPS, MIN_MOVE_BPS]);
    expect(await p.allocator.paused()).to.equal(false);
    expect(await p.allocator.heldVenues(await p.pairs.TKA.reactor.getAddress())).to.deep.equal([]);
  });
});
