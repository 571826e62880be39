// Where the keeper's words go: readable lines, tables and a progress bar for people, or JSON
// lines for machines (--json). Secrets never reach either: nothing here prints configuration.
import cliProgress from "cli-progress";
import pc from "picocolors";
import { redact, type KeeperError } from "./errors.js";

export interface Progress {
  tick(label?: string): void;
  stop(): void;
}

export interface Output {
  readonly json: boolean;
  /** Something happened (a step sent, a retry): one JSON line, or one readable line. */
  event(event: string, data: Readonly<Record<string, unknown>>, human: string): void;
  warn(message: string): void;
  /** A bar over `total` units of work (people on a terminal only). */
  progress(total: number, label: string): Progress;
  /** The command's outcome: a `result` JSON line, or the rendered text. */
  result(data: Readonly<Record<string, unknown>>, human: () => string): void;
  failure(error: KeeperError): void;
}

/** JSON.stringify that writes bigints as decimal strings (amounts in wei stay exact). */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
}

class JsonOutput implements Output {
  readonly json = true;
  event(event: string, data: Readonly<Record<string, unknown>>): void {
    process.stdout.write(`${toJson({ type: "event", event, ...data })}\n`);
  }
  warn(message: string): void {
    process.stdout.write(`${toJson({ type: "warning", message })}\n`);
  }
  progress(): Progress {
    return { tick: () => {}, stop: () => {} };
  }
  result(data: Readonly<Record<string, unknown>>): void {
    process.stdout.write(`${toJson({ type: "result", ...data })}\n`);
  }
  failure(error: KeeperError): void {
    process.stdout.write(
      `${toJson({ type: "error", message: redact(error.message), exitCode: error.exitCode })}\n`,
    );
  }
}

class HumanOutput implements Output {
  readonly json = false;
  #bars: cliProgress.MultiBar | undefined;

  #line(text: string): void {
    if (this.#bars?.isActive === true) this.#bars.log(`${text}\n`);
    else process.stdout.write(`${text}\n`);
  }
  event(_event: string, _data: Readonly<Record<string, unknown>>, human: string): void {
    if (human !== "") this.#line(human);
  }
  warn(message: string): void {
    this.#line(pc.yellow(`! ${message}`));
  }
  progress(total: number, label: string): Progress {
    // Only on a terminal: a bar in a log file is noise.
    if (process.stderr.isTTY !== true || total <= 1) return { tick: () => {}, stop: () => {} };
    const bars = new cliProgress.MultiBar(
      {
        format: `${label} [{bar}] {value}/{total} {step}`,
        hideCursor: true,
        clearOnComplete: true,
      },
      cliProgress.Presets.shades_classic,
    );
    this.#bars = bars;
    const bar = bars.create(total, 0, { step: "" });
    return {
      tick: (step = "") => bar.increment(1, { step }),
      stop: () => {
        bars.stop();
        this.#bars = undefined;
      },
    };
  }
  result(_data: Readonly<Record<string, unknown>>, human: () => string): void {
    this.#line(human());
  }
  failure(error: KeeperError): void {
    process.stderr.write(`${pc.red(`✗ ${redact(error.message)}`)}\n`);
  }
}

export function createOutput(json: boolean): Output {
  return json ? new JsonOutput() : new HumanOutput();
}

/** An output that records JSON-shaped events in memory (the demo and tests drive jobs in-process). */
export class MemoryOutput implements Output {
  readonly json = true;
  readonly events: { event: string; data: Readonly<Record<string, unknown>> }[] = [];
  readonly warnings: string[] = [];
  last: Readonly<Record<string, unknown>> | undefined;
  event(event: string, data: Readonly<Record<string, unknown>>): void {
    this.events.push({ event, data });
  }
  warn(message: string): void {
    this.warnings.push(message);
  }
  progress(): Progress {
    return { tick: () => {}, stop: () => {} };
  }
  result(data: Readonly<Record<string, unknown>>): void {
    this.last = data;
  }
  failure(): void {}
}
