// Debian's Chromium, driven by playwright-core (never a downloaded browser): CHROME_PATH, else
// `chromium` on PATH, else /usr/bin/chromium. The flags are the ones this machine needs: as root
// no sandbox, and no background networking (its connections are refused here, many at a time).
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The Chromium to drive, or undefined when the machine has none. */
export function findChromium(): string | undefined {
  const candidates = [
    process.env.CHROME_PATH,
    ...(process.env.PATH ?? "")
      .split(path.delimiter)
      .flatMap((dir) => [path.join(dir, "chromium"), path.join(dir, "chromium-browser")]),
    "/usr/bin/chromium",
  ];
  return candidates.find(
    (file): file is string => file !== undefined && file !== "" && executable(file),
  );
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: FLAGS });
}
