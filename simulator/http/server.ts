/**
 * The listeners: one per box on its own loopback address (same port), plus a control listener
 * that never goes down. A box taken down `unreachable` closes its listener and its open
 * connections, so clients see ECONNREFUSED exactly like a powered-off NAS.
 */
import {
  createServer as createHttp,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { createServer as createHttps } from "node:https";
import type { Certificate } from "./tls";

export type RequestHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export class Listener {
  private server: Server | null = null;

  constructor(
    readonly ip: string,
    private readonly handler: RequestHandler,
    private readonly cert: Certificate | null,
  ) {}

  get listening(): boolean {
    return this.server !== null;
  }

  /** Resolves with the bound port. */
  open(port: number): Promise<number> {
    const onRequest = (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.handler(req, res, Buffer.concat(chunks).toString("utf8")));
    };
    const server =
      this.cert === null
        ? createHttp({ keepAliveTimeout: 5000 }, onRequest)
        : createHttps({ key: this.cert.keyPem, cert: this.cert.certPem, keepAliveTimeout: 5000 }, onRequest);
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, this.ip, () => {
        server.off("error", reject);
        this.server = server;
        const addr = server.address();
        resolve(typeof addr === "object" && addr !== null ? addr.port : port);
      });
    });
  }

  close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
