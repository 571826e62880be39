// One line per surviving mutant that is argued equivalent (or killed by a test added since the
// last full run), keyed by `noteKey` in report.ts: "<file> | <original line> | <mutated line>".
export const notes: Record<string, string> = {};
