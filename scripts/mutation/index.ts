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
  rootCompiledWith,
  createWorkspace,
  FUZZ_RUNS,
  INVARIANT_RUNS,
  killRunning,
  MUTATION_CONFIG,
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
  from?: string;
  jobs: string;
  ids?: string;
  rerunSurvivors?: boolean;
  merge?: boolean;
  render?: boolean;
  mergeFrom?: string;
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
  return run(
    dir,
    "nice",
    ["-n", "5", "npx", "hardhat", "--config", MUTATION_CONFIG, ...args],
    timeout,
  );
}

/** Every job's workspace, removed together on Ctrl-C / SIGTERM (one handler for all jobs). */
const workspaces = new Set<string>();
const cleanup = () => {
  killRunning();
  for (const d of workspaces) removeWorkspace(d);
  process.exit(130);
};
process.once("SIGINT", cleanup);
process.once("SIGTERM", cleanup);

/** Builds and tests the given mutants (all of one or more files) in one workspace. */
async function worker(
  mutants: Mutant[],
  owners: Record<string, string[]>,
  opts: { baseline: boolean },
  sources: Map<string, string>,
  layout: Layout,
  onOutcome: (o: Outcome) => void,
  log: (s: string) => void,
): Promise<void> {
  const dir = createWorkspace(ROOT);
  log(`workspace ${dir}`);
  workspaces.add(dir);
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
        const verdict = await buildAndTest(dir, m.file, original, tests, layout);
        if (verdict.kind === "passed") greenFiles.add(m.file);
        else redFiles.set(m.file, verdict.detail);
        log(
          `baseline ${m.file}: ${verdict.kind === "passed" ? "green" : `RED (${verdict.detail})`}`,
        );
      }
      if (redFiles.has(m.file)) {
        done("not-run", `owning tests fail without the mutant: ${redFiles.get(m.file)}`);
        continue;
      }
      writeFileSync(path.join(dir, m.file), mutatedText);
      const verdict = await buildAndTest(dir, m.file, mutatedText, tests, layout, baseline);
      if (verdict.kind === "passed") done("survived", `ran ${owners[m.file].length} files`);
      else done(verdict.kind, verdict.detail);
    }
  } finally {
    removeWorkspace(dir);
    workspaces.delete(dir);
  }
}

/** Source files of the workspace the phased builds name. */
export interface Layout {
  /** Every contract under contracts/ (what mocha tests deploy). */
  contracts: string[];
  /** Deployable test-only Solidity (mocks, tokens, attackers): mocha tests deploy these too. */
  support: string[];
}

type Verdict =
  | { kind: "passed" }
  | { kind: "killed" | "compile-error" | "equivalent-bytecode" | "error"; detail: string };

/** Builds what each test phase needs, checks the build took `text` for `file`, then runs the
 *  phase: contracts (and test-only contracts) then mocha with --bail; only if that passed, the
 *  owning Solidity test files, built then. Building per phase keeps a mutant's build to the
 *  files that depend on it instead of every test suite's closure. */
async function buildAndTest(
  dir: string,
  file: string,
  text: string,
  tests: { mocha: string[]; solidity: string[] },
  layout: Layout,
  baseline?: Map<string, string>,
): Promise<Verdict> {
  const build = await hardhat(
    dir,
    ["build", "--quiet", "--no-typechain", ...layout.contracts, ...layout.support],
    BUILD_TIMEOUT_S,
  );
  if (build.code !== 0) return { kind: "compile-error", detail: compilerMessage(build.output) };
  // Never trust a build we cannot tie to the mutant: the compiler must have seen its text...
  if (rootCompiledWith(dir, file, file) !== sha256(text))
    return { kind: "error", detail: "build did not compile the mutated source (stale output)" };
  // ...and if no deployed bytecode changed, mocha cannot see the mutant (the Solidity tests
  // still may: they are built next, and only if they did not change either is it equivalent).
  // Only the artifacts this phase uses count: Solidity test artifacts left by an earlier mutant's
  // phase are stale by design (rebuilt when their phase runs).
  const changedIn = (files: string[]) =>
    changedArtifacts(baseline ?? new Map(), bytecodeFingerprint(dir)).filter(
      (a) =>
        a.startsWith("artifacts/contracts/") || files.some((f) => a.startsWith(`artifacts/${f}/`)),
    );
  const mochaSees = !baseline || changedIn(layout.support).length > 0;
  if (!mochaSees && tests.solidity.length === 0)
    return { kind: "equivalent-bytecode", detail: "no deployed bytecode changed" };
  if (mochaSees && tests.mocha.length > 0) {
    const r = await hardhat(
      dir,
      ["test", "mocha", "--bail", "--no-compile", ...tests.mocha],
      TEST_TIMEOUT_S,
    );
    if (r.timedOut) return { kind: "killed", detail: `timeout after ${TEST_TIMEOUT_S}s (mocha)` };
    if (r.code !== 0)
      return {
        kind: "killed",
        detail: firstFailure(r.output) ?? `mocha exit ${r.code}: ${r.output.slice(-300)}`,
      };
  }
  if (tests.solidity.length > 0) {
    const b = await hardhat(
      dir,
      ["build", "--quiet", "--no-typechain", ...tests.solidity],
      BUILD_TIMEOUT_S,
    );
    if (b.code !== 0)
      return { kind: "compile-error", detail: `tests: ${compilerMessage(b.output)}` };
    for (const t of tests.solidity) {
      const seen = rootCompiledWith(dir, t, file);
      if (seen !== undefined && seen !== sha256(text))
        return {
          kind: "error",
          detail: `${t} was not rebuilt with the mutated source (stale output)`,
        };
    }
    if (baseline && changedIn([...layout.support, ...tests.solidity]).length === 0)
      return { kind: "equivalent-bytecode", detail: "no deployed or test bytecode changed" };
    const r = await hardhat(
      dir,
      ["test", "solidity", "--no-compile", ...tests.solidity],
      TEST_TIMEOUT_S,
    );
    if (r.timedOut)
      return { kind: "killed", detail: `timeout after ${TEST_TIMEOUT_S}s (solidity)` };
    if (r.code !== 0)
      return {
        kind: "killed",
        detail: firstFailure(r.output) ?? `solidity exit ${r.code}: ${r.output.slice(-300)}`,
      };
  }
  return { kind: "passed" };
}

function compilerMessage(output: string): string {
  const msg = /(\w*Error): ([^\n]+)/.exec(output);
  return msg ? `${msg[1]}: ${msg[2]}` : output.slice(-200);
}

async function main(): Promise<void> {
  const program = new Command()
    .name("test:mutation")
    .option("--sample <n>", "how many mutants to run (0: all)", "64")
    .option("--seed <s>", "seed of the deterministic sample", "1")
    .option("--files <list>", "comma-separated globs or basenames of the files to mutate")
    .option(
      "--from <pool>",
      "what a sample draws from: all files, or the fast ones (config.fastFiles); default fast for --sample <= 10, else all",
    )
    .option("--jobs <n>", "parallel workspaces (each builds the project once)", "1")
    .option("--ids <list>", "run exactly these mutant ids (comma-separated)")
    .option(
      "--rerun-survivors",
      "re-run the survivors of the last run (its .json beside the report) and merge the verdicts",
    )
    .option("--merge", "with --ids: merge the verdicts into the last run's report")
    .option("--list", "list the selected mutants and exit")
    .option("--render", "rewrite the report from its .json with the current notes, run nothing")
    .option(
      "--merge-from <json>",
      "with --render: first replace the verdicts of the mutants another run's .json holds (a re-run written to its own --out while this one ran)",
    )
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
  if (opts.render) {
    const last = JSON.parse(readFileSync(jsonFile, "utf8")) as {
      info: RunInfo;
      outcomes: Outcome[];
    };
    if (opts.mergeFrom) {
      const other = JSON.parse(readFileSync(path.resolve(ROOT, opts.mergeFrom), "utf8")) as {
        info: RunInfo;
        outcomes: Outcome[];
      };
      const byId = new Map(other.outcomes.map((o) => [o.mutant.id, o]));
      last.outcomes = last.outcomes.map((o) => byId.get(o.mutant.id) ?? o);
      const known = new Set(last.outcomes.map((o) => o.mutant.id));
      last.outcomes.push(...other.outcomes.filter((o) => !known.has(o.mutant.id)));
      last.info.selected = last.outcomes.length;
      last.info.command += `; re-run: ${other.info.command}`;
      Object.assign(last.info.owners, other.info.owners);
      writeFileSync(jsonFile, JSON.stringify(last, null, 1));
    }
    writeReport(outFile, { ...last.info, notes }, last.outcomes);
    console.log(`rewrote ${path.relative(ROOT, outFile)} with ${Object.keys(notes).length} notes`);
    return;
  }
  let previous: Outcome[] = [];
  let pool = "all";
  let selected: Mutant[];
  if (opts.rerunSurvivors) {
    if (!existsSync(jsonFile)) throw new Error(`no previous run at ${jsonFile}`);
    previous = (JSON.parse(readFileSync(jsonFile, "utf8")) as { outcomes: Outcome[] }).outcomes;
    const ids = new Set(previous.filter((o) => o.status === "survived").map((o) => o.mutant.id));
    selected = [...byFile.values()].flat().filter((m) => ids.has(m.id));
  } else if (opts.ids) {
    const ids = new Set(opts.ids.split(",").map((s) => s.trim()));
    if (opts.merge)
      previous = (JSON.parse(readFileSync(jsonFile, "utf8")) as { outcomes: Outcome[] }).outcomes;
    selected = [...byFile.values()].flat().filter((m) => ids.has(m.id));
  } else {
    // Sample order (round-robin over files): a run cut short still covers every contract.
    pool = opts.from ?? (n > 0 && n <= 10 ? "fast" : "all");
    const from =
      pool === "fast"
        ? new Map([...byFile].filter(([f]) => config.fastFiles.includes(path.basename(f, ".sol"))))
        : byFile;
    selected = n === 0 ? [...from.values()].flat() : sample(from, n, seed);
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
    pool,
    fuzzRuns: FUZZ_RUNS,
    invariantRuns: INVARIANT_RUNS,
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
  // Files are dealt to workers (one workspace each); each worker keeps the selection's order.
  const files_ = [...new Set(selected.map((m) => m.file))];
  const lanes: Mutant[][] = Array.from({ length: jobs }, (_, j) =>
    selected.filter((m) => files_.indexOf(m.file) % jobs === j),
  );
  const layout: Layout = {
    contracts: matchGlobs(all, ["contracts/**/*.sol"]),
    support: matchGlobs(all, ["test/**/*.sol"]).filter(
      (f) => !f.endsWith(".t.sol") && !f.startsWith("test/solidity/utils/"),
    ),
  };
  console.log(
    `${discovered} sites in ${files.length} files; running ${selected.length} mutants, ${jobs} job(s)`,
  );
  await Promise.all(
    lanes
      .filter((l) => l.length > 0)
      .map((lane, i) =>
        worker(lane, owners, { baseline: opts.baseline }, sources, layout, onOutcome, (s) =>
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
