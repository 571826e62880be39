// Vite config of the wallet app. The app reads its deployment (address book, chain, RPC) at run
// time from ./config.json, so one static build works against any RPC: `npm run app:build`, then
// put a config.json beside index.html (or open index.html?config=<url>). When APP_CONFIG names a
// file, the dev and preview servers serve it as /config.json (what `npm run app` does).
import { readFile } from "node:fs/promises";
import { defineConfig, type Connect, type Plugin } from "vite";

function serveConfig(): Plugin {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const file = process.env.APP_CONFIG;
    if (file === undefined || req.url?.split("?")[0] !== "/config.json") return next();
    readFile(file, "utf8").then(
      (text) => {
        res.setHeader("content-type", "application/json");
        res.setHeader("cache-control", "no-store");
        res.end(text);
      },
      (error: unknown) => next(error),
    );
  };
  return {
    name: "reactor-app-config",
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [serveConfig()],
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 1200 },
  server: { host: "127.0.0.1", strictPort: false, fs: { allow: [".."] } },
  preview: { host: "127.0.0.1" },
  logLevel: "warn",
});
