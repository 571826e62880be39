// A `hardhat node` started as an operator would (`npm run chain`), on 127.0.0.1 and a free port,
// in its own process group so the test can stop it (and only it) by id.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface NodeProcess {
  readonly url: string;
  /** The address the node says it listens on. */
  readonly listening: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

/** A port the OS has just handed out (released again for the node to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `npm run chain -- --port <free>`, resolved once the node prints its address. */
export async function startNode(): Promise<NodeProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "npm",
    ["run", "--silent", "chain", "--", "--port", String(port)],
    {
      cwd: process.cwd(),
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  let output = "";
  const listening = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`node did not start: ${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /JSON-RPC server at (\S+)/.exec(output);
      if (match !== null) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`node exited ${code}: ${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    listening,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.pid === undefined) return resolve();
        child.once("exit", () => resolve());
        process.kill(-child.pid, "SIGTERM"); // the group this test started: npm, sh, node
      }),
  };
}
