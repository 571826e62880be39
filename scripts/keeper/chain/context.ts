// What every keeper step and job gets: typed handles on the deployed system, the network's
// keeper config and an output. The bottom layer: it imports nothing of the keeper's above it.
import type { KeeperConfig } from "../../lib/networks.js";
import type { System } from "../../lib/system.js";
import { toKeeperError } from "./errors.js";
import type { Output } from "./output.js";

export interface KeeperContext {
  readonly system: System;
  readonly config: KeeperConfig;
  readonly out: Output;
  /** Runs a chain read under a label: failures name what was being done. */
  rpc<T>(label: string, fn: () => Promise<T>): Promise<T>;
}

/** A context over a system already attached in this process (the demo, tests, benchmarks). */
export function keeperContext(
  system: System,
  out: Output,
  config: KeeperConfig = system.profile.keeper,
): KeeperContext {
  return {
    system,
    config,
    out,
    rpc: async (label, fn) => {
      try {
        return await fn();
      } catch (error) {
        throw toKeeperError(error, label);
      }
    },
  };
}
