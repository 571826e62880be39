// npm run app: the wallet app on a local chain, in one command.
//
// Serves Hardhat's chain on 127.0.0.1 (a free port), deploys the system and plays a few of the
// demo's cycles on it (scripts/app/world.ts), then serves the app (Vite) on 127.0.0.1 with the
// deployment's config.json and a dev-wallet connector backed by Hardhat's accounts (local only).
// APP_CYCLES (default 3) and APP_PORT (default: a free port) tune it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pc from "picocolors";
import { createServer } from "vite";
import { startAppWorld } from "./app/world.js";

const CYCLES = Number(process.env.APP_CYCLES ?? 3);
const PORT = Number(process.env.APP_PORT ?? 0);

const dir = await mkdtemp(path.join(tmpdir(), "reactor-app-"));
const configFile = path.join(dir, "config.json");
const world = await startAppWorld({
  cycles: CYCLES,
  configFile,
  launch: true,
  onProgress: (m) => console.log(pc.dim(m)),
});
process.env.APP_CONFIG = configFile;
const vite = await createServer({
  configFile: path.resolve("app/vite.config.ts"),
  server: { port: PORT, host: "127.0.0.1" },
});
await vite.listen();
const appUrl = vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${vite.config.server.port}/`;
console.log(`
${pc.green("Reactor app")}  ${pc.bold(appUrl)}
chain        ${world.url} (chain ${world.config.chainId}; add it to a browser wallet as a custom network)
dev wallet   "Dev wallet (local only)" in the app signs with Hardhat's accounts; it starts on
             ${world.user.address} (funded with WETH, USDC, ALCX, FXS, TOKE and ETH)
config       ${configFile}
Ctrl-C stops the chain and the app.`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await vite.close();
  await world.close();
  await rm(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
await new Promise(() => {});
