import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect } from "chai";

// The keeper's layers (scripts/keeper/): cli -> jobs -> steps -> chain. A file may import its own
// layer or the ones below it, never one above (the cycle check, `npm run lint:cycles`, catches
// loops inside a layer).
const ROOT = "scripts/keeper";
const LAYERS = ["chain", "steps", "jobs", "cli"] as const;
const IMPORT =
  /^\s*(?:import|export)\s[^;]*?from\s+"(\.{1,2}\/[^"]+)"|^\s*import\s+"(\.{1,2}\/[^"]+)"/gm;

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.name.endsWith(".ts")) out.push(full);
  }
  return out;
}

const layerOf = (file: string) => {
  const [first] = path.relative(ROOT, file).split(path.sep);
  return LAYERS.indexOf(first as (typeof LAYERS)[number]);
};

describe("keeper layers: cli -> jobs -> steps -> chain", () => {
  it("every keeper file lives in a layer and imports only its own layer or those below", async () => {
    const files = await filesUnder(ROOT);
    expect(files.length).to.be.greaterThan(LAYERS.length);
    const violations: string[] = [];
    for (const file of files) {
      const layer = layerOf(file);
      expect(layer, `${file} is in no layer`).to.be.at.least(0);
      const text = await readFile(file, "utf8");
      for (const match of text.matchAll(IMPORT)) {
        const target = path.normalize(path.join(path.dirname(file), match[1] ?? match[2]));
        if (!target.startsWith(ROOT + path.sep)) continue; // scripts/lib and packages: below all
        const targetLayer = layerOf(target);
        if (targetLayer > layer) violations.push(`${file} imports ${target}`);
      }
    }
    expect(violations).to.deep.equal([]);
  });

  it("the layer check sees an upward import (a chain file importing a job)", () => {
    const from = path.join(ROOT, "chain", "x.ts");
    const to = path.normalize(path.join(path.dirname(from), "../jobs/rollover.js"));
    expect(layerOf(to)).to.be.greaterThan(layerOf(from));
  });
});
