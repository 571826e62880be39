// `hardhat build --quiet` for the npm scripts that build before they run (deploy, keeper,
// bench): solc's warnings shrink to one line each (`warning: <file:line>: <message>`), errors
// and everything else pass through whole. Exits with the build's code.
import { spawn } from "node:child_process";
import { condenseWarnings } from "./lib/build-output.js";

const child = spawn("hardhat", ["build", "--quiet", ...process.argv.slice(2)], {
  stdio: ["inherit", "inherit", "pipe"],
});
let stderr = "";
child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
child.on("close", (code) => {
  const text = condenseWarnings(stderr);
  if (text !== "") process.stderr.write(`${text}\n`);
  process.exit(code ?? 1);
});
