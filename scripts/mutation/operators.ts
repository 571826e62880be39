// Mutation operators: each reads the current source text of one Solidity file and proposes
// single-edit mutants. Nothing here knows a contract's API, so refactors only change which sites
// are found, never whether the tool works.

export type OperatorName =
  | "comparison-flip"
  | "rounding-swap"
  | "remove-state-update"
  | "remove-guard"
  | "swap-arguments"
  | "off-by-one";

export interface Mutant {
  /** Stable id: <file>:<line>:<operator>:<n> (n counts mutants of that operator on that line). */
  id: string;
  file: string;
  line: number;
  operator: OperatorName;
  /** Character offsets into the original text of the replaced span. */
  start: number;
  end: number;
  replacement: string;
  /** One-line description, for the report. */
  description: string;
}

/** Replaces comments and string literals by spaces (newlines kept), so that offsets still line up
 *  with the original text and no operator ever fires inside a comment or a string. */
export function maskSource(src: string): string {
  const out = src.split("");
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    const n = src[i + 1];
    if (c === "/" && n === "/") {
      while (i < src.length && src[i] !== "\n") out[i++] = " ";
    } else if (c === "/" && n === "*") {
      while (i < src.length && !(src[i] === "*" && src[i + 1] === "/")) {
        if (src[i] !== "\n") out[i] = " ";
        i++;
      }
      if (i < src.length) out[i] = out[i + 1] = " ";
      i += 2;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === "\\") out[i++] = " ";
        out[i++] = " ";
      }
      i++;
    } else i++;
  }
  return out.join("");
}

interface Line {
  number: number;
  start: number;
  text: string; // masked
  raw: string;
}

function splitLines(raw: string, masked: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 1;
  for (const part of masked.split("\n")) {
    lines.push({ number, start, text: part, raw: raw.slice(start, start + part.length) });
    start += part.length + 1;
    number++;
  }
  return lines;
}

/** Lines that carry no executable code: declarations of errors, events, interfaces, imports. */
function isDeclarationLine(text: string): boolean {
  return /^\s*(pragma|import|error|event|interface|library|contract|abstract|using|emit)\b/.test(
    text,
  );
}

/** Index just past the parenthesis that matches the "(" at `open`, or -1. */
function matchParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** Splits the top-level comma-separated arguments between `open` ("(") and `close` (")"). */
function splitArgs(text: string, open: number, close: number): { start: number; end: number }[] {
  const args: { start: number; end: number }[] = [];
  let depth = 0;
  let argStart = open + 1;
  for (let i = open + 1; i < close; i++) {
    const c = text[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      args.push({ start: argStart, end: i });
      argStart = i + 1;
    }
  }
  args.push({ start: argStart, end: close });
  return args.map((a) => {
    let { start, end } = a;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return { start, end };
  });
}

const FLIPS: Record<string, string> = {
  "<": "<=",
  "<=": "<",
  ">": ">=",
  ">=": ">",
  "==": "!=",
  "!=": "==",
};

/** Calls whose first two arguments commute (swapping them is an equivalent mutant). */
const COMMUTATIVE = new Set(["min", "max", "mulDiv", "keccak256", "add", "mul"]);
const NOT_CALLS = new Set([
  "if",
  "for",
  "while",
  "require",
  "revert",
  "return",
  "returns",
  "emit",
  "function",
  "mapping",
  "assert",
  "abi",
  "encode",
  "encodeCall",
  "encodePacked",
  "encodeWithSelector",
]);

export function generateMutants(file: string, raw: string): Mutant[] {
  const masked = maskSource(raw);
  const lines = splitLines(raw, masked);
  const mutants: Mutant[] = [];
  const perLine = new Map<string, number>();
  const add = (
    line: Line,
    operator: OperatorName,
    start: number,
    end: number,
    replacement: string,
    description: string,
  ) => {
    const key = `${line.number}:${operator}`;
    const n = (perLine.get(key) ?? 0) + 1;
    perLine.set(key, n);
    mutants.push({
      id: `${file}:${line.number}:${operator}:${n}`,
      file,
      line: line.number,
      operator,
      start,
      end,
      replacement,
      description,
    });
  };

  // Depth of braces and whether we are inside an interface: code lives inside function bodies.
  let inInterface = false;
  let inAssembly = false; // inline assembly: no Solidity operators apply
  let assemblyDepth = 0;
  let interfaceDepth = 0;
  let depth = 0;
  let prevCode = "";
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li];
    const t = line.text;
    const trimmed = t.trim();
    if (/^\s*interface\b/.test(t)) {
      inInterface = true;
      interfaceDepth = depth;
    }
    if (/\bassembly\b/.test(t)) {
      inAssembly = true;
      assemblyDepth = depth;
    }
    const opens = (t.match(/{/g) ?? []).length;
    const closes = (t.match(/}/g) ?? []).length;
    const bodyLine = depth >= 2 && !inInterface && !inAssembly; // inside contract { function { ... } }
    const startsStatement = /[;{}]\s*$/.test(prevCode) || prevCode === "";
    if (bodyLine && trimmed !== "" && !isDeclarationLine(t)) {
      // comparison flips
      for (const m of t.matchAll(/(?<![<>=!])(<=|>=|==|!=|<|>)(?![<>=])/g)) {
        const op = m[1];
        const s = line.start + (m.index ?? 0);
        add(line, "comparison-flip", s, s + op.length, FLIPS[op], `\`${op}\` -> \`${FLIPS[op]}\``);
      }
      // rounding direction swaps
      for (const m of t.matchAll(/Rounding\.(Floor|Ceil)\b/g)) {
        const to = m[1] === "Floor" ? "Ceil" : "Floor";
        const s = line.start + (m.index ?? 0) + "Rounding.".length;
        add(line, "rounding-swap", s, s + m[1].length, to, `Rounding.${m[1]} -> Rounding.${to}`);
      }
      for (const m of t.matchAll(/\bmulDiv\s*\(/g)) {
        const open = (m.index ?? 0) + m[0].length - 1;
        const close = matchParen(t, open);
        if (close < 0) continue;
        const args = splitArgs(t, open, close - 1);
        if (args.length !== 3) continue;
        const s = line.start + close - 1;
        add(line, "rounding-swap", s, s, ", Math.Rounding.Ceil", "mulDiv floor -> ceil");
      }
      for (const m of t.matchAll(/([+-])\s*1\)\s*\/\s*/g)) {
        // (a + b - 1) / b: a hand-written ceiling division becomes a floor
        const s = line.start + (m.index ?? 0);
        add(line, "rounding-swap", s, s + m[0].indexOf(")"), "", `drop \`${m[1]} 1\` of a ceilDiv`);
      }
      // off-by-one: `x + 1` -> `x`, `x - 1` -> `x`, and `+ 1` <-> `- 1`
      for (const m of t.matchAll(/\s([+-])\s1(?![\w.])/g)) {
        const s = line.start + (m.index ?? 0);
        const e = s + m[0].length;
        const other = m[1] === "+" ? "-" : "+";
        add(line, "off-by-one", s, e, "", `drop \`${m[1]} 1\``);
        add(line, "off-by-one", s, e, ` ${other} 1`, `\`${m[1]} 1\` -> \`${other} 1\``);
      }
      // swapped arguments
      for (const m of t.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)) {
        const name = m[1];
        if (NOT_CALLS.has(name) || /^(u?int\d*|address|bytes\d*|bool|payable|type)$/.test(name))
          continue;
        if (/\b(emit|revert|function|event|error)\s+$/.test(t.slice(0, m.index))) continue;
        const open = (m.index ?? 0) + m[0].length - 1;
        const close = matchParen(t, open);
        if (close < 0) continue;
        const args = splitArgs(t, open, close - 1);
        if (args.length < 2) continue;
        // mulDiv(a, b, c): swap the second factor and the divisor; otherwise the first two.
        const [i, j] = name === "mulDiv" && args.length >= 3 ? [1, 2] : [0, 1];
        if (name !== "mulDiv" && COMMUTATIVE.has(name)) continue;
        const a = t.slice(args[i].start, args[i].end);
        const b = t.slice(args[j].start, args[j].end);
        if (a === b || a === "" || b === "" || /Rounding/.test(a + b)) continue;
        const s = line.start + args[i].start;
        const e = line.start + args[j].end;
        const between = t.slice(args[i].end, args[j].start);
        add(line, "swap-arguments", s, e, `${b}${between}${a}`, `${name}(.., ${a}, ${b}) swapped`);
      }
      if (startsStatement) {
        // removed guards: `if (...) revert X(...);` on one line, or a `require(...)` statement
        const guard = /^(\s*)if\s*\(/.exec(t);
        if (guard) {
          const open = t.indexOf("(");
          const close = matchParen(t, open);
          if (close > 0 && /^\s*revert\b.*;\s*$/.test(t.slice(close))) {
            add(
              line,
              "remove-guard",
              line.start + guard[1].length,
              line.start + t.length,
              "",
              "drop `if (...) revert`",
            );
          }
        }
        if (/^\s*revert\b.*;\s*$/.test(t) && /\bif\s*\(.*\{\s*$/.test(prevCode)) {
          const s = line.start + t.indexOf("revert");
          add(
            line,
            "remove-guard",
            s,
            line.start + t.length,
            "",
            "drop the `revert` of an `if` block",
          );
        }
        if (/^\s*require\s*\(.*;\s*$/.test(t)) {
          const s = line.start + t.indexOf("require");
          add(line, "remove-guard", s, line.start + t.length, "", "drop `require(...)`");
        }
        // removed state updates: `x = ...;`, `x += ...;`, `x -= ...;`, `delete x;`, `x++;` on
        // one line, where x is storage-looking (underscored, indexed or a member)
        const upd =
          /^(\s*)((?:_|\$)[\w$]*(?:\[[^\]]*\]|\.[\w$]+)*|[\w$]+(?:\[[^\]]*\]|\.[\w$]+)+)\s*(\+=|-=|\*=|\/=|=)(?!=)[^;]*;\s*$/.exec(
            t,
          ) ??
          /^(\s*)(delete\s+[^;]+|[\w$.[\]]+\s*(?:\+\+|--)|(?:\+\+|--)\s*[\w$.[\]]+)();\s*$/.exec(t);
        if (upd && !/^\s*(return|emit|if|for|while)\b/.test(t)) {
          const s = line.start + upd[1].length;
          add(
            line,
            "remove-state-update",
            s,
            line.start + t.length,
            "",
            `drop \`${trimmed.slice(0, 60)}\``,
          );
        }
      }
    }
    depth += opens - closes;
    if (inInterface && depth <= interfaceDepth && closes > 0) inInterface = false;
    if (inAssembly && depth <= assemblyDepth && closes > 0) inAssembly = false;
    if (trimmed !== "") prevCode = t.trimEnd();
  }
  return mutants;
}

/** Applies one mutant to the original text. */
export function applyMutant(raw: string, m: Mutant): string {
  return raw.slice(0, m.start) + m.replacement + raw.slice(m.end);
}
