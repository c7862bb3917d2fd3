import pRetry, { AbortError } from "p-retry";
import { PropexoError } from "./errors.js";
import { Pacer } from "./pacer.js";
import { DEFAULT_RATE_LIMIT, SLOWDOWN_THRESHOLD } from "./propexo-api.js";

export interface TransportOptions {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** Per request. */
  timeoutMs?: number;
  /** For a whole run of this transport: nothing starts or retries after it. */
  deadlineMs?: number;
  retries?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Share of the rate limit to use (default 0.8: below Propexo's slowdown threshold). */
  rateBudget?: number;
  rateWindowMs?: number;
  /** Every request as sent and answered, for logs and contract tests; credentials are in the body as given. */
  onExchange?: (exchange: Exchange) => void;
}

export interface Exchange {
  method: string;
  path: string;
  requestBody?: unknown;
  status: number;
  responseBody?: unknown;
}

export type RetryMode = "always" | "unprocessed-only";

export interface RequestSpec {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** `unprocessed-only`: retry only what Propexo cannot have carried out (429), e.g. a create. */
  retry?: RetryMode;
}

/** One HTTP connection to one Propexo environment: auth, pacing, retries, timeouts. */
export class HttpTransport {
  private readonly pacer: Pacer;
  private readonly fetch: typeof fetch;
  private readonly deadline: AbortSignal | undefined;
  private readonly base: string;

  constructor(private readonly options: TransportOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
    this.base = options.baseUrl.replace(/\/+$/, "");
    this.pacer = new Pacer({
      budget: options.rateBudget ?? SLOWDOWN_THRESHOLD,
      windowMs: options.rateWindowMs ?? 60_000,
      initialLimit: DEFAULT_RATE_LIMIT,
    });
    this.deadline = options.deadlineMs ? AbortSignal.timeout(options.deadlineMs) : undefined;
  }

  async request<T>(method: string, path: string, spec: RequestSpec = {}): Promise<T> {
    const url = new URL(this.base + path);
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const mode = spec.retry ?? "always";
    const attempt = async (): Promise<T> => {
      if (this.deadline?.aborted) throw new AbortError(new PropexoError("deadline", method, path, "the run's deadline passed"));
      await this.pacer.acquire(this.deadline).catch(() => {
        throw new AbortError(new PropexoError("deadline", method, path, "the run's deadline passed"));
      });
      const result = await this.once<T>(method, path, url, spec.body);
      return result;
    };
    try {
      return await pRetry(attempt, {
        retries: this.options.retries ?? 5,
        factor: 2,
        minTimeout: this.options.minBackoffMs ?? 250,
        maxTimeout: this.options.maxBackoffMs ?? 8000,
        randomize: true,
        ...(this.deadline ? { signal: this.deadline } : {}),
        onFailedAttempt: async ({ error }) => {
          if (error instanceof RateLimited) await sleep(error.waitMs, this.deadline);
        },
        shouldConsumeRetry: ({ error }) => !(error instanceof RateLimited),
        shouldRetry: ({ error }) => {
          const e = unwrap(error, method, path);
          if (!e.transient) return false;
          return mode === "always" || e.kind === "rate-limited";
        },
      });
    } catch (error) {
      throw unwrap(error, method, path);
    }
  }

  private async once<T>(method: string, path: string, url: URL, body: unknown): Promise<T> {
    const signals = [AbortSignal.timeout(this.options.timeoutMs ?? 30_000), ...(this.deadline ? [this.deadline] : [])];
    let response: Response;
    try {
      response = await this.fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (this.deadline?.aborted) throw new AbortError(new PropexoError("deadline", method, path, "the run's deadline passed"));
      if (name === "TimeoutError" || name === "AbortError") throw new PropexoError("timeout", method, path, `no response within ${this.options.timeoutMs ?? 30_000} ms`);
      throw new PropexoError("network", method, path, `network error: ${networkReason(error)}`);
    }
    this.pacer.observe(response.headers);
    let parsed: unknown;
    let text = "";
    try {
      text = await response.text();
      parsed = text ? JSON.parse(text) : undefined;
    } catch (error) {
      if (!response.ok) parsed = undefined;
      else if ((error as Error).name === "SyntaxError") throw new PropexoError("invalid-response", method, path, "the response is not JSON", response.status);
      else throw new PropexoError("network", method, path, `network error: ${networkReason(error)}`);
    }
    this.options.onExchange?.({ method, path, requestBody: body, status: response.status, responseBody: parsed });
    if (response.ok) return parsed as T;
    const err = (parsed as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    const message = err?.message ?? `HTTP ${response.status}`;
    if (response.status === 429) {
      const retryAfter = Number(response.headers.get("retry-after"));
      const waitMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : (this.options.rateWindowMs ?? 60_000);
      this.pacer.blockFor(waitMs);
      throw new RateLimited(new PropexoError("rate-limited", method, path, message, 429, err?.code, err?.details), waitMs);
    }
    const kind = response.status === 401 || response.status === 403 ? "auth" : response.status === 404 ? "not-found" : "http";
    const failure = new PropexoError(kind, method, path, message, response.status, err?.code, err?.details);
    if (response.status >= 500) throw failure;
    throw new AbortError(failure);
  }
}

/** A 429: retried after the window without using up a retry. */
class RateLimited extends Error {
  constructor(
    readonly failure: PropexoError,
    readonly waitMs: number,
  ) {
    super(failure.message);
  }
}

function unwrap(error: unknown, method: string, path: string): PropexoError {
  if (error instanceof RateLimited) return error.failure;
  if (error instanceof PropexoError) return error;
  const original = (error as { originalError?: unknown }).originalError;
  if (original instanceof PropexoError) return original;
  if (error instanceof Error && error.name === "TimeoutError") return new PropexoError("deadline", method, path, "the run's deadline passed");
  return new PropexoError("network", method, path, error instanceof Error ? error.message : String(error));
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? "unknown";
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(t);
      resolve();
    });
  });
}
