import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { Environment } from "../core/workspace.js";
import type { SupportFamily } from "../platform/capabilities.js";
import { endpointFor } from "../platform/environments.js";
import type { Platform } from "../platform/platform.js";
import { RuntimeFailure, type CommandContext } from "./context.js";

/** No run talks to Propexo for longer than this: a stuck run ends with every unfinished item failed. */
const RUN_DEADLINE_MS = 60 * 60_000;

export interface Connection {
  platforms: Partial<Record<Environment, Platform>>;
  /** Environments with no token: planned offline. */
  offline: Environment[];
  /** With --emulator: Propexo support's part, acted by the emulator. */
  support?: (env: Environment, id: string, families: Partial<Record<SupportFamily, unknown>>) => Promise<void>;
  label: string;
  close(): Promise<void>;
}

export interface ConnectOptions {
  emulator: boolean;
  /** Plan offline where a token is missing, instead of failing. */
  allowOffline: boolean;
  concurrencyHint?: number;
}

/** Propexo clients for each environment: the real API from PROPEXO_* variables, or an in-process emulator under .pxo/. */
export async function connect(ctx: CommandContext, envs: readonly Environment[], options: ConnectOptions): Promise<Connection> {
  const { PropexoClient } = await import("../platform/propexo-client.js");
  if (options.emulator) {
    const { startEmulator } = await import("../emulator/server.js");
    const dir = path.join(ctx.root, ".pxo");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, ".gitignore"), "*\n");
    const token = randomBytes(16).toString("hex");
    await mkdir(path.join(dir, "emulator"), { recursive: true });
    const emulator = await startEmulator({ token, dataFile: path.join(dir, "emulator", "state.json") });
    const platforms: Partial<Record<Environment, Platform>> = {};
    for (const env of envs) platforms[env] = new PropexoClient(env, { baseUrl: emulator.urls[env], token, deadlineMs: RUN_DEADLINE_MS });
    return {
      platforms,
      offline: [],
      label: `the built-in emulator (${emulator.url}; state and lock files under .pxo/emulator/)`,
      async support(env, id, families) {
        const res = await fetch(`${emulator.url}/_emulator/${env}/integrations/${encodeURIComponent(id)}/support-managed`, {
          method: "PUT",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify(families),
        });
        if (!res.ok) throw new Error(`emulator support call failed: ${res.status}`);
      },
      close: () => emulator.close(),
    };
  }
  const platforms: Partial<Record<Environment, Platform>> = {};
  const offline: Environment[] = [];
  const urls: string[] = [];
  for (const env of envs) {
    const endpoint = endpointFor(env, ctx.env);
    if ("missing" in endpoint) {
      if (!options.allowOffline) throw new RuntimeFailure(`pxo: ${endpoint.missing} is not set: it is the Propexo ${env} token (or use --emulator)`);
      offline.push(env);
      continue;
    }
    platforms[env] = new PropexoClient(env, { baseUrl: endpoint.url, token: endpoint.token, deadlineMs: RUN_DEADLINE_MS });
    urls.push(`${env}: ${endpoint.url}`);
  }
  return { platforms, offline, label: urls.join(", ") || "no Propexo connection (offline)", close: async () => undefined };
}
