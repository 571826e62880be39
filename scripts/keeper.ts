// The keeper CLI: npm run keeper -- <command> [options] --network <name>
//
// One process: `npm run keeper` runs `node --import tsx scripts/keeper.ts`, so signals reach
// this process directly (no tsx child to leave behind). It imports Hardhat rather than running
// under `hardhat run` (which forwards no arguments): commander parses everything, and
// `--network` picks the Hardhat network. Layers: cli/ -> jobs/ -> steps/ -> chain/.
import { runKeeperCli } from "./keeper/cli/program.js";

await runKeeperCli(process.argv);
