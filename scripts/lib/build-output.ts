// solc's warnings, one line each: what the build wrapper (scripts/build.ts) prints.

/** A solc warning block: "Warning: <message>\n  --> <file>:<line>:<col>:\n  | <source>...". */
const WARNING =
  /^(?:\u001b\[[\d;]*m)*Warning:(?:\u001b\[[\d;]*m)*\s*([^\n]*)\n\s*-->\s*([^\s:]+:\d+)/;
/** The first sentence of a long message is enough for one line. */
const FIRST_SENTENCE = /^(.*?[.:])(?:\s|$)/;

export function condenseWarnings(stderr: string): string {
  return stderr
    .split(/\n\s*\n/)
    .map((block) => {
      const match = WARNING.exec(block.trimStart());
      if (match === null) return block;
      const message = FIRST_SENTENCE.exec(match[1])?.[1] ?? match[1];
      return `warning: ${match[2]}: ${message}`;
    })
    .filter((block) => block.trim() !== "")
    .join("\n");
}
