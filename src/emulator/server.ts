import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { timingSafeEqual } from "node:crypto";
import { Ajv } from "ajv";
import { isEnvironment, type Environment } from "../core/workspace.js";
import { DEFAULT_RATE_LIMIT, SLOWDOWN_THRESHOLD, SUPPORT_MANAGED } from "../platform/propexo-api.js";
import { nextFault, noFaults, type Faults } from "./faults.js";
import { apiError, handlePropexo, jobSchedulesFor, type ApiResponse, type Validators } from "./propexo-routes.js";
import { RateLimiter, type RateDecision } from "./rate-limiter.js";
import { createBody, emptyBody, manualSyncBody, updateBody } from "./request-schemas.js";
import { Store, type SupportManaged } from "./store.js";

export interface EmulatorOptions {
  port?: number;
  host?: string;
  token: string;
  /** Persist state to this JSON file; in memory when absent. */
  dataFile?: string;
  rateLimit?: number;
  rateWindowMs?: number;
  slowdownMs?: number;
  latencyMs?: number;
}

export interface LoggedRequest {
  at: string;
  env: Environment;
  method: string;
  path: string;
  status: number;
  /** Request body with every credentials value replaced by "[redacted]". */
  body?: unknown;
  /** The response body sent (Propexo never returns credentials). */
  response?: unknown;
  /** How long the response was held back for being above 80% of the rate limit. */
  delayed_ms?: number;
}

export interface Emulator {
  url: string;
  urls: Record<Environment, string>;
  store: Store;
  faults: Faults;
  log: LoggedRequest[];
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;
const MAX_LOG = 20_000;

/** Starts the local Propexo admin API: both environments on one port, as /sandbox and /production. */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const store = await Store.open(options.dataFile);
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators: Validators = {
    create: ajv.compile(createBody),
    update: ajv.compile(updateBody),
    empty: ajv.compile(emptyBody),
    manualSync: ajv.compile(manualSyncBody),
  };
  const settings = {
    limit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
    windowMs: options.rateWindowMs ?? 60_000,
    slowdownMs: options.slowdownMs ?? 2000,
    slowdownThreshold: SLOWDOWN_THRESHOLD,
  };
  const limiters: Record<Environment, RateLimiter> = { sandbox: new RateLimiter({ ...settings }), production: new RateLimiter({ ...settings }) };
  const faults: Faults = { ...noFaults(), latency_ms: options.latencyMs ?? 0 };
  const log: LoggedRequest[] = [];
  const expected = Buffer.from(`Bearer ${options.token}`);
  const sockets = new Set<Socket>();

  const record = (entry: LoggedRequest) => {
    log.push(entry);
    if (log.length > MAX_LOG) log.splice(0, log.length - MAX_LOG);
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { error: { code: "internal", message: String(error) } } });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator");
    const method = req.method ?? "GET";
    const [, first = "", ...rest] = url.pathname.split("/");
    const authorized = authOk(req.headers.authorization);

    if (first === "_emulator") {
      if (!authorized) return send(res, apiError(401, "unauthorized", "missing or invalid bearer token"));
      const body = await readBody(req).catch(() => undefined);
      return send(res, await handleControl(method, `/${rest.join("/")}`, body));
    }
    if (!isEnvironment(first)) return send(res, apiError(404, "not_found", "use /sandbox/... or /production/..."));
    const env = first;
    const path = `/${rest.join("/")}`;
    const entry: LoggedRequest = { at: new Date().toISOString(), env, method, path, status: 0 };
    record(entry);
    if (!authorized) {
      entry.status = 401;
      return send(res, apiError(401, "unauthorized", "missing or invalid bearer token"));
    }
    const fault = nextFault(faults, method, path);
    if (fault === "drop") {
      entry.status = -1;
      req.socket.destroy();
      return;
    }
    if (faults.latency_ms > 0) await sleep(faults.latency_ms);
    const decision = fault === "rate-limit" ? limiters[env].spent() : limiters[env].take();
    if (!decision.allowed) {
      entry.status = 429;
      return send(res, apiError(429, "rate_limited", "rate limit exceeded: retry after the window resets"), decision);
    }
    if (fault === "fail") {
      entry.status = faults.error_status;
      return send(res, apiError(faults.error_status, "unavailable", "injected fault"), decision);
    }
    let body: unknown;
    try {
      body = await readBody(req);
    } catch (error) {
      if (req.destroyed || (error as NodeJS.ErrnoException).code === "ECONNRESET" || (error as Error).message === "aborted") {
        entry.status = -3; // the client went away mid-request (a killed sync, say): nothing to answer
        return;
      }
      const refusal = apiError(400, "invalid_json", (error as Error).message);
      entry.status = 400;
      entry.response = refusal.body;
      return send(res, refusal, decision);
    }
    entry.body = redact(body);
    const response = await handlePropexo({ env, method, path, query: url.searchParams, body }, store, validators);
    entry.status = response.status;
    entry.response = response.body;
    if (fault === "drop-response") {
      entry.status = -2;
      req.socket.destroy();
      return;
    }
    if (decision.delayMs > 0) {
      entry.delayed_ms = decision.delayMs;
      await sleep(decision.delayMs);
    }
    send(res, response, decision);
  }

  function authOk(header: string | undefined): boolean {
    if (!header) return false;
    const given = Buffer.from(header);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async function handleControl(method: string, path: string, body: unknown): Promise<ApiResponse> {
    let m: RegExpMatchArray | null;
    if (path === "/reset" && method === "POST") {
      await store.reset();
      Object.assign(faults, noFaults());
      log.length = 0;
      for (const l of Object.values(limiters)) l.reset();
      return { status: 200, body: { ok: true } };
    }
    if (path === "/requests" && method === "GET") return { status: 200, body: { requests: log } };
    if (path === "/requests" && method === "DELETE") {
      log.length = 0;
      return { status: 200, body: { ok: true } };
    }
    if (path === "/faults" && method === "PUT") {
      Object.assign(faults, noFaults(), body as Partial<Faults>);
      return { status: 200, body: { faults } };
    }
    if (path === "/faults" && method === "DELETE") {
      Object.assign(faults, noFaults());
      return { status: 200, body: { faults } };
    }
    if (path === "/rate-limit" && method === "PUT") {
      const b = body as { limit?: number; window_ms?: number; slowdown_ms?: number };
      for (const l of Object.values(limiters)) {
        if (b.limit !== undefined) l.settings.limit = b.limit;
        if (b.window_ms !== undefined) l.settings.windowMs = b.window_ms;
        if (b.slowdown_ms !== undefined) l.settings.slowdownMs = b.slowdown_ms;
        l.reset();
      }
      return { status: 200, body: { ok: true } };
    }
    if (path === "/state" && method === "GET") return { status: 200, body: store.state };
    if ((m = path.match(/^\/(sandbox|production)\/integrations\/([^/]+)\/support-managed$/))) {
      const env = m[1] as Environment;
      const found = store.find(env, decodeURIComponent(m[2] ?? ""));
      if (!found) return apiError(404, "not_found", "integration not found");
      if (method === "PUT") {
        const given = (body ?? {}) as Partial<SupportManaged>;
        for (const family of SUPPORT_MANAGED) if (given[family] !== undefined) (found.support as unknown as Record<string, unknown>)[family] = structuredClone(given[family]);
        found.job_schedules = jobSchedulesFor(found, new Date().toISOString());
        await store.save();
      }
      if (method === "PUT" || method === "GET") return { status: 200, body: { support_managed: found.support } };
    }
    return apiError(404, "not_found", `no emulator control route ${method} ${path}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}`;
  return {
    url,
    urls: { sandbox: `${url}/sandbox`, production: `${url}/production` },
    store,
    faults,
    log,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.flush();
    },
  };
}

function send(res: ServerResponse, response: ApiResponse, rate?: RateDecision): void {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (rate) {
    headers["x-ratelimit-limit"] = String(rate.limit);
    headers["x-ratelimit-remaining"] = String(rate.remaining);
    if (!rate.allowed) headers["retry-after"] = String(rate.resetSeconds);
  }
  res.writeHead(response.status, headers);
  res.end(JSON.stringify(response.body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new Error("request body is not valid JSON");
  }
}

function redact(body: unknown): unknown {
  if (typeof body !== "object" || body === null || !("credentials" in body)) return body;
  const credentials = (body as { credentials: unknown }).credentials;
  const masked = typeof credentials === "object" && credentials !== null ? Object.fromEntries(Object.keys(credentials).map((k) => [k, "[redacted]"])) : "[redacted]";
  return { ...body, credentials: masked };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
