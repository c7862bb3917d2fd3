import type { ValidateFunction } from "ajv";
import type { Environment } from "../core/workspace.js";
import { ENUM_MAP_VALUES, INTEGRATION_FIELDS } from "../platform/propexo-api.js";
import { emptySupport, newId, type StoredIntegration, type StoredJobSchedule, type Store } from "./store.js";
import { toZodIssues } from "./zod-issues.js";

export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface Validators {
  create: ValidateFunction;
  update: ValidateFunction;
  empty: ValidateFunction;
  manualSync: ValidateFunction;
}

export interface ApiRequest {
  env: Environment;
  method: string;
  /** Path below the environment prefix, e.g. /v1/admin/integrations/. */
  path: string;
  query: URLSearchParams;
  body: unknown;
}

const ok = (body: unknown): ApiResponse => ({ status: 200, body });
export const apiError = (status: number, code: string, message: string, details?: unknown): ApiResponse => ({
  status,
  body: { error: details === undefined ? { code, message } : { code, message, details } },
});

const invalid = (validate: ValidateFunction, body: unknown): ApiResponse | undefined => {
  if (validate(body)) return undefined;
  return apiError(400, "invalid_request", "invalid request", { issues: toZodIssues(validate.errors ?? [], body), name: "ZodError" });
};

/** Propexo's admin API over the store: one function per documented route. */
export async function handlePropexo(req: ApiRequest, store: Store, v: Validators): Promise<ApiResponse> {
  const { method, path } = req;
  let m: RegExpMatchArray | null;
  if (path === "/v1/admin/integrations/" || path === "/v1/admin/integrations") {
    if (method === "GET") return listIntegrations(req, store);
    if (method === "POST") return createIntegration(req, store, v);
  } else if ((m = path.match(/^\/v1\/admin\/integrations\/([^/]+)\/?$/))) {
    const id = decodeURIComponent(m[1] ?? "");
    if (method === "GET") return ok({ meta: meta(0, 100, false, 1), results: maybe(store.find(req.env, id), (i) => detailView(i, req.env)) ?? null });
    if (method === "PUT") return updateIntegration(req, id, store, v);
    if (method === "DELETE") return deleteIntegration(req, id, store, v);
  } else if ((m = path.match(/^\/v1\/admin\/integrations\/([^/]+)\/job-schedules\/?$/)) && method === "GET") {
    const found = store.find(req.env, decodeURIComponent(m[1] ?? ""));
    if (!found) return notFound();
    return paginate(req.query, found.job_schedules, (s) => s);
  } else if ((m = path.match(/^\/v1\/admin\/integrations\/([^/]+)\/job-schedules\/([^/]+)\/?$/)) && method === "GET") {
    const found = store.find(req.env, decodeURIComponent(m[1] ?? ""));
    const schedule = found?.job_schedules.find((s) => s.id === decodeURIComponent(m?.[2] ?? ""));
    if (!schedule) return notFound();
    return ok({ meta: meta(0, 100, false, 1), results: schedule });
  } else if ((m = path.match(/^\/v1\/admin\/normalization\/([^/]+)\/([^/]+)\/?$/)) && method === "GET") {
    return normalization(req, `${m[1]}/${m[2]}`, store);
  } else if ((m = path.match(/^\/v1\/admin\/integrations\/([^/]+)\/data-access\/?$/))) {
    const found = store.find(req.env, decodeURIComponent(m[1] ?? ""));
    if (!found) return notFound();
    if (method === "POST") {
      const bad = invalid(v.empty, req.body ?? {});
      if (bad) return bad;
      found.last_data_access_check = new Date().toISOString();
      await store.save();
      return ok({ result: { began_data_access: true } });
    }
    if (method === "GET") {
      const status = { status: "SUCCESS", error_message: null };
      return ok({
        result: {
          models: { properties: { read: status }, locations: { read: status } },
          last_data_access_check: found.last_data_access_check,
          data_access_check_in_process: false,
        },
      });
    }
  } else if ((m = path.match(/^\/v1\/admin\/integrations\/([^/]+)\/manual-sync\/?$/)) && method === "POST") {
    const found = store.find(req.env, decodeURIComponent(m[1] ?? ""));
    if (!found) return notFound();
    const bad = invalid(v.manualSync, req.body ?? {});
    if (bad) return bad;
    if (found.is_running_sync) return apiError(400, "sync_in_progress", "a sync is already running for this integration");
    return ok({ result: { success: true } });
  }
  return apiError(404, "not_found", `no route for ${method} ${path}`);
}

const notFound = () => apiError(404, "not_found", "integration not found");
const maybe = <T, R>(v: T | undefined, f: (v: T) => R): R | undefined => (v === undefined ? undefined : f(v));

function meta(offset: number, limit: number, hasMore: boolean, total: number, orderBy = [{ field: "created_at", direction: "desc" }]) {
  return { offset, limit, orderBy, hasMore, total };
}

function paginate<T>(query: URLSearchParams, items: readonly T[], view: (t: T) => unknown): ApiResponse {
  const offset = query.has("offset") ? Number(query.get("offset")) : 0;
  const limit = query.has("limit") ? Number(query.get("limit")) : 100;
  if (!Number.isInteger(offset) || offset < 0) return apiError(400, "invalid_request", "offset must be an integer >= 0");
  if (!Number.isInteger(limit) || limit < 1 || limit > 250) return apiError(400, "invalid_request", "limit must be an integer from 1 to 250");
  const page = items.slice(offset, offset + limit);
  return ok({ meta: meta(offset, limit, offset + page.length < items.length, items.length), results: page.map(view) });
}

function listIntegrations(req: ApiRequest, store: Store): ApiResponse {
  const vendor = req.query.get("integration_vendor");
  const archived = req.query.get("is_archived");
  let items = store.integrations(req.env).filter((i) => (archived === "true" ? true : !i.is_archived));
  if (vendor) items = items.filter((i) => i.vendor === vendor);
  const [field = "created_at", direction = "desc"] = (req.query.get("order-by") ?? "created_at:desc").split(":");
  if (!["created_at", "updated_at", "name", "id"].includes(field)) return apiError(400, "invalid_request", `cannot order by ${field}`);
  const sign = direction === "asc" ? 1 : -1;
  items = [...items].sort((a, b) => sign * (String(a[field as keyof StoredIntegration]).localeCompare(String(b[field as keyof StoredIntegration])) || a.id.localeCompare(b.id)));
  const page = paginate(req.query, items, (i) => listView(i, req.env));
  if (page.status === 200) (page.body as { meta: { orderBy: unknown } }).meta.orderBy = [{ field, direction }];
  return page;
}

async function createIntegration(req: ApiRequest, store: Store, v: Validators): Promise<ApiResponse> {
  const bad = invalid(v.create, req.body);
  if (bad) return bad;
  const body = req.body as Record<string, unknown>;
  const now = new Date().toISOString();
  const vendor = String(body.integration_vendor);
  let support = emptySupport();
  const baseId = body.based_on_integration_id as string | undefined;
  if (baseId !== undefined) {
    const base = store.find(req.env, baseId);
    if (!base || base.is_archived) return apiError(400, "invalid_request", `based_on_integration_id ${baseId} does not exist`);
    if (base.vendor !== vendor) {
      return apiError(400, "invalid_request", `cannot clone a ${base.vendor} integration as ${vendor}: cloning needs the same integration vendor`);
    }
    support = structuredClone(base.support);
  }
  const integration: StoredIntegration = {
    id: newId(),
    created_at: now,
    updated_at: now,
    name: String(body.name),
    vendor,
    active: (body.active as boolean | undefined) ?? false,
    sync_frequency: (body.sync_frequency as number | undefined) ?? 12,
    sync_cadence: (body.sync_cadence as string | undefined) ?? "HOUR",
    max_request_frequency: (body.max_request_frequency as number | undefined) ?? 1,
    max_request_cadence: (body.max_request_cadence as string | undefined) ?? "SECOND",
    max_job_concurrency: (body.max_job_concurrency as number | undefined) ?? 1,
    new_properties_are_enabled: (body.new_properties_are_enabled as boolean | undefined) ?? true,
    use_custom_sync_schedule: (body.use_custom_sync_schedule as boolean | undefined) ?? false,
    is_archived: false,
    customer_id: newId(),
    credential_fields: Object.keys(body.credentials as object).sort(),
    support,
    job_schedules: [],
    last_data_access_check: null,
    is_running_sync: false,
  };
  if (body.custom_sync_schedule) integration.custom_sync_schedule = body.custom_sync_schedule as Record<string, unknown>;
  if (baseId) integration.based_on_integration_id = baseId;
  integration.job_schedules = jobSchedulesFor(integration, now);
  store.integrations(req.env).push(integration);
  await store.save();
  return ok({ result: { ...writeView(integration, req.env), vendor, customer_id: integration.customer_id, ping_results: {} } });
}

async function updateIntegration(req: ApiRequest, id: string, store: Store, v: Validators): Promise<ApiResponse> {
  const bad = invalid(v.update, req.body);
  if (bad) return bad;
  const found = store.find(req.env, id);
  if (!found || found.is_archived) return notFound();
  const body = req.body as Record<string, unknown>;
  if (body.integration_vendor !== undefined && body.integration_vendor !== found.vendor) {
    return apiError(400, "invalid_request", "integration_vendor cannot be changed");
  }
  const fields = [...INTEGRATION_FIELDS, "use_custom_sync_schedule", "custom_sync_schedule"] as const;
  const target = found as unknown as Record<string, unknown>;
  for (const f of fields) if (body[f] !== undefined) target[f] = body[f];
  if (body.credentials) found.credential_fields = Object.keys(body.credentials as object).sort();
  found.updated_at = new Date().toISOString();
  await store.save();
  return ok({ result: { ...writeView(found, req.env), integration_vendor: found.vendor } });
}

async function deleteIntegration(req: ApiRequest, id: string, store: Store, v: Validators): Promise<ApiResponse> {
  const bad = invalid(v.empty, req.body ?? {});
  if (bad) return bad;
  const found = store.find(req.env, id);
  if (!found || found.is_archived) return notFound();
  found.is_archived = true;
  found.active = false;
  found.updated_at = new Date().toISOString();
  await store.save();
  return ok({ success: true });
}

function normalization(req: ApiRequest, pair: string, store: Store): ApiResponse {
  if (!(pair in ENUM_MAP_VALUES)) return apiError(400, "invalid_request", `unknown normalization path ${pair}`);
  const vendor = req.query.get("integration_vendor");
  if (!vendor) return apiError(400, "invalid_request", "integration_vendor is required");
  const id = req.query.get("integration_id");
  const custom = id ? store.find(req.env, id)?.support.custom_enum_maps[pair] : undefined;
  if (custom) return ok({ results: { is_custom_mapping: true, mappings: custom.mappings, default_value: custom.default_value ?? "OTHER" } });
  return ok({ results: { is_custom_mapping: false, mappings: {}, default_value: "OTHER" } });
}

/** Job-schedule rows follow the support-managed job_schedules family (Propexo support's side of it). */
export function jobSchedulesFor(i: StoredIntegration, now: string): StoredJobSchedule[] {
  return Object.entries(i.support.job_schedules).map(([job_type, s]) => {
    const existing = i.job_schedules.find((j) => j.job_type === job_type);
    return {
      id: existing?.id ?? newId(),
      integration_id: i.id,
      created_at: existing?.created_at ?? now,
      updated_at: now,
      job_type,
      status: s.status === "INACTIVE" ? "INACTIVE" : "ACTIVE",
      last_run: existing?.last_run ?? null,
      sync_frequency: s.sync_frequency,
      sync_cadence: s.sync_cadence,
      parameters: {},
    };
  });
}

const system = (env: Environment) => (env === "sandbox" ? "SANDBOX" : "PRODUCTION");

function common(i: StoredIntegration, env: Environment) {
  return {
    id: i.id,
    created_at: i.created_at,
    updated_at: i.updated_at,
    name: i.name,
    active: i.active,
    system: system(env),
    sync_frequency: i.sync_frequency,
    sync_cadence: i.sync_cadence,
    max_request_frequency: i.max_request_frequency,
    max_request_cadence: i.max_request_cadence,
    max_job_concurrency: i.max_job_concurrency,
    base_url: null,
    is_archived: i.is_archived,
    new_properties_are_enabled: i.new_properties_are_enabled,
    allow_manual_syncs: true,
  };
}

/** POST and PUT responses: the only place the custom schedule is returned. */
function writeView(i: StoredIntegration, env: Environment) {
  return {
    ...common(i, env),
    ...(i.custom_sync_schedule ? { custom_sync_schedule: i.custom_sync_schedule } : {}),
    use_custom_sync_schedule: i.use_custom_sync_schedule,
  };
}

/** GET shapes: no custom schedule, no credentials. */
function listView(i: StoredIntegration, env: Environment) {
  return {
    ...common(i, env),
    vendor: i.vendor,
    last_completed_sync: null,
    last_completed_back_sync: null,
    integration_interfaces: [],
    models: { properties: { enabled: true, from_interfaces: [] }, locations: { enabled: true, from_interfaces: [] } },
    can_authenticate: i.credential_fields.length > 0,
    last_data_access_check: i.last_data_access_check,
    configuration_meta_data: [],
  };
}

function detailView(i: StoredIntegration, env: Environment) {
  return { ...listView(i, env), is_running_sync: i.is_running_sync, is_running_data_access_check: false };
}

