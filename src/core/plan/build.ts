import type { Lock, LockEntry } from "../../generated/lock.js";
import { INTEGRATION_FIELDS } from "../../platform/capabilities.js";
import { createBody, desiredFields, desiredSchedule, fieldDifferences, hashOf } from "../../platform/payload.js";
import type { IntegrationBody, RemoteIntegration } from "../../platform/platform.js";
import { effectiveId, type Effective } from "../resolve/effective.js";
import type { ValidationResult } from "../validate/validate.js";
import type { Environment } from "../workspace.js";
import type { EnvironmentSummary, FieldChange, LockIntent, Plan, PlanItem } from "./model.js";
import { familyHashes, supportNotes, type SupportReads } from "./support.js";

export interface PlanInput {
  validation: ValidationResult;
  environments: Environment[];
  locks: Record<Environment, Lock>;
  /** Propexo's list per environment; an environment without one is planned offline. */
  remote: Partial<Record<Environment, RemoteIntegration[]>>;
  /** Read-back support-managed families by `env/key` (with --check-support-managed). */
  supportReads?: Map<string, SupportReads>;
  /** `env/key`s to plan (from --changed-since), already closed over clones; all when absent. */
  scope?: Set<string>;
  changedSince?: string;
  rotateCredentials?: ReadonlySet<string>;
  now: string;
}

/** Desired (files) against actual (Propexo and the lock): a Plan value that sync executes as is. */
export function buildPlan(input: PlanInput): Plan {
  const items: PlanItem[] = [];
  const environments: EnvironmentSummary[] = [];
  const inScope = (env: Environment, key: string) => !input.scope || input.scope.has(effectiveId(env, key));
  for (const env of input.environments) {
    const files = [...input.validation.resolution.effective.values()].filter((e) => e.env === env).sort((a, b) => a.key.localeCompare(b.key));
    const remote = input.remote[env];
    const lock = input.locks[env];
    const summary: EnvironmentSummary = { env, files: files.length };
    if (remote) {
      summary.remote = remote.length;
      summary.fingerprint = fingerprint(remote);
    }
    environments.push(summary);
    const planned = new Map<string, PlanItem>();
    for (const effective of files) {
      if (!inScope(env, effective.key)) continue;
      const item = planFile(effective, lock.integrations[effective.key], remote, input);
      planned.set(effective.key, item);
      items.push(item);
    }
    for (const item of planned.values()) linkBase(item, planned, lock, remote);
    for (const [key, entry] of Object.entries(lock.integrations)) {
      if (files.some((f) => f.key === key) || !inScope(env, key)) continue;
      items.push(orphan(env, key, entry, remote));
    }
  }
  const inScopeEffective = [...input.validation.resolution.effective.values()].filter((e) => input.environments.includes(e.env) && inScope(e.env, e.key));
  const plan: Plan = {
    version: 1,
    created_at: input.now,
    offline: input.environments.some((e) => !input.remote[e]),
    scope: { environments: input.environments },
    environments,
    files_hash: filesHash(inScopeEffective),
    items,
  };
  if (input.changedSince) plan.scope.changed_since = input.changedSince;
  if (input.scope) plan.scope.keys = [...input.scope].sort();
  return plan;
}

export function filesHash(effective: readonly Effective[]): string {
  return hashOf([...effective].sort((a, b) => effectiveId(a.env, a.key).localeCompare(effectiveId(b.env, b.key))).map((e) => [e.env, e.key, e.values]));
}

export function fingerprint(remote: readonly RemoteIntegration[]): string {
  return hashOf(
    [...remote]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((r) => [r.id, r.name, r.vendor, r.updated_at, ...INTEGRATION_FIELDS.map((f) => r[f])]),
  );
}

function planFile(effective: Effective, entry: LockEntry | undefined, remote: RemoteIntegration[] | undefined, input: PlanInput): PlanItem {
  const { env, key, values } = effective;
  const name = String(values.name);
  const vendor = String(values.integration_vendor);
  const desired = desiredFields(values);
  const schedule = desiredSchedule(values);
  const credentials = values.credentials as Record<string, unknown>;
  const lockIntent: LockIntent = {
    payload_hash: hashOf({ fields: desired, schedule }),
    schedule_hash: hashOf(schedule),
    credentials_hash: hashOf(credentials),
  };
  const item: PlanItem = {
    env,
    key,
    file: effective.file,
    name,
    vendor,
    action: "unchanged",
    changes: [],
    credentials,
    sendCredentials: false,
    support: [],
    problems: [],
    lock: lockIntent,
    supportHashes: familyHashes(values),
  };
  if (typeof values.based_on === "string") item.base = values.based_on;
  const baseValues = item.base ? input.validation.resolution.effective.get(effectiveId(env, item.base))?.values : undefined;

  const found = match(item, entry, remote);
  if (found.how === "ambiguous") {
    item.action = "error";
    item.problems.push(`${found.count} integrations named "${name}" (${vendor}) exist on Propexo and the lock has no entry for ${key}: add the right id to integrations/${env}/propexo-lock.json`);
    return item;
  }
  item.match = found.how;
  const matched = found.remote;
  const reads = input.supportReads?.get(effectiveId(env, key));
  if (matched === undefined) {
    item.action = "create";
    const { credentials: _omit, ...body } = createBody(values, {}, undefined);
    item.body = body;
    item.sendCredentials = true;
    item.changes = Object.entries(body)
      .filter(([k]) => k !== "integration_vendor")
      .map(([field, after]) => ({ field, after }));
    item.changes.push({ field: "credentials", after: "(sent from the file's secret references)" });
    item.support = supportNotes({ env, name, vendor, values, ...(baseValues ? { baseValues } : {}), ...(reads ? { reads } : {}) });
    return item;
  }

  item.id = matched.id;
  if (matched.vendor !== vendor) {
    item.action = "error";
    item.problems.push(`Propexo has ${matched.vendor} for ${matched.id}, the file says ${vendor}: integration_vendor never changes; create a new file instead`);
    return item;
  }
  const body: IntegrationBody = {};
  const changes: FieldChange[] = [];
  if (remote) {
    for (const d of fieldDifferences(desired, matched)) {
      changes.push(d);
      Object.assign(body, { [d.field]: d.after });
    }
  } else if (entry && entry.payload_hash !== lockIntent.payload_hash) {
    changes.push({ field: "(offline)", after: "the file differs from what was last applied; fields unknown without Propexo" });
    Object.assign(body, Object.fromEntries(Object.entries(desired).filter(([, v]) => v !== undefined)));
  }
  const scheduleChanged = entry ? entry.schedule_hash !== lockIntent.schedule_hash : values.use_custom_sync_schedule !== undefined || values.custom_sync_schedule !== undefined;
  if (scheduleChanged) {
    if (schedule.custom_sync_schedule) body.custom_sync_schedule = schedule.custom_sync_schedule;
    body.use_custom_sync_schedule = schedule.use_custom_sync_schedule;
    changes.push({ field: "custom_sync_schedule", before: "(not returned by Propexo; differs from the last applied)", after: schedule.custom_sync_schedule ?? null });
    changes.push({ field: "use_custom_sync_schedule", after: schedule.use_custom_sync_schedule });
  }
  const rotate = input.rotateCredentials?.has(key) ?? false;
  if (!entry || entry.credentials_hash !== lockIntent.credentials_hash || rotate) {
    item.sendCredentials = true;
    changes.push({ field: "credentials", after: rotate ? "(rotated: sent again)" : entry ? "(the credentials block changed)" : "(first apply through pxo: sent)" });
  }
  item.changes = changes;
  item.body = body;
  item.action = changes.length > 0 ? "update" : "unchanged";
  item.support = supportNotes({ env, name, vendor, id: matched.id, values, ...(entry ? { lock: entry } : {}), ...(reads ? { reads } : {}) });
  return item;
}

const sameIdentity = (r: RemoteIntegration, item: PlanItem) => !r.is_archived && r.name === item.name && r.vendor === item.vendor;

type Match =
  | { how: "lock" | "adopted-by-name"; remote: RemoteIntegration }
  | { how: "new" | "lock-stale"; remote?: undefined }
  | { how: "ambiguous"; count: number; remote?: undefined };

/** DESIGN §4: the lock's id; else exactly one integration with the same name and vendor; else new. */
function match(item: PlanItem, entry: LockEntry | undefined, remote: RemoteIntegration[] | undefined): Match {
  if (!remote) {
    // Offline: the lock is all there is to go by.
    return entry ? { how: "lock", remote: { id: entry.id, vendor: entry.vendor } as RemoteIntegration } : { how: "new" };
  }
  const byId = entry && remote.find((r) => r.id === entry.id && !r.is_archived);
  if (byId) return { how: "lock", remote: byId };
  const named = remote.filter((r) => sameIdentity(r, item));
  if (named.length > 1) return { how: "ambiguous", count: named.length };
  if (named[0]) return { how: "adopted-by-name", remote: named[0] };
  return { how: entry ? "lock-stale" : "new" };
}

function linkBase(item: PlanItem, planned: Map<string, PlanItem>, lock: Lock, remote: RemoteIntegration[] | undefined): void {
  if (!item.base || item.action !== "create") return;
  const base = planned.get(item.base);
  const id = base?.id ?? lock.integrations[item.base]?.id;
  if (id && (!remote || remote.some((r) => r.id === id))) item.base_id = id;
  if (item.body) item.changes.unshift({ field: "based_on", after: `${item.base}${item.base_id ? ` (${item.base_id})` : " (created first in this run)"}` });
}

function orphan(env: Environment, key: string, entry: LockEntry, remote: RemoteIntegration[] | undefined): PlanItem {
  const gone = remote !== undefined && !remote.some((r) => r.id === entry.id);
  return {
    env,
    key,
    name: remote?.find((r) => r.id === entry.id)?.name ?? key,
    vendor: entry.vendor,
    action: "orphan",
    id: entry.id,
    changes: [],
    sendCredentials: false,
    support: [],
    problems: gone ? ["already gone from Propexo; --prune removes the lock entry"] : [],
  };
}
