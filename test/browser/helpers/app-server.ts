// The app as users get it: `vite build` (what npm run app:build makes), served by Vite's preview
// server on 127.0.0.1 (a free port) with the world's config.json.
import path from "node:path";
import { build, preview, type PreviewServer } from "vite";

const CONFIG_FILE = path.resolve("app/vite.config.ts");

export interface ServedApp {
  readonly url: string;
  close(): Promise<void>;
}

export async function buildAndServeApp(configJson: string): Promise<ServedApp> {
  await build({ configFile: CONFIG_FILE, logLevel: "warn" });
  process.env.APP_CONFIG = configJson;
  const server: PreviewServer = await preview({
    configFile: CONFIG_FILE,
    preview: { port: 0, host: "127.0.0.1", strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) throw new Error("the preview server reported no URL");
  return { url, close: () => server.close() };
}
