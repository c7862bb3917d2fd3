import { startEmulator } from "../emulator/server.js";
import { EXIT, UsageError, type CommandContext } from "./context.js";

export interface EmulatorCommandOptions {
  port: string;
  host: string;
  token?: string;
  data?: string;
  rateLimit: string;
  rateWindow: string;
  slowdown: string;
  latency: string;
}

const int = (name: string, v: string, min = 0): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`pxo emulator: ${name} must be an integer >= ${min} (got "${v}")`);
  return n;
};

/** `pxo emulator`: a local Propexo admin API until SIGINT or SIGTERM. */
export async function emulatorCommand(ctx: CommandContext, options: EmulatorCommandOptions, signals: { wait(): Promise<string> }): Promise<number> {
  const token = options.token ?? ctx.env.PXO_EMULATOR_TOKEN;
  if (!token) throw new UsageError("pxo emulator: give --token <token> (or PXO_EMULATOR_TOKEN): the bearer token clients must send");
  const emulator = await startEmulator({
    port: int("--port", options.port),
    host: options.host,
    token,
    ...(options.data ? { dataFile: options.data } : {}),
    rateLimit: int("--rate-limit", options.rateLimit, 1),
    rateWindowMs: int("--rate-window", options.rateWindow, 1),
    slowdownMs: int("--slowdown", options.slowdown),
    latencyMs: int("--latency", options.latency),
  });
  ctx.stdout.write(
    [
      `Propexo emulator listening on ${emulator.url}`,
      `PROPEXO_SANDBOX_URL=${emulator.urls.sandbox}`,
      `PROPEXO_PRODUCTION_URL=${emulator.urls.production}`,
      `control: ${emulator.url}/_emulator/ (faults, requests, support-managed, reset)`,
      "",
    ].join("\n"),
  );
  const signal = await signals.wait();
  await emulator.close();
  ctx.stdout.write(`stopped (${signal})\n`);
  return EXIT.ok;
}
