import { writeFile } from "node:fs/promises";
import path from "node:path";
import { hasChanges, countPlan } from "../core/plan/model.js";
import { formatPlan, type PlanFormat } from "../report/plan.js";
import { EXIT, type CommandContext } from "./context.js";
import { preparePlan, type PlanningOptions } from "./planning.js";

export interface PlanOptions extends PlanningOptions {
  format: PlanFormat;
  out?: string;
  detailedExitcode: boolean;
}

/** `pxo plan`: desired vs actual, printed; with --out saved for `pxo sync --plan`. */
export async function planCommand(ctx: CommandContext, options: PlanOptions): Promise<number> {
  const prepared = await preparePlan(ctx, options);
  if ("exit" in prepared) return prepared.exit;
  const { plan, connection } = prepared;
  await connection.close();
  if (options.format === "text" && !plan.offline) ctx.stderr.write(`Propexo: ${connection.label}\n`);
  ctx.stdout.write(formatPlan(plan, options.format, ctx.stdout.isTTY));
  if (options.out) {
    await writeFile(path.resolve(ctx.root, options.out), `${JSON.stringify(plan, null, 2)}\n`);
    ctx.stderr.write(`saved the plan to ${options.out}; apply it with pxo sync --plan ${options.out}\n`);
  }
  if (countPlan(plan).error > 0) return EXIT.problems;
  if (options.detailedExitcode && hasChanges(plan)) return EXIT.changes;
  return EXIT.ok;
}
