import { readFile } from "node:fs/promises";
import path from "node:path";
import { applyPlan, type ItemResult } from "../core/apply/apply.js";
import { fingerprint } from "../core/plan/build.js";
import type { Plan } from "../core/plan/model.js";
import type { RemoteIntegration } from "../platform/platform.js";
import { secretLookup } from "../platform/payload.js";
import { formatPlan, formatResults, summaryLine } from "../report/plan.js";
import { EXIT, UsageError, inGitHubActions, isCI, type CommandContext } from "./context.js";
import { preparePlan, type PlanningOptions } from "./planning.js";

export interface SyncOptions extends PlanningOptions {
  plan?: string;
  prune: boolean;
  maxChanges?: string;
  yes: boolean;
  concurrency: string;
  format: "text" | "json";
}

/** `pxo sync`: the plan, executed, item by item, with the lock written after every success. */
export async function syncCommand(ctx: CommandContext, options: SyncOptions): Promise<number> {
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency must be a whole number >= 1 (got "${options.concurrency}")`);
  const maxChanges = options.maxChanges === undefined ? undefined : Number(options.maxChanges);
  if (maxChanges !== undefined && (!Number.isInteger(maxChanges) || maxChanges < 0)) throw new UsageError(`--max-changes must be a whole number (got "${options.maxChanges}")`);
  const saved = options.plan ? await readSavedPlan(ctx, options.plan) : undefined;
  const planning: PlanningOptions = saved
    ? { ...options, ...(saved.scope.environments.length === 1 ? { env: saved.scope.environments[0] } : {}), ...(saved.scope.changed_since ? { changedSince: saved.scope.changed_since } : {}), allowOffline: false }
    : { ...options, allowOffline: false };
  const prepared = await preparePlan(ctx, planning);
  if ("exit" in prepared) return prepared.exit;
  const { connection, lockFiles, validation } = prepared;
  try {
    let plan = prepared.plan;
    if (saved) {
      const stale = staleness(saved, prepared);
      if (stale) {
        ctx.stderr.write(`pxo sync: refusing the saved plan ${options.plan}: ${stale}; run pxo plan again\n`);
        return EXIT.problems;
      }
      plan = saved;
    }
    const refusal = guard(plan, options, maxChanges);
    if (refusal) {
      ctx.stderr.write(`pxo sync: ${refusal.message}\n`);
      return refusal.code;
    }
    const changes = changesWith(options.prune);
    const production = plan.items.filter((i) => i.env === "production" && changes(i)).length;
    if (production > 0 && !options.yes && !isCI(ctx.env)) {
      const answer = ctx.prompt ? await ctx.prompt(`Apply ${production} production change(s)? [y/N] `) : "";
      if (!/^y(es)?$/i.test(answer.trim())) {
        ctx.stderr.write("pxo sync: production changes need --yes outside CI; nothing was applied\n");
        return EXIT.usage;
      }
    }
    if (options.format === "text") ctx.stdout.write(formatPlan(plan, "text", ctx.stdout.isTTY));
    const secret = secretLookup(ctx.env);
    const github = inGitHubActions(ctx.env);
    const progress = ctx.stderr.isTTY && options.format === "text";
    const results = await applyPlan(plan, {
      platforms: connection.platforms,
      lock: lockFiles,
      secret,
      ...(github ? { mask: (v: string) => ctx.stdout.write(maskCommands(v)) } : {}),
      ...(connection.support
        ? { support: connection.support, supportValues: (env, key) => validation.resolution.effective.get(`${env}/${key}`)?.values }
        : {}),
      concurrency,
      prune: options.prune,
      now: () => new Date().toISOString(),
      ...(progress ? { onItem: (r: ItemResult, done: number, total: number) => ctx.stderr.write(`\r\x1b[2K[${done}/${total}] ${r.env}/${r.key}: ${r.status}`) } : {}),
    });
    if (progress) ctx.stderr.write("\r\x1b[2K");
    if (connection.support && results.some((r) => r.supportApplied)) ctx.stdout.write("\nThe emulator acted as Propexo support for the support-managed families below.\n");
    ctx.stdout.write(options.format === "json" ? `${JSON.stringify({ plan: summaryLine(plan), results }, null, 2)}\n` : `\n${formatResults(results, ctx.stdout.isTTY)}`);
    // Propexo refusing the token, or the run's deadline passing, is the run failing, not an item.
    if (results.some((r) => r.failure === "auth" || r.failure === "deadline")) return EXIT.runtime;
    return results.some((r) => r.status === "failed" || r.status === "skipped") ? EXIT.problems : EXIT.ok;
  } finally {
    await connection.close();
  }
}

/** GitHub masks one line per command: a multi-line secret (a private key) is masked line by line. */
function maskCommands(value: string): string {
  return value
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => `::add-mask::${line}\n`)
    .join("");
}

const changesWith = (prune: boolean) => (i: Plan["items"][number]) => i.action === "create" || i.action === "update" || (prune && i.action === "orphan" && i.id !== undefined);

function guard(plan: Plan, options: SyncOptions, maxChanges: number | undefined): { message: string; code: number } | undefined {
  const writes = plan.items.filter((i) => i.action === "create" || i.action === "update" || (options.prune && i.action === "orphan")).length;
  if (maxChanges !== undefined && writes > maxChanges) return { message: `the plan has ${writes} changes, more than --max-changes ${maxChanges}; nothing was applied`, code: EXIT.problems };
  if (options.prune) {
    for (const env of plan.environments) {
      const orphans = plan.items.filter((i) => i.env === env.env && i.action === "orphan").length;
      if (orphans > 0 && env.files === 0) {
        return { message: `--prune refuses to delete every integration of ${env.env}: integrations/${env.env}/ has no files (a checkout mistake?); nothing was applied`, code: EXIT.problems };
      }
    }
  }
  return undefined;
}

async function readSavedPlan(ctx: CommandContext, file: string): Promise<Plan> {
  let plan: Plan;
  try {
    plan = JSON.parse(await readFile(path.resolve(ctx.root, file), "utf8")) as Plan;
  } catch (error) {
    throw new UsageError(`pxo sync --plan ${file}: cannot read it (${(error as Error).message})`);
  }
  if (plan?.version !== 1 || !Array.isArray(plan.items) || !Array.isArray(plan.environments)) throw new UsageError(`pxo sync --plan ${file}: not a plan written by pxo plan --out`);
  if (plan.offline) throw new UsageError(`pxo sync --plan ${file}: an offline plan cannot be applied; plan with Propexo tokens`);
  return plan;
}

/** Why a saved plan no longer describes the world, if it does not. */
function staleness(saved: Plan, fresh: { plan: Plan; remote: Partial<Record<string, RemoteIntegration[]>> }): string | undefined {
  for (const env of saved.environments) {
    const remote = fresh.remote[env.env];
    if (!remote || fingerprint(remote) !== env.fingerprint) return `Propexo's ${env.env} integrations changed since it was made`;
  }
  if (fresh.plan.files_hash !== saved.files_hash) return "the integration files changed since it was made";
  return undefined;
}
