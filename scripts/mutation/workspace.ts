// A throw-away copy of the project where mutants are built and tested, so that the real tree,
// its artifacts and its compile cache are never touched.
import { spawn, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface RunResult {
  code: number | null;
  output: string;
  timedOut: boolean;
  seconds: number;
}

/** Hardhat config the mutation runs use: the project's own, with the Solidity fuzz and invariant
 *  campaigns shortened (a planted bug that only a long campaign finds is rare; the verdicts stay
 *  deterministic: same seed, fewer runs). Written into the workspace only. */
export const MUTATION_CONFIG = "hardhat.mutation.config.ts";
export const FUZZ_RUNS = 64;
export const INVARIANT_RUNS = 32;
function mutationConfigText(): string {
  return `// Written by scripts/mutation/workspace.ts into the mutation workspace only.
import base from "./hardhat.config.ts";
const solidity = base.test?.solidity ?? {};
export default {
  ...base,
  test: {
    ...base.test,
    solidity: {
      ...solidity,
      fuzz: { ...solidity.fuzz, runs: ${FUZZ_RUNS} },
      invariant: { ...solidity.invariant, runs: ${INVARIANT_RUNS} },
    },
  },
};
`;
}

/** Copies the project's build outputs into the workspace when it has them, with the compile
 *  cache's absolute paths moved to the workspace, so that the first build there compiles only what
 *  is out of date instead of everything. Nothing here is trusted: Hardhat re-checks every cache
 *  entry against the sources' content hashes, and every mutant's build is tied to its text by
 *  the build-info (rootCompiledWith) and to a bytecode change (bytecodeFingerprint). */
function seedBuildOutputs(root: string, dir: string): void {
  const cacheFile = path.join(root, "cache", "compile-cache.json");
  if (!existsSync(cacheFile) || !existsSync(path.join(root, "artifacts"))) return;
  cpSync(path.join(root, "artifacts"), path.join(dir, "artifacts"), { recursive: true });
  cpSync(path.join(root, "cache"), path.join(dir, "cache"), { recursive: true });
  const text = readFileSync(cacheFile, "utf8");
  writeFileSync(
    path.join(dir, "cache", "compile-cache.json"),
    text.split(`${root}/`).join(`${dir}/`),
  );
}

/** Copies the files git knows about (tracked, plus untracked ones not ignored) from `root`, and
 *  links node_modules; seeds the build outputs from the project's (see seedBuildOutputs) and
 *  writes the mutation config. typechain-types/ is not copied (builds skip typechain). */
export function createWorkspace(root: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "reactor-mutation-"));
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], {
    cwd: root,
    encoding: "utf8",
  })
    .split("\0")
    .filter((f) => f !== "" && existsSync(path.join(root, f)));
  for (const f of files) {
    const to = path.join(dir, f);
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(path.join(root, f), to);
  }
  symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  seedBuildOutputs(root, dir);
  writeFileSync(path.join(dir, MUTATION_CONFIG), mutationConfigText());
  return dir;
}

export function removeWorkspace(dir: string): void {
  if (path.basename(dir).startsWith("reactor-mutation-"))
    rmSync(dir, { recursive: true, force: true });
}

const running = new Set<number>();

/** Kills every command still running (their whole process groups), e.g. on Ctrl-C. */
export function killRunning(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** Runs a command in the workspace, with output captured and a hard timeout (a mutant can loop). */
export function run(
  dir: string,
  cmd: string,
  args: string[],
  timeoutSeconds: number,
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const env = {
      ...process.env,
      PATH: `${path.join(dir, "node_modules/.bin")}:${process.env.PATH}`,
    };
    // Own process group, so a timeout kills Hardhat and everything it started.
    const child = spawn(cmd, args, {
      cwd: dir,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child.pid as number);
    let output = "";
    const keep = (b: Buffer) => {
      output += b.toString();
      if (output.length > 400_000) output = output.slice(-200_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-(child.pid as number), "SIGKILL");
      } catch {
        // already gone
      }
    }, timeoutSeconds * 1000);
    child.on("close", (code) => {
      clearTimeout(timer);
      running.delete(child.pid as number);
      resolve({ code, output, timedOut, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** Strips the CBOR metadata trailer solc appends (it hashes the source text, comments included),
 *  so that two builds compare equal exactly when their code is equal. */
function stripMetadata(hex: string): string {
  const h = hex.startsWith("0x") ? hex.slice(2) : hex;
  if (h.length < 4) return h;
  const len = parseInt(h.slice(-4), 16);
  const cut = h.length - 4 - len * 2;
  return cut > 0 ? h.slice(0, cut) : h;
}

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== "build-info") walk(p, out);
    } else if (name.endsWith(".json") && !name.endsWith(".dbg.json")) out.push(p);
  }
}

/** Hash of every creation and deployed bytecode under artifacts/contracts and artifacts/test (the Solidity
 *  tests link libraries' internal code too), metadata stripped, per artifact.
 *  Compared before and after a mutant's build: if nothing changed, the build either did not take
 *  the mutant (stale output) or the mutant compiles to the same code (equivalent). */
export function bytecodeFingerprint(dir: string): Map<string, string> {
  const files: string[] = [];
  walk(path.join(dir, "artifacts", "contracts"), files);
  walk(path.join(dir, "artifacts", "test"), files);
  const map = new Map<string, string>();
  for (const f of files.sort()) {
    const json = JSON.parse(readFileSync(f, "utf8")) as {
      bytecode?: string;
      deployedBytecode?: string;
    };
    if (typeof json.deployedBytecode !== "string") continue;
    // Both codes: a constructor's work (immutables, guards on its arguments) is only in the
    // creation code; the runtime code holds immutables as zero placeholders.
    map.set(
      path.relative(dir, f),
      createHash("sha256")
        .update(stripMetadata(json.deployedBytecode))
        .update("|")
        .update(stripMetadata(json.bytecode ?? ""))
        .digest("hex"),
    );
  }
  return map;
}

/** Artifacts whose code differs between two fingerprints. */
export function changedArtifacts(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}

/** sha256 of the text of `sourceFile` in the build that produced root `rootFile`'s artifacts
 *  (per Hardhat's compile cache), or undefined when that build did not include it. This is what
 *  ties a build to the mutant: stale outputs from an earlier build point at other text. */
export function rootCompiledWith(
  dir: string,
  rootFile: string,
  sourceFile: string,
): string | undefined {
  const cache = JSON.parse(
    readFileSync(path.join(dir, "cache", "compile-cache.json"), "utf8"),
  ) as Record<string, { buildInfoPath?: string }>;
  const entry = cache[path.join(dir, rootFile)];
  if (!entry?.buildInfoPath || !existsSync(entry.buildInfoPath)) return undefined;
  const info = JSON.parse(readFileSync(entry.buildInfoPath, "utf8")) as {
    input?: { sources?: Record<string, { content?: string }> };
  };
  const content = info.input?.sources?.[`project/${sourceFile}`]?.content;
  return content === undefined ? undefined : sha256(content);
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
