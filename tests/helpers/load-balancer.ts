import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small round-robin HTTP load balancer on loopback, in front of the app's replicas. A request
 * may name a replica to avoid (`x-lb-avoid: PORT`, so a retry lands on the other one); the
 * response says which replica served it (`x-lb-backend`). A replica that cannot be reached
 * answers 502, as a real balancer would; `remove` takes a replica out (a failed health check).
 */
export class LoadBalancer {
  private server: Server | undefined;
  private next = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });
  port = 0;

  constructor(private backends: number[]) {}

  remove(backend: number) {
    this.backends = this.backends.filter((b) => b !== backend);
  }

  async start(): Promise<number> {
    this.server = createServer((req, res) => {
      const avoid = Number(req.headers["x-lb-avoid"] ?? 0);
      const choices = this.backends.filter((b) => b !== avoid);
      const backend = choices[this.next++ % Math.max(1, choices.length)];
      if (backend === undefined) {
        res.writeHead(503).end("no backend");
        return;
      }
      const headers = { ...req.headers };
      delete headers["x-lb-avoid"];
      const upstream = request(
        { host: "127.0.0.1", port: backend, method: req.method, path: req.url, headers, agent: this.agent },
        (up) => {
          res.writeHead(up.statusCode ?? 502, { ...up.headers, "x-lb-backend": String(backend) });
          up.pipe(res);
        },
      );
      upstream.on("error", () => {
        if (!res.headersSent) res.writeHead(502, { "x-lb-backend": String(backend) }).end("bad gateway");
        else res.destroy();
      });
      req.pipe(upstream);
    });
    await new Promise<void>((r) => this.server?.listen(0, "127.0.0.1", r));
    this.port = (this.server?.address() as AddressInfo).port;
    return this.port;
  }

  async close(): Promise<void> {
    this.agent.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}
