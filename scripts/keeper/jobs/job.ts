// A job: what a command does, run against a keeper context, with a rendering for people. The
// CLI maps a command to a job; the demo, tests and the bench run the same jobs in-process.
import type { KeeperContext } from "../chain/context.js";

export interface Job<Options, Result> {
  readonly name: string;
  run(ctx: KeeperContext, options: Options): Promise<Result>;
  render(result: Result): string;
}
