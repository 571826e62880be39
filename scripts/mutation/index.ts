// The project's mutation run: plants one small bug at a time in the contracts that hold or move
// value, builds it in a throw-away copy of the project, runs the tests that own the contract, and
// writes reports/mutation.md. Usage: npm run test:mutation -- [--sample N] [--seed S] [--files a,b]
//   [--jobs N] [--ids id1,id2] [--rerun-survivors] [--list] [--no-baseline]
//   [--out reports/mutation.md]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { config } from "./config.js";
import { applyMutant, generateMutants, type Mutant } from "./operators.js";
import { notes } from "./notes.js";
import { noteKey, score, writeReport, type Outcome, type RunInfo } from "./report.js";
import { firstFailure, matchGlobs, orderTests, ownersOf, projectFiles } from "./tests.js";
import {
  bytecodeFingerprint,
  changedArtifacts,
  compiledSourceHashes,
  createWorkspace,
  killRunning,
  removeWorkspace,
  run,
  sha256,
} from "./workspace.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BUILD_TIMEOUT_S = 900;
const TEST_TIMEOUT_S = 900;

interface Options {
  sample: string;
  seed: string;
  files?: string;
  jobs: string;
  ids?: string;
  rerunSurvivors?: boolean;
  list?: boolean;
  baseline: boolean;
  out: string;
}

/** mulberry32: a tiny seeded PRNG, so that a sample is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Deterministic stratified sample: shuffled per file (and interleaved by operator inside a
 *  file), then taken round-robin across files, so every contract gets its share. */
function sample(byFile: Map<string, Mutant[]>, n: number, seed: number): Mutant[] {
  const rand = prng(seed);
  const queues = [...byFile.keys()].sort().map((f) => {
    const byOp = new Map<string, Mutant[]>();
    for (const m of shuffle(byFile.get(f) ?? [], rand)) {
      byOp.set(m.operator, [...(byOp.get(m.operator) ?? []), m]);
    }
    const ops = shuffle([...byOp.keys()].sort(), rand);
    const q: Mutant[] = [];
    for (let i = 0; q.length < (byFile.get(f)?.length ?? 0); i++) {
      for (const op of ops) {
        const m = byOp.get(op)?.[i];
        if (m) q.push(m);
      }
    }
    return q;
  });
  const picked: Mutant[] = [];
  for (let i = 0; picked.length < n && queues.some((q) => q.length > i); i++) {
    for (const q of queues) if (q[i] && picked.length < n) picked.push(q[i]);
  }
  return picked;
}

function lineOf(text: string, line: number): string {
  return text.split("\n")[line - 1] ?? "";
}

async function hardhat(dir: string, args: string[], timeout: number) {
  return run(dir, "npx", ["hardhat", ...args], timeout);
}

/** Builds and tests the given mutants (all of one or more files) in one workspace. */
async function worker(
  mutants: Mutant[],
  owners: Record<string, string[]>,
  opts: { baseline: boolean },
  sources: Map<string, string>,
  onOutcome: (o: Outcome) => void,
  log: (s: string) => void,
): Promise<void> {
  const dir = createWorkspace(ROOT);
  log(`workspace ${dir}`);
  const cleanup = () => {
    killRunning();
    removeWorkspace(dir);
    process.exit(130);
  };
  process.once("SIGINT", cleanup);
  process.once("SIGTERM", cleanup);
  try {
    const base = await hardhat(dir, ["build", "--quiet"], BUILD_TIMEOUT_S);
    if (base.code !== 0) throw new Error(`baseline build failed:\n${base.output.slice(-3000)}`);
    const baseline = bytecodeFingerprint(dir);
    const greenFiles = new Set<string>();
    const redFiles = new Map<string, string>();
    for (const m of mutants) {
      const original = sources.get(m.file) as string;
      const mutatedText = applyMutant(original, m);
      const started = Date.now();
      const done = (status: Outcome["status"], detail: string) => {
        writeFileSync(path.join(dir, m.file), original);
        onOutcome({
          mutant: m,
          original: lineOf(original, m.line),
          mutated: lineOf(mutatedText, m.line),
          status,
          detail,
          seconds: (Date.now() - started) / 1000,
        });
      };
      const tests = orderTests(owners[m.file]);
      if (opts.baseline && !greenFiles.has(m.file) && !redFiles.has(m.file)) {
        // The owning tests must pass on the unmutated code, or a "kill" would mean nothing.
        writeFileSync(path.join(dir, m.file), original);
        const rebuilt = await hardhat(dir, ["build", "--quiet", "--no-typechain"], BUILD_TIMEOUT_S);
        const verdict = rebuilt.code === 0 ? await runTests(dir, tests) : "baseline build failed";
        if (verdict === undefined) greenFiles.add(m.file);
        else redFiles.set(m.file, verdict);
        log(`baseline ${m.file}: ${verdict === undefined ? "green" : `RED (${verdict})`}`);
      }
      if (redFiles.has(m.file)) {
        done("not-run", `owning tests fail without the mutant: ${redFiles.get(m.file)}`);
        continue;
      }
      writeFileSync(path.join(dir, m.file), mutatedText);
      const build = await hardhat(dir, ["build", "--quiet", "--no-typechain"], BUILD_TIMEOUT_S);
      if (build.code !== 0) {
        const msg = /(\w*Error): ([^\n]+)/.exec(build.output);
        done("compile-error", msg ? `${msg[1]}: ${msg[2]}` : `build exit ${build.code}`);
        continue;
      }
      // Never trust a build we cannot tie to the mutant: the compiler must have seen its text...
      if (!compiledSourceHashes(dir, `project/${m.file}`).has(sha256(mutatedText))) {
        done("error", "build did not compile the mutated source (stale output)");
        continue;
      }
      // ...and if no deployed bytecode changed, the mutant is equivalent by construction.
      const changed = changedArtifacts(baseline, bytecodeFingerprint(dir));
      if (changed.length === 0) {
        done("equivalent-bytecode", "no deployed bytecode changed");
        continue;
      }
      const verdict = await runTests(dir, tests);
      done(
        verdict === undefined ? "survived" : "killed",
        verdict ?? `ran ${owners[m.file].length} files`,
      );
    }
  } finally {
    removeWorkspace(dir);
  }
}

/** Runs mocha files (with --bail), then Solidity test files; returns the first failure or
 *  undefined when everything passed. */
async function runTests(
  dir: string,
  tests: { mocha: string[]; solidity: string[] },
): Promise<string | undefined> {
  if (tests.mocha.length > 0) {
    const r = await hardhat(
      dir,
      ["test", "mocha", "--bail", "--no-compile", ...tests.mocha],
      TEST_TIMEOUT_S,
    );
    if (r.timedOut) return `timeout after ${TEST_TIMEOUT_S}s (mocha)`;
    if (r.code !== 0)
      return firstFailure(r.output) ?? `mocha exit ${r.code}: ${r.output.slice(-300)}`;
  }
  if (tests.solidity.length > 0) {
    const r = await hardhat(
      dir,
      ["test", "solidity", "--no-compile", ...tests.solidity],
      TEST_TIMEOUT_S,
    );
    if (r.timedOut) return `timeout after ${TEST_TIMEOUT_S}s (solidity)`;
    if (r.code !== 0)
      return firstFailure(r.output) ?? `solidity exit ${r.code}: ${r.output.slice(-300)}`;
  }
  return undefined;
}

async function main(): Promise<void> {
  const program = new Command()
    .name("test:mutation")
    .option("--sample <n>", "how many mutants to run (0: all)", "64")
    .option("--seed <s>", "seed of the deterministic sample", "1")
    .option("--files <list>", "comma-separated globs or basenames of the files to mutate")
    .option("--jobs <n>", "parallel workspaces (each builds the project once)", "1")
    .option("--ids <list>", "run exactly these mutant ids (comma-separated)")
    .option(
      "--rerun-survivors",
      "re-run the survivors of the last run (its .json beside the report) and merge the verdicts",
    )
    .option("--list", "list the selected mutants and exit")
    .option("--no-baseline", "skip checking that the owning tests pass on the unmutated code")
    .option("--out <file>", "report file", "reports/mutation.md")
    .parse();
  const opts = program.opts<Options>();
  const seed = Number(opts.seed);
  const n = Number(opts.sample);
  const jobs = Math.max(1, Number(opts.jobs));

  const all = projectFiles(ROOT);
  let files = matchGlobs(all, config.include).filter(
    (f) => !config.exclude.includes(path.basename(f)),
  );
  if (opts.files) {
    const wanted = opts.files.split(",").map((s) => s.trim());
    files = files.filter((f) =>
      wanted.some(
        (w) =>
          f === w ||
          path.basename(f) === w ||
          path.basename(f, ".sol") === w ||
          matchGlobs([f], [w]).length === 1,
      ),
    );
  }
  const sources = new Map(files.map((f) => [f, readFileSync(path.join(ROOT, f), "utf8")]));
  const byFile = new Map(files.map((f) => [f, generateMutants(f, sources.get(f) as string)]));
  const discovered = [...byFile.values()].reduce((s, l) => s + l.length, 0);
  const outFile = path.resolve(ROOT, opts.out);
  const jsonFile = outFile.replace(/\.md$/, "") + ".json";
  let previous: Outcome[] = [];
  let selected: Mutant[];
  if (opts.rerunSurvivors) {
    if (!existsSync(jsonFile)) throw new Error(`no previous run at ${jsonFile}`);
    previous = (JSON.parse(readFileSync(jsonFile, "utf8")) as { outcomes: Outcome[] }).outcomes;
    const ids = new Set(previous.filter((o) => o.status === "survived").map((o) => o.mutant.id));
    selected = [...byFile.values()].flat().filter((m) => ids.has(m.id));
  } else if (opts.ids) {
    const ids = new Set(opts.ids.split(",").map((s) => s.trim()));
    selected = [...byFile.values()].flat().filter((m) => ids.has(m.id));
  } else {
    // Sample order (round-robin over files): a run cut short still covers every contract.
    selected = n === 0 ? [...byFile.values()].flat() : sample(byFile, n, seed);
  }

  const owners: Record<string, string[]> = {};
  for (const f of new Set(selected.map((m) => m.file))) owners[f] = ownersOf(ROOT, all, f, config);
  if (opts.list) {
    for (const m of selected) console.log(`${m.id}\t${m.description}`);
    for (const [f, t] of Object.entries(owners)) console.log(`# ${f}: ${t.join(" ")}`);
    return;
  }
  const info: RunInfo = {
    command: `npm run test:mutation -- ${process.argv.slice(2).join(" ")}`.trim(),
    seed,
    discovered,
    selected: selected.length,
    files,
    startedAt: new Date().toISOString(),
    finished: false,
    owners,
    notes,
  };
  // A re-run keeps the previous verdicts of everything it does not run again.
  const rerun = new Set(selected.map((m) => m.id));
  const outcomes: Outcome[] = previous.filter((o) => !rerun.has(o.mutant.id));
  if (previous.length > 0) {
    info.selected = outcomes.length + selected.length;
    info.command += ` (merged into the run of ${path.basename(jsonFile)})`;
  }
  const order = [...outcomes.map((o) => o.mutant.id), ...selected.map((m) => m.id)];
  const save = () => {
    writeReport(outFile, info, outcomes);
    writeFileSync(jsonFile, JSON.stringify({ info, outcomes }, null, 1));
  };
  const started = Date.now();
  const onOutcome = (o: Outcome) => {
    outcomes.push(o);
    const s = score(outcomes);
    console.log(
      `[${outcomes.length}/${selected.length}] ${o.status.padEnd(19)} ${o.mutant.id} ${o.detail.slice(0, 100)} ` +
        `(${o.seconds.toFixed(0)}s; score ${s.pct.toFixed(1)}%)`,
    );
    outcomes.sort((a, b) => order.indexOf(a.mutant.id) - order.indexOf(b.mutant.id));
    save();
  };
  // Split by file across workers so that each file's mutants share one workspace.
  const lanes: Mutant[][] = Array.from({ length: jobs }, () => []);
  [...new Set(selected.map((m) => m.file))].forEach((f, i) =>
    lanes[i % jobs].push(...selected.filter((m) => m.file === f)),
  );
  console.log(
    `${discovered} sites in ${files.length} files; running ${selected.length} mutants, ${jobs} job(s)`,
  );
  await Promise.all(
    lanes
      .filter((l) => l.length > 0)
      .map((lane, i) =>
        worker(lane, owners, { baseline: opts.baseline }, sources, onOutcome, (s) =>
          console.log(`[job ${i}] ${s}`),
        ),
      ),
  );
  info.finished = true;
  save();
  const s = score(outcomes);
  const unexplained = outcomes.filter((o) => o.status === "survived" && !notes[noteKey(o)]).length;
  console.log(
    `done in ${((Date.now() - started) / 60000).toFixed(1)} min: ${s.pct.toFixed(1)}% killed ` +
      `(${s.killed}/${s.killed + s.survived}); ${unexplained} survivors without a note; report ${path.relative(ROOT, outFile)}`,
  );
  if (outcomes.some((o) => o.status === "error")) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
