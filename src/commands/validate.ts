import { existsSync } from "node:fs";
import path from "node:path";
import { isError } from "../core/diagnostics.js";
import { scopeOfChanges } from "../core/plan/scope.js";
import type { Resolution } from "../core/resolve/effective.js";
import { isEnvironment } from "../core/workspace.js";
import { formatDiagnostics, type DiagnosticFormat } from "../report/diagnostics.js";
import { EXIT, UsageError, type CommandContext } from "./context.js";
import { loadAndValidate } from "./load-repo.js";

export interface ValidateOptions {
  format: DiagnosticFormat;
  env?: string;
  changedSince?: string;
}

/** `pxo validate [paths...]`: every file is loaded (bases and names need the whole folder); only the named ones are reported. */
export async function validateCommand(ctx: CommandContext, paths: readonly string[], options: ValidateOptions): Promise<number> {
  const scopes = paths.map((p) => toScope(ctx.root, p));
  if (options.env !== undefined && !isEnvironment(options.env)) throw new UsageError(`--env must be sandbox or production (got "${options.env}")`);
  const { workspace, validation } = await loadAndValidate(ctx.root);
  const changed = options.changedSince ? await changedFiles(ctx, options.changedSince, validation.resolution) : undefined;
  const inScope = (file: string) =>
    (scopes.length === 0 || scopes.some((s) => s === "" || file === s || file.startsWith(`${s}/`))) &&
    (options.env === undefined || file.startsWith(`integrations/${options.env}/`)) &&
    (changed === undefined || changed.has(file));
  const diagnostics = validation.diagnostics.filter((d) => inScope(d.file));
  const checked = new Set([...workspace.files.map((f) => f.file), ...workspace.layoutDiagnostics.map((d) => d.file)]);
  const files = [...checked].filter(inScope).length;
  ctx.stdout.write(formatDiagnostics({ files, diagnostics }, options.format, ctx.stdout.isTTY));
  return diagnostics.some(isError) ? EXIT.problems : EXIT.ok;
}

/** Files changed since the ref, and every clone of a changed base (their effective configuration changed too). */
async function changedFiles(ctx: CommandContext, ref: string, resolution: Resolution): Promise<Set<string>> {
  const { changedSince } = await import("../git/changed-files.js");
  const paths = await changedSince(ctx.root, ref).catch((error: unknown) => {
    throw new UsageError(`--changed-since ${ref}: ${(error as Error).message.split("\n")[0]}`);
  });
  const files = new Set(paths);
  for (const id of scopeOfChanges(paths, resolution)) files.add(`integrations/${id}.yaml`);
  return files;
}

function toScope(root: string, given: string): string {
  const absolute = path.resolve(root, given);
  if (!existsSync(absolute)) throw new UsageError(`pxo validate: no such file or directory: ${given}`);
  const relative = path.relative(root, absolute).split(path.sep).join("/");
  if (relative.startsWith("..")) throw new UsageError(`pxo validate: ${given} is outside the repository (${root})`);
  if (relative !== "" && relative !== "integrations" && !relative.startsWith("integrations/")) {
    throw new UsageError(`pxo validate: ${given} is not under integrations/: integration files live in integrations/<environment>/`);
  }
  return relative;
}
