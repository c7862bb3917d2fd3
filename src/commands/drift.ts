import { countPlan, hasChanges } from "../core/plan/model.js";
import { formatPlan } from "../report/plan.js";
import { EXIT, UsageError, type CommandContext } from "./context.js";
import type { PlanOptions } from "./plan.js";
import { preparePlan } from "./planning.js";

/** `pxo drift`: everything in scope, support-managed families read back; exit 1 when Propexo differs from git. */
export async function driftCommand(ctx: CommandContext, options: PlanOptions): Promise<number> {
  if (options.changedSince) throw new UsageError("pxo drift checks everything; --changed-since does not apply");
  const prepared = await preparePlan(ctx, { ...options, checkSupportManaged: true, allowOffline: false });
  if ("exit" in prepared) return prepared.exit;
  await prepared.connection.close();
  const { plan } = prepared;
  ctx.stdout.write(formatPlan(plan, options.format, ctx.stdout.isTTY));
  const c = countPlan(plan);
  const drifted = hasChanges(plan) || c.error > 0 || plan.items.some((i) => i.support.some((s) => s.kind === "drift"));
  return drifted ? EXIT.problems : EXIT.ok;
}
