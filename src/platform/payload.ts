import { createHash } from "node:crypto";
import { API_DEFAULTS, INTEGRATION_FIELDS, type IntegrationField } from "./capabilities.js";
import type { IntegrationBody, RemoteIntegration } from "./platform.js";

/** The integration fields a file wants, with Propexo's defaults for what it leaves out. */
export function desiredFields(values: Record<string, unknown>): Record<IntegrationField, unknown> {
  const out = {} as Record<IntegrationField, unknown>;
  for (const f of INTEGRATION_FIELDS) out[f] = values[f] ?? API_DEFAULTS[f];
  return out;
}

export interface ScheduleFields {
  custom_sync_schedule?: Record<string, unknown>;
  use_custom_sync_schedule: boolean;
}

export function desiredSchedule(values: Record<string, unknown>): ScheduleFields {
  const out: ScheduleFields = { use_custom_sync_schedule: (values.use_custom_sync_schedule as boolean | undefined) ?? false };
  if (values.custom_sync_schedule) out.custom_sync_schedule = values.custom_sync_schedule as Record<string, unknown>;
  return out;
}

/** Field-level differences between what a file wants and what Propexo returns. */
export function fieldDifferences(desired: Record<IntegrationField, unknown>, remote: RemoteIntegration): { field: IntegrationField; before: unknown; after: unknown }[] {
  const diffs: { field: IntegrationField; before: unknown; after: unknown }[] = [];
  for (const field of INTEGRATION_FIELDS) {
    const before = remote[field];
    // Propexo deprecated the integration-level schedule on read and may return null: nothing to compare.
    if (before === null && (field === "sync_frequency" || field === "sync_cadence")) continue;
    if (!sameValue(before, desired[field])) diffs.push({ field, before, after: desired[field] });
  }
  return diffs;
}

export function createBody(
  values: Record<string, unknown>,
  credentials: Record<string, unknown>,
  baseId: string | undefined,
): IntegrationBody & { name: string; integration_vendor: string; credentials: Record<string, unknown> } {
  const body: IntegrationBody & { name: string; integration_vendor: string; credentials: Record<string, unknown> } = {
    name: String(values.name),
    integration_vendor: String(values.integration_vendor),
    credentials,
  };
  for (const f of INTEGRATION_FIELDS) if (f !== "name" && values[f] !== undefined) Object.assign(body, { [f]: values[f] });
  const schedule = desiredSchedule(values);
  if (schedule.custom_sync_schedule) body.custom_sync_schedule = schedule.custom_sync_schedule;
  if (values.use_custom_sync_schedule !== undefined) body.use_custom_sync_schedule = schedule.use_custom_sync_schedule;
  if (baseId) body.based_on_integration_id = baseId;
  return body;
}

/** Stable JSON (sorted keys) so that hashes do not depend on key order in a file. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export const hashOf = (value: unknown): string => `sha256:${createHash("sha256").update(canonicalJson(value)).digest("hex")}`;

export const sameValue = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

export interface ResolvedCredentials {
  credentials?: Record<string, unknown>;
  missing: string[];
  /** Every resolved value, for masking in CI logs. */
  values: string[];
}

/**
 * Replaces each `{ secret: NAME }` with the value of NAME from the given variables. Returns the names that
 * are missing instead of failing half-way, so one message can list them all.
 */
export function resolveCredentials(block: Record<string, unknown>, lookup: (name: string) => string | undefined): ResolvedCredentials {
  const missing: string[] = [];
  const values: string[] = [];
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const keys = Object.keys(v);
      const name = (v as { secret?: unknown }).secret;
      if (keys.length === 1 && typeof name === "string") {
        const value = lookup(name);
        if (value === undefined || value === "") missing.push(name);
        else values.push(value);
        return value;
      }
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  const credentials = walk(block) as Record<string, unknown>;
  return missing.length ? { missing: [...new Set(missing)], values: [] } : { credentials, missing, values };
}

/** Secrets from the environment, then from the JSON object in PXO_SECRETS (a workflow's toJSON(secrets)). */
export function secretLookup(env: Readonly<Record<string, string | undefined>>): (name: string) => string | undefined {
  let bundle: Record<string, unknown> = {};
  if (env.PXO_SECRETS) {
    try {
      bundle = JSON.parse(env.PXO_SECRETS) as Record<string, unknown>;
    } catch {
      bundle = {};
    }
  }
  return (name) => {
    const direct = env[name];
    if (direct !== undefined && direct !== "") return direct;
    const fromBundle = bundle[name];
    return typeof fromBundle === "string" ? fromBundle : undefined;
  };
}
