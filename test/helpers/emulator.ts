import { afterEach } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/server.js";
import { PropexoClient } from "../../src/platform/propexo-client.js";
import type { Exchange, TransportOptions } from "../../src/platform/http-transport.js";
import type { Environment } from "../../src/core/workspace.js";

export const TEST_TOKEN = "pxo-test-token-7f3a9c1e5b";

const running: Emulator[] = [];

/** A real emulator on a free loopback port, stopped after the test. */
export async function emulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  const e = await startEmulator({ token: TEST_TOKEN, slowdownMs: 0, ...options });
  running.push(e);
  return e;
}

/** Every exchange any test client made, for the contract tests. */
export const exchanges: (Exchange & { env: Environment })[] = [];

export function client(e: Emulator, env: Environment = "sandbox", options: Partial<TransportOptions> = {}): PropexoClient {
  return new PropexoClient(env, {
    baseUrl: e.urls[env],
    token: TEST_TOKEN,
    minBackoffMs: 5,
    maxBackoffMs: 20,
    timeoutMs: 2000,
    onExchange: (x) => exchanges.push({ ...x, env }),
    ...options,
  });
}

/** Acting as Propexo support or a test harness through /_emulator/. */
export async function control(e: Emulator, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${e.url}/_emulator${path}`, {
    method,
    headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.json();
}

export async function raw(e: Emulator, env: Environment, method: string, path: string, body?: unknown, token = TEST_TOKEN) {
  const res = await fetch(`${e.urls[env]}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : undefined;
  exchanges.push({ env, method, path: new URL(`${e.urls[env]}${path}`).pathname.replace(/^\/(sandbox|production)/, ""), requestBody: body, status: res.status, responseBody: parsed });
  return { status: res.status, headers: res.headers, body: parsed };
}

/** Every request any emulator of this test file answered, as an exchange, for the contract tests. */
export const served: Exchange[] = [];

afterEach(async () => {
  for (const e of running.splice(0)) {
    for (const r of e.log) served.push({ method: r.method, path: r.path, requestBody: r.body, status: r.status, responseBody: r.response });
    await e.close();
  }
});
