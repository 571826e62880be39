// The deployment the app talks to, read at run time (never compiled in): ./config.json beside
// index.html, or the URL in ?config=. `npm run app` writes one from the deployment's address book.
import type { AppConfig } from "./config-types";

export type { AddressBook, AppConfig, LaunchBook } from "./config-types";

export async function loadConfig(): Promise<AppConfig> {
  const url = new URLSearchParams(location.search).get("config") ?? "./config.json";
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`could not load ${url} (HTTP ${response.status})`);
  const config = (await response.json()) as AppConfig;
  if (config.addresses?.chainId !== config.chainId) {
    throw new Error(
      `${url}: the address book is for chain ${config.addresses?.chainId}, not ${config.chainId}`,
    );
  }
  return config;
}
