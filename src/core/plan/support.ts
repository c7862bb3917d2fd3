import { SUPPORT_MANAGED, readVia, type SupportFamily } from "../../platform/capabilities.js";
import { hashOf, sameValue } from "../../platform/payload.js";
import type { EnumMap, JobSchedule } from "../../platform/platform.js";
import type { LockEntry } from "../../generated/lock.js";
import type { Environment } from "../workspace.js";
import type { SupportNote } from "./model.js";

/** What Propexo returned for the two readable families, when the plan was asked to check them. */
export interface SupportReads {
  job_schedules?: JobSchedule[];
  custom_enum_maps?: Partial<Record<string, EnumMap>>;
}

export interface SupportContext {
  env: Environment;
  name: string;
  vendor: string;
  id?: string;
  values: Record<string, unknown>;
  /** The base's effective values, for a create: Propexo copies the base's families to the clone. */
  baseValues?: Record<string, unknown>;
  lock?: LockEntry;
  reads?: SupportReads;
}

export function familyHashes(values: Record<string, unknown>): Record<SupportFamily, string> {
  return Object.fromEntries(SUPPORT_MANAGED.map((f) => [f, hashOf(values[f] ?? {})])) as Record<SupportFamily, string>;
}

/** Support-managed differences for one item: read back where Propexo allows it, else from the lock's record. */
export function supportNotes(ctx: SupportContext): SupportNote[] {
  const notes: SupportNote[] = [];
  const hashes = familyHashes(ctx.values);
  for (const family of SUPPORT_MANAGED) {
    const value = ctx.values[family];
    const hash = hashes[family];
    const request = requestText(ctx, family, value);
    const drift = readDrift(ctx, family);
    if (drift !== undefined) {
      if (drift) notes.push({ family, kind: "drift", detail: drift, request, hash });
      continue;
    }
    if (ctx.id === undefined) {
      // A create: a clone gets its base's families from Propexo; anything else needs support.
      if (ctx.baseValues && sameValue(ctx.baseValues[family] ?? {}, value ?? {})) continue;
      if (value === undefined || sameValue(value, {})) continue;
      notes.push({ family, kind: "request", detail: ctx.baseValues ? "differs from the base's, which Propexo copies" : "set in the file", request, hash });
      continue;
    }
    const recorded = ctx.lock?.support_requests?.[family];
    if (recorded?.hash === hash) {
      if (!recorded.applied) notes.push({ family, kind: "pending", detail: `requested ${recorded.at}`, request, hash });
      continue;
    }
    if (!recorded && (value === undefined || sameValue(value, {}))) continue;
    notes.push({ family, kind: "request", detail: recorded ? "changed in the file since last requested" : "set in the file; not known to be on Propexo", request, hash });
  }
  return notes;
}

/** undefined: not read; "": read and equal; text: how Propexo differs. */
function readDrift(ctx: SupportContext, family: SupportFamily): string | undefined {
  const via = readVia(family);
  if (via === "job-schedules" && ctx.reads?.job_schedules) {
    const want = (ctx.values[family] ?? {}) as Record<string, { sync_frequency: number; sync_cadence: string; status?: string }>;
    const have = Object.fromEntries(ctx.reads.job_schedules.map((s) => [s.job_type, s]));
    const diffs: string[] = [];
    for (const [job, w] of Object.entries(want)) {
      const h = have[job];
      if (!h) diffs.push(`${job} missing on Propexo`);
      else if (h.sync_frequency !== w.sync_frequency || h.sync_cadence !== w.sync_cadence || h.status !== (w.status ?? "ACTIVE")) {
        diffs.push(`${job}: Propexo ${h.sync_frequency} ${h.sync_cadence} ${h.status}, file ${w.sync_frequency} ${w.sync_cadence} ${w.status ?? "ACTIVE"}`);
      }
    }
    return diffs.join("; ");
  }
  if (via === "normalization" && ctx.reads?.custom_enum_maps) {
    const want = (ctx.values[family] ?? {}) as Record<string, { mappings: Record<string, string>; default_value?: string }>;
    const diffs: string[] = [];
    for (const [path, w] of Object.entries(want)) {
      const h = ctx.reads.custom_enum_maps[path];
      if (!h || !h.is_custom_mapping) diffs.push(`${path}: no custom mapping on Propexo`);
      else if (!sameValue(h.mappings, w.mappings) || (w.default_value !== undefined && h.default_value !== w.default_value)) diffs.push(`${path}: mappings differ`);
    }
    return diffs.join("; ");
  }
  return undefined;
}

function requestText(ctx: SupportContext, family: SupportFamily, value: unknown): string {
  const who = ctx.id ? `integration ${ctx.id} ("${ctx.name}", ${ctx.vendor}, ${ctx.env})` : `the new integration "${ctx.name}" (${ctx.vendor}, ${ctx.env}) once created`;
  return `Please set the ${family.replaceAll("_", " ")} of ${who} to: ${JSON.stringify(value ?? {})}`;
}
