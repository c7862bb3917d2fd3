import type { Environment } from "../core/workspace.js";
import { PropexoError } from "./errors.js";
import { HttpTransport, type TransportOptions } from "./http-transport.js";
import type { CreateResult, DataAccess, EnumMap, IntegrationBody, JobSchedule, Platform, RemoteIntegration, WrittenIntegration } from "./platform.js";
import { CREATE_FIELDS, MAX_PAGE_LIMIT, PATHS, UPDATE_FIELDS, type EnumMapPath } from "./propexo-api.js";

interface Page<T> {
  meta: { hasMore?: boolean | null; offset?: number; limit?: number };
  results: T[];
}

/** Propexo over HTTP for one environment. */
export class PropexoClient implements Platform {
  private readonly http: HttpTransport;

  constructor(
    readonly environment: Environment,
    options: TransportOptions,
  ) {
    this.http = new HttpTransport(options);
  }

  async listIntegrations(filter: { vendor?: string } = {}): Promise<RemoteIntegration[]> {
    const all = await this.pages<Record<string, unknown>>(PATHS.integrations, { integration_vendor: filter.vendor });
    return all.map(toRemote);
  }

  async getIntegration(id: string): Promise<RemoteIntegration | undefined> {
    const page = await this.http.request<{ results: Record<string, unknown> | null }>("GET", PATHS.integration(id)).catch(notFoundAsUndefined);
    return page?.results ? toRemote(page.results) : undefined;
  }

  async createIntegration(body: IntegrationBody & { name: string; integration_vendor: string; credentials: Record<string, unknown> }): Promise<CreateResult> {
    const payload = pick(body, CREATE_FIELDS);
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await this.http.request<{ result: Record<string, unknown> }>("POST", PATHS.integrations, { body: payload, retry: "unprocessed-only" });
        return { integration: toWritten(res.result), recovered: false };
      } catch (error) {
        if (!(error instanceof PropexoError) || !error.transient || attempt >= 3) throw error;
        // The create may have been carried out with its response lost: look before trying again.
        const existing = (await this.listIntegrations({ vendor: body.integration_vendor })).filter((i) => i.name === body.name);
        if (existing.length === 1 && existing[0]) return { integration: existing[0], recovered: true };
        if (existing.length > 1) throw error;
      }
    }
  }

  async updateIntegration(id: string, body: IntegrationBody): Promise<WrittenIntegration> {
    const res = await this.http.request<{ result: Record<string, unknown> }>("PUT", PATHS.integration(id), { body: pick(body, UPDATE_FIELDS) });
    return toWritten(res.result);
  }

  async deleteIntegration(id: string): Promise<void> {
    await this.http.request("DELETE", PATHS.integration(id), { body: {} }).catch((error: unknown) => {
      // A retried delete whose first attempt went through finds nothing: that is done, not failed.
      if (error instanceof PropexoError && error.kind === "not-found") return;
      throw error;
    });
  }

  listJobSchedules(integrationId: string): Promise<JobSchedule[]> {
    return this.pages<JobSchedule>(PATHS.jobSchedules(integrationId), {});
  }

  async getJobSchedule(integrationId: string, scheduleId: string): Promise<JobSchedule | undefined> {
    const res = await this.http.request<{ results: JobSchedule | null }>("GET", PATHS.jobSchedule(integrationId, scheduleId)).catch(notFoundAsUndefined);
    return res?.results ?? undefined;
  }

  async getEnumMap(path: EnumMapPath, vendor: string, integrationId?: string): Promise<EnumMap> {
    const res = await this.http.request<{ results: EnumMap }>("GET", PATHS.normalization(path), {
      query: { integration_vendor: vendor, integration_id: integrationId },
    });
    return res.results;
  }

  async startDataAccessCheck(integrationId: string): Promise<boolean> {
    const res = await this.http.request<{ result: { began_data_access: boolean } }>("POST", PATHS.dataAccess(integrationId), { body: {} });
    return res.result.began_data_access;
  }

  async getDataAccess(integrationId: string): Promise<DataAccess> {
    const res = await this.http.request<{ result: DataAccess }>("GET", PATHS.dataAccess(integrationId));
    return res.result;
  }

  async triggerManualSync(integrationId: string, models?: string[]): Promise<boolean> {
    const res = await this.http.request<{ result: { success: boolean } }>("POST", PATHS.manualSync(integrationId), {
      body: models ? { models_to_sync: models } : {},
      retry: "unprocessed-only",
    });
    return res.result.success;
  }

  /** Every page, at the documented maximum limit, for as long as meta.hasMore says. */
  private async pages<T>(path: string, query: Record<string, string | undefined>): Promise<T[]> {
    const out: T[] = [];
    for (let offset = 0; ; ) {
      const page = await this.http.request<Page<T>>("GET", path, { query: { ...query, offset, limit: MAX_PAGE_LIMIT } });
      if (!page || !Array.isArray(page.results)) throw new PropexoError("invalid-response", "GET", path, "expected {meta, results[]}");
      out.push(...page.results);
      if (!page.meta?.hasMore || page.results.length === 0) return out;
      offset += page.results.length;
    }
  }
}

function notFoundAsUndefined(error: unknown): undefined {
  if (error instanceof PropexoError && error.kind === "not-found") return undefined;
  throw error;
}

function pick<K extends string>(body: object, fields: readonly K[]): Record<string, unknown> {
  const source = body as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) if (source[f] !== undefined) out[f] = source[f];
  return out;
}

/** GET names it `vendor`; a PUT response names it `integration_vendor`. */
function toRemote(r: Record<string, unknown>): RemoteIntegration {
  return {
    id: String(r.id),
    name: String(r.name ?? ""),
    vendor: String(r.vendor ?? r.integration_vendor),
    active: Boolean(r.active),
    sync_frequency: (r.sync_frequency as number | null | undefined) ?? null,
    sync_cadence: (r.sync_cadence as string | null | undefined) ?? null,
    max_request_frequency: r.max_request_frequency as number,
    max_request_cadence: r.max_request_cadence as string,
    max_job_concurrency: r.max_job_concurrency as number,
    new_properties_are_enabled: Boolean(r.new_properties_are_enabled),
    is_archived: Boolean(r.is_archived),
    created_at: String(r.created_at),
    updated_at: String(r.updated_at),
  };
}

function toWritten(r: Record<string, unknown>): WrittenIntegration {
  const w: WrittenIntegration = toRemote(r);
  if (r.custom_sync_schedule) w.custom_sync_schedule = r.custom_sync_schedule as Record<string, unknown>;
  if (typeof r.use_custom_sync_schedule === "boolean") w.use_custom_sync_schedule = r.use_custom_sync_schedule;
  return w;
}
