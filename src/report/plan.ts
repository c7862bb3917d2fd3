import pc from "picocolors";
import type { ItemResult } from "../core/apply/apply.js";
import { countPlan, type FieldChange, type Plan, type PlanItem } from "../core/plan/model.js";

export type PlanFormat = "text" | "json" | "markdown";

const SIGN: Record<PlanItem["action"], string> = { create: "+", update: "~", unchanged: "=", orphan: "-", error: "!" };

const show = (v: unknown): string => (typeof v === "string" ? v : JSON.stringify(v));

function changeLine(c: FieldChange): string {
  if (c.before === undefined) return `${c.field}: ${show(c.after)}`;
  return `${c.field}: ${show(c.before)} -> ${show(c.after)}`;
}

export function summaryLine(plan: Plan): string {
  const c = countPlan(plan);
  const parts = [`${c.create} to create`, `${c.update} to update`, `${c.unchanged} unchanged`, `${c.orphan} orphaned`];
  if (c.error) parts.push(`${c.error} in error`);
  if (c.support) parts.push(`${c.support} support request${c.support === 1 ? "" : "s"}`);
  return `Plan: ${parts.join(", ")}.`;
}

export function formatPlan(plan: Plan, format: PlanFormat, color = false): string {
  if (format === "json") return `${JSON.stringify(plan, null, 2)}\n`;
  if (format === "markdown") return planMarkdown(plan);
  const c = pc.createColors(color);
  const paint: Record<PlanItem["action"], (s: string) => string> = { create: c.green, update: c.yellow, unchanged: c.dim, orphan: c.red, error: c.red };
  const out: string[] = [];
  if (plan.offline) out.push(c.yellow("Offline plan: Propexo was not read for some environments; planned from git and the lock file only."));
  if (plan.scope.changed_since) out.push(`Planned what changed since ${plan.scope.changed_since}, plus every clone of a changed base (${plan.scope.keys?.length ?? 0} in scope).`);
  for (const env of plan.environments) {
    const items = plan.items.filter((i) => i.env === env.env);
    out.push("", c.bold(`${env.env}: ${env.files} file${env.files === 1 ? "" : "s"}${env.remote === undefined ? ", offline" : `, ${env.remote} integration${env.remote === 1 ? "" : "s"} on Propexo`}`));
    for (const item of items) {
      const id = item.id ? ` (${item.id})` : "";
      const how = item.match === "adopted-by-name" ? " [adopted by name]" : item.match === "lock-stale" ? " [lock id not on Propexo]" : "";
      out.push(paint[item.action](`  ${SIGN[item.action]} ${item.key}${id} ${item.action}${how}`));
      if (item.action !== "unchanged") for (const ch of item.changes) out.push(`      ${changeLine(ch)}`);
      for (const p of item.problems) out.push(c.red(`      ${p}`));
      for (const s of item.support) {
        if (s.kind === "pending") out.push(c.dim(`      support request pending: ${s.family} (${s.detail})`));
        else out.push(c.magenta(`      ! ${s.family}: ${s.kind === "drift" ? "Propexo differs" : "needs Propexo support"} (${s.detail})\n        ${s.request}`));
      }
    }
  }
  out.push("", summaryLine(plan));
  return `${out.join("\n")}\n`;
}

function planMarkdown(plan: Plan): string {
  const out: string[] = ["### pxo plan", ""];
  if (plan.offline) out.push("> **Offline plan**: Propexo was not read (no token here, e.g. a fork's pull request); planned from git and the lock file only.", "");
  if (plan.scope.changed_since) out.push(`Scope: what changed since \`${plan.scope.changed_since}\`, plus clones of changed bases.`, "");
  for (const env of plan.environments) {
    const items = plan.items.filter((i) => i.env === env.env && (i.action !== "unchanged" || i.support.some((s) => s.kind !== "pending")));
    out.push(`#### ${env.env}`, "");
    if (items.length === 0) {
      out.push("No changes.", "");
      continue;
    }
    out.push("| | key | action | changes |", "|---|---|---|---|");
    for (const i of items) {
      const changes = [...i.changes.map(changeLine), ...i.problems, ...i.support.filter((s) => s.kind !== "pending").map((s) => `needs Propexo support: ${s.family}`)];
      out.push(`| ${SIGN[i.action]} | \`${i.key}\` | ${i.action} | ${changes.map(escapeCell).join("<br>") || ""} |`);
    }
    out.push("");
    const requests = items.flatMap((i) => i.support.filter((s) => s.kind !== "pending").map((s) => s.request));
    if (requests.length) out.push("<details><summary>Support requests</summary>", "", ...requests.map((r) => `- ${escapeCell(r)}`), "", "</details>", "");
  }
  out.push(`**${summaryLine(plan)}**`, "");
  return out.join("\n");
}

const escapeCell = (s: string): string => s.replaceAll("|", "\\|").replaceAll("\n", " ");

export function formatResults(results: readonly ItemResult[], color = false): string {
  const c = pc.createColors(color);
  const out: string[] = [];
  for (const r of results) {
    const mark = r.status === "failed" ? c.red("✗") : r.status === "skipped" ? c.yellow("-") : r.status === "unchanged" || r.status === "kept" ? c.dim("=") : c.green("✓");
    const id = r.id ? ` (${r.id})` : "";
    const note = r.recovered ? " [response lost; found by name, no duplicate]" : "";
    out.push(`${mark} ${r.env}/${r.key}${id}: ${r.status}${note}${r.message ? `: ${r.message}` : ""}`);
    for (const s of r.support ?? []) out.push(r.supportApplied ? c.dim(`    ${s.family}: applied by the emulator acting as Propexo support`) : c.magenta(`    send to Propexo support: ${s.request}`));
  }
  const count = (s: ItemResult["status"]) => results.filter((r) => r.status === s).length;
  out.push(
    "",
    `Sync: ${count("created")} created, ${count("updated")} updated, ${count("unchanged")} unchanged, ${count("deleted")} deleted, ${count("kept")} orphans kept, ${count("failed")} failed, ${count("skipped")} skipped.`,
  );
  return `${out.join("\n")}\n`;
}
