import type { IntegrationBody } from "../../platform/platform.js";
import type { SupportFamily } from "../../platform/capabilities.js";
import type { Environment } from "../workspace.js";

export type Action = "create" | "update" | "unchanged" | "orphan" | "error";

export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
}

/** A support-managed difference: never pushed, always said, with the text to send Propexo support. */
export interface SupportNote {
  family: SupportFamily;
  /** drift: Propexo differs from the file (read back); request: the file changed a family Propexo cannot be asked for by API. */
  kind: "drift" | "request" | "pending";
  detail: string;
  request: string;
  hash: string;
}

/** The lock entry a successful apply of this item writes (credentials hash of the block as written). */
export interface LockIntent {
  payload_hash: string;
  schedule_hash: string;
  credentials_hash: string;
}

export interface PlanItem {
  env: Environment;
  key: string;
  file?: string;
  name: string;
  vendor: string;
  action: Action;
  /** Propexo id when known (update, unchanged, orphan). */
  id?: string;
  /** Key of the base, which a sync applies first. */
  base?: string;
  /** The base's Propexo id when it already exists (otherwise the base's create in the same run supplies it). */
  base_id?: string;
  /** How the file was matched to Propexo. */
  match?: "lock" | "adopted-by-name" | "new" | "lock-stale";
  changes: FieldChange[];
  /** The body to send, without credentials (create: everything set; update: what differs). */
  body?: IntegrationBody;
  /** The credentials block as written (references, never values); sent on create or when it changed. */
  credentials?: Record<string, unknown>;
  sendCredentials: boolean;
  support: SupportNote[];
  problems: string[];
  lock?: LockIntent;
  /** Support-managed family hashes of the effective file, recorded in the lock when requested. */
  supportHashes?: Partial<Record<SupportFamily, string>>;
}

export interface EnvironmentSummary {
  env: Environment;
  files: number;
  /** Integrations Propexo listed; absent for an offline plan. */
  remote?: number;
  /** Hash of the listed integrations' fields, so a saved plan can tell Propexo changed since. */
  fingerprint?: string;
}

export interface Plan {
  version: 1;
  created_at: string;
  /** True when Propexo was not read (fork pull requests): planned from git and the lock file only. */
  offline: boolean;
  scope: { environments: Environment[]; changed_since?: string; keys?: string[] };
  environments: EnvironmentSummary[];
  /** Hash of every effective configuration in scope, so a saved plan can tell the files changed since. */
  files_hash: string;
  items: PlanItem[];
}

export interface PlanCounts {
  create: number;
  update: number;
  unchanged: number;
  orphan: number;
  error: number;
  support: number;
}

export function countPlan(plan: Plan): PlanCounts {
  const c: PlanCounts = { create: 0, update: 0, unchanged: 0, orphan: 0, error: 0, support: 0 };
  for (const item of plan.items) {
    c[item.action]++;
    c.support += item.support.filter((s) => s.kind !== "pending").length;
  }
  return c;
}

export const hasChanges = (plan: Plan): boolean => plan.items.some((i) => i.action === "create" || i.action === "update" || (i.action === "orphan" && i.id !== undefined));
