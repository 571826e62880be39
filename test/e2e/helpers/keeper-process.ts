// Runs the keeper CLI (scripts/keeper.ts) as a child process, as an operator would, and reads
// its --json output (one JSON object per line).
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface KeeperLine {
  readonly type: "event" | "result" | "warning" | "error";
  readonly event?: string;
  readonly [key: string]: unknown;
}

export interface KeeperRun {
  readonly code: number | null;
  readonly lines: KeeperLine[];
  readonly stderr: string;
  /** The `result` line (undefined when the keeper failed). */
  readonly result: KeeperLine | undefined;
  readonly error: KeeperLine | undefined;
}

const KEEPER_TIMEOUT_MS = 90_000;

function parse(line: string): KeeperLine | undefined {
  try {
    return JSON.parse(line) as KeeperLine;
  } catch {
    return undefined;
  }
}

/** Starts `npm run keeper -- <args>` (without npm: node + tsx, from the repository root). */
export function spawnKeeper(args: readonly string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  return spawnScript("scripts/keeper.ts", args, env);
}

/** Starts a TypeScript CLI of scripts/ as its npm script does (one node process, tsx loaded). */
export function spawnScript(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: process.cwd(),
    // An `undefined` value removes the variable (a missing secret).
    env: Object.fromEntries(
      Object.entries({ ...process.env, NO_COLOR: "1", ...env }).filter(([, v]) => v !== undefined),
    ),
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Collects the JSON lines of a keeper process; `onLine` may kill it. */
export function collect(
  child: ChildProcess,
  onLine: (line: KeeperLine) => void = () => {},
): Promise<KeeperRun> {
  const lines: KeeperLine[] = [];
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const reader = createInterface({ input: child.stdout! });
  reader.on("line", (text) => {
    const line = parse(text);
    if (line === undefined) return;
    lines.push(line);
    onLine(line);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`keeper timed out; stderr: ${stderr}`));
    }, KEEPER_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({
        code,
        lines,
        stderr,
        result: lines.find((l) => l.type === "result"),
        error: lines.find((l) => l.type === "error"),
      });
    });
  });
}

/** Runs the keeper to the end. */
export function runKeeper(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<KeeperRun> {
  return collect(spawnKeeper(args, env));
}

/** Runs a CLI to the end; its whole stdout and stderr (for the deploy, which prints text). */
export function runScript(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawnScript(script, args, env);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${script} timed out; stderr: ${stderr}`));
    }, KEEPER_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
