// An HTTP proxy in front of a JSON-RPC node that fails on purpose, to exercise the keeper's
// retries: it answers 503 without forwarding (the node never saw the call), or forwards and
// then answers 503 (the node acted, the caller cannot know).
import { createServer, type Server } from "node:http";

export interface FlakyProxy {
  readonly url: string;
  /** Requests seen, by JSON-RPC method. */
  readonly seen: Map<string, number>;
  /** Failures injected, by kind. */
  readonly injected: { refused: number; droppedAfterForward: number };
  close(): Promise<void>;
}

export interface FlakyRules {
  /** Share of requests answered 503 without forwarding, drawn from a seeded sequence (1: all). */
  readonly failRate: number;
  /** Forward, then answer 503, for the first n eth_sendTransaction calls. */
  readonly dropSends: number;
  /** Accept every request and never answer (a frozen node: process stopped, socket open). */
  readonly frozen?: boolean;
}

export async function flakyProxy(upstream: string, rules: FlakyRules): Promise<FlakyProxy> {
  const seen = new Map<string, number>();
  const injected = { refused: 0, droppedAfterForward: 0 };
  let sendsDropped = 0;
  // A fixed pseudo-random sequence (LCG), so a run fails the same calls every time without
  // locking into a period that always hits the same call of a repeated sequence.
  let seed = 0x2545f491;
  const draw = () => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 4_294_967_296;
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString();
        let method = "?";
        try {
          method = (JSON.parse(body) as { method?: string }).method ?? "?";
        } catch {
          // a batch or garbage: forward as is
        }
        seen.set(method, (seen.get(method) ?? 0) + 1);
        if (rules.frozen === true) return; // hold the socket open, say nothing
        if (rules.failRate >= 1 || draw() < rules.failRate) {
          ++injected.refused;
          res.writeHead(503, { "content-type": "text/plain" }).end("Service Unavailable");
          return;
        }
        const upstreamResponse = await fetch(upstream, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        const text = await upstreamResponse.text();
        if (method === "eth_sendTransaction" && sendsDropped < rules.dropSends) {
          ++sendsDropped;
          ++injected.droppedAfterForward;
          res.writeHead(503, { "content-type": "text/plain" }).end("Service Unavailable");
          return;
        }
        res.writeHead(upstreamResponse.status, { "content-type": "application/json" }).end(text);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    seen,
    injected,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
