// Which tests own a contract, and how to read a test run's verdict.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { MutationConfig } from "./config.js";

/** Files git knows about under `root` (tracked and untracked-not-ignored), relative paths. */
export function projectFiles(root: string): string[] {
  return execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\0")
    .filter((f) => f !== "")
    .sort();
}

/** A glob with `*` (one path segment) and `**` (any depth) as a regular expression. */
export function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*" && glob[i + 1] === "*") {
      re += ".*";
      i++;
      if (glob[i + 1] === "/") i++;
    } else if (c === "*") re += "[^/]*";
    else if (/[.+?^${}()|[\]\\]/.test(c)) re += `\\${c}`;
    else re += c;
  }
  return new RegExp(`^${re}$`);
}

export function matchGlobs(files: string[], globs: string[]): string[] {
  const res = globs.map(globToRegExp);
  return files.filter((f) => res.some((r) => r.test(f)));
}

function isTestFile(f: string): boolean {
  return (f.endsWith(".ts") && !f.includes("/helpers/")) || f.endsWith(".t.sol");
}

/** The tests that own `contractFile`: the configured globs when they match anything, else every
 *  test whose path or text names the contract. Gas/size/e2e suites are always left out. */
export function ownersOf(
  root: string,
  files: string[],
  contractFile: string,
  cfg: MutationConfig,
): string[] {
  const name = path.basename(contractFile, ".sol");
  const tests = files.filter(
    (f) =>
      cfg.testRoots.some((r) => f.startsWith(`${r}/`)) &&
      isTestFile(f) &&
      !cfg.excludeTests.some((x) => x.test(f)),
  );
  // In the order the config lists the globs (orderTests keeps it inside a rank).
  const configured = [...new Set((cfg.owners[name] ?? []).flatMap((g) => matchGlobs(tests, [g])))];
  if (configured.length > 0) return configured;
  const word = new RegExp(`\\b${name}\\b`);
  return tests.filter(
    (f) => f.includes(name) || word.test(readFileSync(path.join(root, f), "utf8")),
  );
}

/** Fastest first: unit mocha, then integration mocha, then Solidity (fuzz before invariants);
 *  inside a rank, the order the config lists them in (most likely killer first). */
export function orderTests(tests: string[]): { mocha: string[]; solidity: string[] } {
  const rank = (f: string) =>
    (f.startsWith("test/unit/") ? 0 : 1) + (f.includes("/invariant/") ? 2 : 0);
  const sorted = tests
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
    .map((x) => x.f);
  return {
    mocha: sorted.filter((f) => f.endsWith(".ts")),
    solidity: sorted.filter((f) => f.endsWith(".t.sol")),
  };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Name of the first failing test in a mocha or Solidity-test run's output, if any. */
export function firstFailure(output: string): string | undefined {
  const lines = output.replace(ANSI, "").split("\n");
  const at = lines.findIndex((l) => /^\s*\d+ failing/.test(l));
  if (at < 0) return undefined;
  for (let i = at + 1; i < lines.length; i++) {
    const m = /^\s*1\) (.+)$/.exec(lines[i]);
    if (!m) continue;
    const next = lines[i + 1]?.trim() ?? "";
    return next.endsWith(":") ? `${m[1].trim()} > ${next.slice(0, -1)}` : m[1].trim();
  }
  return undefined;
}
