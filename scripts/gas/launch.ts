// Gas of the launch part: DeGenesis commits (ETH and USDC) and the claim, on a launch deployed
// next to the system by deploy/modules/Launch.ts.
import { network } from "hardhat";
import { MaxUint256, parseEther, parseUnits } from "ethers";
import { deployLaunch } from "../lib/launch.js";
import { deploySystem } from "../lib/system.js";
import { fund } from "../demo/market.js";
import { gasOf, type GasRow, type GasScenario } from "./measure.js";

export const launchOperations: GasScenario = {
  group: "Launch: DeGenesis",
  async run() {
    const system = await deploySystem(await network.create());
    const rows: GasRow[] = [];
    const row = (id: string, label: string, gasUsed: bigint) =>
      rows.push({ id, group: this.group, label, gasUsed });
    const [, alice, bob] = await system.connection.ethers.getSigners();
    const launch = await deployLaunch(system, [alice.address, bob.address]);
    const time = system.connection.networkHelpers.time;
    await time.increaseTo(launch.windowStart);
    const { sale } = launch;
    row(
      "degenesis.commitEth.first",
      "commit ETH: a wallet's first",
      await gasOf(
        sale.connect(alice).commitEth(launch.proof(alice.address), { value: parseEther("10") }),
      ),
    );
    row(
      "degenesis.commitEth.again",
      "commit ETH: again",
      await gasOf(sale.connect(alice).commitEth([], { value: parseEther("5") })),
    );
    await fund(system, "USDC", bob, parseUnits("50000", 6));
    await (await system.assets.USDC.connect(bob).approve(sale, MaxUint256)).wait();
    row(
      "degenesis.commitUsdc.first",
      "commit USDC: a wallet's first",
      await gasOf(sale.connect(bob).commitUsdc(parseUnits("50000", 6), launch.proof(bob.address))),
    );
    await time.increaseTo(launch.windowEnd + 1n);
    await (await sale.finalize()).wait();
    row(
      "degenesis.claim.eth",
      "claim: TOKE (+ ETH Genesis deposit and refund when over target)",
      await gasOf(sale.connect(alice).claim()),
    );
    row(
      "degenesis.claim.usdc",
      "claim: TOKE (+ USDC Genesis deposit and refund when over target)",
      await gasOf(sale.connect(bob).claim()),
    );
    return rows;
  },
};
