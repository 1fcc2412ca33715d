/**
 * A provider process ends when its engine is gone (ADR 026). The engine ends its plugins with
 * SIGINT at the end of a command (shutdown.ts), but an engine that dies without cleanup — SIGKILL,
 * the OOM killer, a cancelled CI job — leaves the dynamic provider serving on: its gRPC server
 * keeps Node's loop alive for ever, and a create it was running goes on writing to the NAS while
 * the user's recovery `pulumi up` starts beside it. So the process probes its engine's address
 * (the dynamic provider's one argument) once a second; when the engine refuses twice in a row, the
 * process logs out and exits, as the crash of the whole command would have ended it.
 */
import * as net from "node:net";

export const ENGINE_PROBE_MS = 1000;
/** One refusal on loopback already means nobody listens; the second rules out a probe's bad luck. */
export const REFUSALS_TO_STOP = 2;
const PROBE_TIMEOUT_MS = 500;

export interface EngineAddress {
  host: string;
  port: number;
}

/** What a probe learnt: only a refused connection says the engine is gone; doubt keeps it alive. */
export type EngineProbe = (address: EngineAddress) => Promise<"alive" | "gone" | "unknown">;

/**
 * The engine's address when this process is a dynamic provider (`node …/cmd/dynamic-provider/…
 * <host:port>`, started by the engine); undefined in a program or a test, which have no engine to
 * outlive.
 */
export function engineAddress(argv: readonly string[]): EngineAddress | undefined {
  if (!/[/\\]cmd[/\\]dynamic-provider([/\\]index\.js)?$/.test(argv[1] ?? "")) return undefined;
  const m = /^([\w.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(argv[2] ?? "");
  if (m === null) return undefined;
  return { host: m[1].replace(/^\[|\]$/g, ""), port: Number(m[2]) };
}

/** A TCP connection to the engine's gRPC port, closed as soon as it is made. */
export const probeTcp: EngineProbe = (address) =>
  new Promise((resolve) => {
    const socket = net.connect({ host: address.host, port: address.port });
    const done = (result: "alive" | "gone" | "unknown") => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done("unknown"));
    socket.once("connect", () => done("alive"));
    socket.once("error", (e: NodeJS.ErrnoException) => done(e.code === "ECONNREFUSED" ? "gone" : "unknown"));
  });

export interface EngineWatch {
  address: EngineAddress;
  /** Called once, when the engine has refused REFUSALS_TO_STOP probes in a row. */
  onGone: () => void;
  probe?: EngineProbe;
  everyMs?: number;
}

/** Probes until the engine is gone, then calls `onGone` once. Returns a function that stops the watch. */
export function watchEngine(watch: EngineWatch): () => void {
  const probe = watch.probe ?? probeTcp;
  let refusals = 0;
  let probing = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (probing || stopped) return;
    probing = true;
    void probe(watch.address)
      .then((result) => {
        refusals = result === "gone" ? refusals + 1 : 0;
        if (refusals >= REFUSALS_TO_STOP && !stopped) {
          stop();
          watch.onGone();
        }
      })
      .finally(() => (probing = false));
  }, watch.everyMs ?? ENGINE_PROBE_MS);
  // The watch alone never keeps a process alive: the provider's gRPC server does that.
  timer.unref();
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  return stop;
}
