import { expect } from "chai";
import { network } from "hardhat";
import { deployDirectors, venueId } from "../../helpers/directors.js";

describe("VenueRegistry: per-Reactor venues and the vote check", () => {
  it("allows up to 8 venues at a time, 16 slots over a lifetime, each venue keeping its slot", async () => {
    const conn = await network.create();
    const d = await deployDirectors(conn);
    const WETH = await d.tWeth.getAddress();
    const ids = Array.from({ length: 17 }, (_, i) => venueId(d, `venue-${i}`));
    for (let i = 0; i < 8; ++i) {
      await expect(d.venues.allowVenue(WETH, ids[i]))
        .to.emit(d.venues, "VenueAllowed")
        .withArgs(WETH, ids[i], i);
    }
    await expect(d.venues.allowVenue(WETH, ids[8]))
      .to.be.revertedWithCustomError(d.venues, "VenueRegistryTooManyVenues")
      .withArgs(WETH, 8n);
    await expect(d.venues.allowVenue(WETH, ids[0]))
      .to.be.revertedWithCustomError(d.venues, "VenueRegistryVenueAllowed")
      .withArgs(WETH, ids[0]);
    // Rotate: disallow and allow new ones until the 16 slots are used.
    for (let i = 0; i < 8; ++i) {
      await expect(d.venues.disallowVenue(WETH, ids[i]))
        .to.emit(d.venues, "VenueDisallowed")
        .withArgs(WETH, ids[i]);
      await d.venues.allowVenue(WETH, ids[8 + i]);
    }
    await d.venues.disallowVenue(WETH, ids[8]);
    await expect(d.venues.allowVenue(WETH, ids[16]))
      .to.be.revertedWithCustomError(d.venues, "VenueRegistryTooManyVenues")
      .withArgs(WETH, 16n);
    // A known venue comes back in its own slot.
    await expect(d.venues.allowVenue(WETH, ids[3]))
      .to.emit(d.venues, "VenueAllowed")
      .withArgs(WETH, ids[3], 3n);
    const [all, allowed] = await d.venues.venues(WETH);
    expect(all).to.deep.equal(ids.slice(0, 16));
    expect(allowed.filter(Boolean).length).to.equal(8);
    const [allowedIds, slots] = await d.venues.allowedVenues(WETH);
    expect(allowedIds).to.deep.equal([ids[3], ...ids.slice(9, 16)]);
    expect(slots).to.deep.equal([3n, 9n, 10n, 11n, 12n, 13n, 14n, 15n]);
    expect(await d.venues.slotOf(WETH, ids[0])).to.deep.equal([true, 0n, false]);
    expect(await d.venues.slotOf(WETH, ids[16])).to.deep.equal([false, 0n, false]);
  });

  it("checks its inputs and packs votes", async () => {
    const conn = await network.create();
    const d = await deployDirectors(conn);
    const WETH = await d.tWeth.getAddress();
    const [a, b] = [venueId(d, "a"), venueId(d, "b")];
    await expect(d.venues.allowVenue(WETH, d.ethers.ZeroHash)).to.be.revertedWithCustomError(
      d.venues,
      "VenueRegistryZeroVenue",
    );
    await expect(d.venues.allowVenue(d.users[0].address, a))
      .to.be.revertedWithCustomError(d.venues, "VenueRegistryNotReactor")
      .withArgs(d.users[0].address);
    await expect(d.venues.disallowVenue(WETH, a))
      .to.be.revertedWithCustomError(d.venues, "VenueRegistryVenueNotAllowed")
      .withArgs(WETH, a);
    await d.venues.allowVenue(WETH, a);
    await d.venues.allowVenue(WETH, b);
    expect(await d.venues.packVote(WETH, [b, a], [7_000n, 3_000n])).to.equal(
      3_000n | (7_000n << 16n),
    );
    expect(await d.venues.packVote(WETH, [], [])).to.equal(0n);
    await expect(d.venues.packVote(WETH, [a], []))
      .to.be.revertedWithCustomError(d.venues, "VenueRegistryLengthMismatch")
      .withArgs(1n, 0n);
  });
});
