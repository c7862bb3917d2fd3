import pLimit from "p-limit";
import type { LockEntry } from "../../generated/lock.js";
import { PropexoError } from "../../platform/errors.js";
import { resolveCredentials } from "../../platform/payload.js";
import type { Platform } from "../../platform/platform.js";
import type { SupportFamily } from "../../platform/capabilities.js";
import type { Plan, PlanItem, SupportNote } from "../plan/model.js";
import type { Environment } from "../workspace.js";

export type ItemStatus = "created" | "updated" | "unchanged" | "deleted" | "kept" | "failed" | "skipped";

export interface ItemResult {
  env: Environment;
  key: string;
  action: PlanItem["action"];
  status: ItemStatus;
  id?: string;
  message?: string;
  /** The create's response was lost and the integration was found by name. */
  recovered?: boolean;
  /** Why Propexo failed the item, when it did. */
  failure?: PropexoError["kind"];
  /** Support requests to send to Propexo, or applied by the emulator acting as support. */
  support?: SupportNote[];
  supportApplied?: boolean;
}

/** Where applied state goes: written after every success, so an interrupted run leaves a true lock. */
export interface LockWriter {
  get(env: Environment, key: string): LockEntry | undefined;
  record(env: Environment, key: string, entry: LockEntry): Promise<void>;
  remove(env: Environment, key: string): Promise<void>;
}

export interface ApplyDeps {
  platforms: Partial<Record<Environment, Platform>>;
  lock: LockWriter;
  secret: (name: string) => string | undefined;
  /** Called with every resolved secret value before it is used (GitHub Actions: ::add-mask::). */
  mask?: (value: string) => void;
  /** Acts as Propexo support for support-managed families (the emulator only). */
  support?: (env: Environment, id: string, families: Partial<Record<SupportFamily, unknown>>) => Promise<void>;
  supportValues?: (env: Environment, key: string) => Record<string, unknown> | undefined;
  concurrency: number;
  prune: boolean;
  now: () => string;
  onItem?: (result: ItemResult, done: number, total: number) => void;
}

/**
 * Executes a plan: bases before their clones, everything else in parallel up to `concurrency`. A failed
 * item never stops independent ones; its clones are skipped. Deletes (with prune) come last.
 */
export async function applyPlan(plan: Plan, deps: ApplyDeps): Promise<ItemResult[]> {
  const limit = pLimit(Math.max(1, deps.concurrency));
  const work = plan.items.filter((i) => i.action !== "orphan");
  const orphans = plan.items.filter((i) => i.action === "orphan");
  const byKey = new Map(work.map((i) => [`${i.env}/${i.key}`, i]));
  const running = new Map<string, Promise<ItemResult>>();
  let done = 0;
  const total = plan.items.length;
  const report = (r: ItemResult) => {
    done++;
    deps.onItem?.(r, done, total);
    return r;
  };

  const run = (item: PlanItem): Promise<ItemResult> => {
    const id = `${item.env}/${item.key}`;
    const existing = running.get(id);
    if (existing) return existing;
    const promise = (async () => {
      let baseId = item.base_id;
      const baseItem = item.base ? byKey.get(`${item.env}/${item.base}`) : undefined;
      if (baseItem) {
        const base = await run(baseItem);
        if (base.status === "failed" || base.status === "skipped") {
          return report({ env: item.env, key: item.key, action: item.action, status: "skipped", message: `base ${item.base} did not apply` });
        }
        baseId = baseId ?? base.id;
      }
      return report(await limit(() => applyItem(item, baseId, deps)));
    })();
    running.set(id, promise);
    return promise;
  };

  const results = await Promise.all(work.map(run));
  for (const item of orphans) results.push(report(await limit(() => applyOrphan(item, deps))));
  return results;
}

async function applyItem(item: PlanItem, baseId: string | undefined, deps: ApplyDeps): Promise<ItemResult> {
  const result: ItemResult = { env: item.env, key: item.key, action: item.action, status: "failed" };
  if (item.action === "error") return { ...result, message: item.problems.join("; ") };
  const platform = deps.platforms[item.env];
  if (!platform) return { ...result, message: `no Propexo connection for ${item.env}` };
  if (item.id) result.id = item.id;
  if (item.action === "unchanged") {
    // Nothing to send, but an integration adopted by name (the lock's id was stale) is recorded.
    if (item.id && deps.lock.get(item.env, item.key)?.id !== item.id) await writeLock(item, item.id, deps);
    await recordSupport(item, item.id, deps);
    return { ...result, status: "unchanged" };
  }
  if (item.action === "create" && item.base && !baseId) return { ...result, status: "skipped", message: `base ${item.base} has no Propexo id` };

  let credentials: Record<string, unknown> | undefined;
  if (item.sendCredentials && item.credentials) {
    const resolved = resolveCredentials(item.credentials, deps.secret);
    if (!resolved.credentials) {
      return { ...result, message: `missing secret${resolved.missing.length > 1 ? "s" : ""} ${resolved.missing.join(", ")}: set ${resolved.missing.length > 1 ? "them" : "it"} in the environment or in PXO_SECRETS` };
    }
    for (const v of resolved.values) deps.mask?.(v);
    credentials = resolved.credentials;
  }

  try {
    if (item.action === "create") {
      const body = { ...item.body, name: item.name, integration_vendor: item.vendor, credentials: credentials ?? {}, ...(baseId ? { based_on_integration_id: baseId } : {}) };
      const created = await platform.createIntegration(body);
      result.id = created.integration.id;
      result.status = "created";
      if (created.recovered) {
        result.recovered = true;
        // The create we could not see may predate a retry; make sure Propexo holds exactly the file's values.
        await platform.updateIntegration(created.integration.id, { ...item.body, ...(credentials ? { credentials } : {}) });
      }
    } else {
      await platform.updateIntegration(item.id ?? "", { ...item.body, ...(credentials ? { credentials } : {}) });
      result.status = "updated";
    }
  } catch (error) {
    if (error instanceof PropexoError) return { ...result, failure: error.kind, message: error.describe() };
    return { ...result, message: `unexpected error: ${(error as Error).message}` };
  }
  await writeLock(item, result.id ?? "", deps);
  const support = await recordSupport(item, result.id, deps);
  if (support.notes.length) {
    result.support = support.notes;
    result.supportApplied = support.applied;
  }
  return result;
}

async function writeLock(item: PlanItem, id: string, deps: ApplyDeps): Promise<void> {
  if (!item.lock) return;
  const previous = deps.lock.get(item.env, item.key);
  const entry: LockEntry = { id, vendor: item.vendor, ...item.lock, applied_at: deps.now() };
  if (previous?.support_requests && previous.id === id) entry.support_requests = previous.support_requests;
  await deps.lock.record(item.env, item.key, entry);
}

/** Records support requests in the lock (and, with the emulator, applies them as Propexo support would). */
async function recordSupport(item: PlanItem, id: string | undefined, deps: ApplyDeps): Promise<{ notes: SupportNote[]; applied: boolean }> {
  const notes = item.support.filter((n) => n.kind !== "pending");
  const entry = deps.lock.get(item.env, item.key);
  if (!id || !entry || !item.supportHashes) return { notes, applied: false };
  const requests = { ...entry.support_requests };
  let applied = false;
  if (notes.length && deps.support) {
    const values = deps.supportValues?.(item.env, item.key) ?? {};
    await deps.support(item.env, id, Object.fromEntries(notes.map((n) => [n.family, values[n.family] ?? {}])));
    applied = true;
  }
  for (const [family, hash] of Object.entries(item.supportHashes)) {
    const requested = notes.find((n) => n.family === family);
    if (requested) requests[family] = { hash, at: deps.now(), applied };
    else if (!requests[family] && item.action === "create") requests[family] = { hash, at: deps.now(), applied: true }; // copied from the base, or empty
  }
  if (notes.length || item.action === "create") await deps.lock.record(item.env, item.key, { ...entry, support_requests: requests });
  return { notes, applied };
}

async function applyOrphan(item: PlanItem, deps: ApplyDeps): Promise<ItemResult> {
  const result: ItemResult = { env: item.env, key: item.key, action: "orphan", status: "kept", ...(item.id ? { id: item.id } : {}) };
  if (!deps.prune) return { ...result, message: "in the lock with no file; --prune deletes it" };
  const platform = deps.platforms[item.env];
  if (!platform) return { ...result, status: "failed", message: `no Propexo connection for ${item.env}` };
  try {
    if (item.id) await platform.deleteIntegration(item.id);
    await deps.lock.remove(item.env, item.key);
    return { ...result, status: "deleted" };
  } catch (error) {
    return { ...result, status: "failed", message: error instanceof PropexoError ? error.describe() : String(error) };
  }
}
