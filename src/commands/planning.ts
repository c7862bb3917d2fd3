import path from "node:path";
import { isError } from "../core/diagnostics.js";
import { buildPlan } from "../core/plan/build.js";
import type { Plan } from "../core/plan/model.js";
import { scopeOfChanges } from "../core/plan/scope.js";
import type { SupportReads } from "../core/plan/support.js";
import type { ValidationResult } from "../core/validate/validate.js";
import { ENVIRONMENTS, type Environment } from "../core/workspace.js";
import { LockFiles, readLocks } from "../fs/lock-store.js";
import { SUPPORT_MANAGED, readVia } from "../platform/capabilities.js";
import type { EnumMapPath } from "../platform/propexo-api.js";
import type { RemoteIntegration } from "../platform/platform.js";
import { PropexoError } from "../platform/errors.js";
import { formatDiagnostics } from "../report/diagnostics.js";
import { connect, type Connection } from "./connect.js";
import { EXIT, RuntimeFailure, UsageError, type CommandContext } from "./context.js";
import { loadAndValidate } from "./load-repo.js";

export interface PlanningOptions {
  env?: string;
  changedSince?: string;
  emulator: boolean;
  checkSupportManaged: boolean;
  rotateCredentials?: string[];
  /** plan: degrade to offline where a token is missing; sync: fail. */
  allowOffline: boolean;
}

export interface Planned {
  plan: Plan;
  connection: Connection;
  validation: ValidationResult;
  lockFiles: LockFiles;
  remote: Partial<Record<Environment, RemoteIntegration[]>>;
}

export function environmentsOf(env: string | undefined): Environment[] {
  if (env === undefined) return [...ENVIRONMENTS];
  if (env !== "sandbox" && env !== "production") throw new UsageError(`--env must be sandbox or production (got "${env}")`);
  return [env];
}

/**
 * The shared front half of plan, sync and drift: validate (refusing an invalid repository), read the locks,
 * find the scope, read Propexo with list pages only, and build the plan. Returns an exit code instead when
 * the repository is not fit to plan from.
 */
export async function preparePlan(ctx: CommandContext, options: PlanningOptions): Promise<Planned | { exit: number }> {
  const envs = environmentsOf(options.env);
  const { validation } = await loadAndValidate(ctx.root);
  // The emulator's ids mean nothing on Propexo: its lock lives beside its state, never in the repository.
  const lockRoot = options.emulator ? path.join(ctx.root, ".pxo", "emulator") : ctx.root;
  const { locks, diagnostics: lockProblems } = await readLocks(ctx.root, envs, lockRoot);
  const problems = [...validation.diagnostics.filter(isError), ...lockProblems];
  if (problems.length > 0) {
    ctx.stderr.write(formatDiagnostics({ files: validation.files, diagnostics: [...validation.diagnostics, ...lockProblems] }, "text", ctx.stderr.isTTY));
    ctx.stderr.write("pxo: refusing to plan from a repository that does not validate; nothing was read or applied\n");
    return { exit: EXIT.problems };
  }
  let scope: Set<string> | undefined;
  if (options.changedSince) {
    const { changedSince } = await import("../git/changed-files.js");
    const changed = await changedSince(ctx.root, options.changedSince).catch((error: unknown) => {
      throw new UsageError(`--changed-since ${options.changedSince}: ${(error as Error).message.split("\n")[0]}`);
    });
    scope = scopeOfChanges(changed, validation.resolution);
  }
  const connection = await connect(ctx, envs, { emulator: options.emulator, allowOffline: options.allowOffline });
  try {
    const remote: Partial<Record<Environment, RemoteIntegration[]>> = {};
    for (const env of envs) {
      const platform = connection.platforms[env];
      if (platform) remote[env] = await platform.listIntegrations();
    }
    const input = {
      validation,
      environments: envs,
      locks,
      remote,
      rotateCredentials: new Set(options.rotateCredentials ?? []),
      now: new Date().toISOString(),
      ...(scope ? { scope } : {}),
      ...(options.changedSince ? { changedSince: options.changedSince } : {}),
    };
    let plan = buildPlan(input);
    if (options.checkSupportManaged) plan = buildPlan({ ...input, supportReads: await readSupport(plan, connection, validation) });
    return { plan, connection, validation, lockFiles: new LockFiles(lockRoot, locks), remote };
  } catch (error) {
    await connection.close();
    if (error instanceof PropexoError) throw new RuntimeFailure(`pxo: cannot read Propexo: ${error.describe()}`);
    throw error;
  }
}

/** Job schedules and custom enum maps of every planned integration that exists: one read each. */
async function readSupport(plan: Plan, connection: Connection, validation: ValidationResult): Promise<Map<string, SupportReads>> {
  const reads = new Map<string, SupportReads>();
  for (const item of plan.items) {
    const platform = connection.platforms[item.env];
    if (!platform || !item.id || item.action === "orphan" || item.action === "error") continue;
    const values = validation.resolution.effective.get(`${item.env}/${item.key}`)?.values ?? {};
    const r: SupportReads = {};
    for (const family of SUPPORT_MANAGED) {
      const declared = values[family];
      if (!declared) continue;
      const via = readVia(family);
      if (via === "job-schedules") r.job_schedules = await platform.listJobSchedules(item.id);
      if (via === "normalization") {
        r.custom_enum_maps = {};
        for (const path of Object.keys(declared) as EnumMapPath[]) r.custom_enum_maps[path] = await platform.getEnumMap(path, item.vendor, item.id);
      }
    }
    reads.set(`${item.env}/${item.key}`, r);
  }
  return reads;
}
