import { existsSync } from "node:fs";
import path from "node:path";
import { isError } from "../core/diagnostics.js";
import { formatDiagnostics, type DiagnosticFormat } from "../report/diagnostics.js";
import { EXIT, UsageError, type CommandContext } from "./context.js";
import { loadAndValidate } from "./load-repo.js";

export interface ValidateOptions {
  format: DiagnosticFormat;
}

/** `pxo validate [paths...]`: every file is loaded (bases and names need the whole folder); only the named ones are reported. */
export async function validateCommand(ctx: CommandContext, paths: readonly string[], options: ValidateOptions): Promise<number> {
  const scopes = paths.map((p) => toScope(ctx.root, p));
  const { workspace, validation } = await loadAndValidate(ctx.root);
  const inScope = (file: string) => scopes.length === 0 || scopes.some((s) => s === "" || file === s || file.startsWith(`${s}/`));
  const diagnostics = validation.diagnostics.filter((d) => inScope(d.file));
  const checked = new Set([...workspace.files.map((f) => f.file), ...workspace.layoutDiagnostics.map((d) => d.file)]);
  const files = [...checked].filter(inScope).length;
  ctx.stdout.write(formatDiagnostics({ files, diagnostics }, options.format, ctx.stdout.isTTY));
  return diagnostics.some(isError) ? EXIT.problems : EXIT.ok;
}

function toScope(root: string, given: string): string {
  const absolute = path.resolve(root, given);
  if (!existsSync(absolute)) throw new UsageError(`pxo validate: no such file or directory: ${given}`);
  const relative = path.relative(root, absolute).split(path.sep).join("/");
  if (relative.startsWith("..")) throw new UsageError(`pxo validate: ${given} is outside the repository (${root})`);
  return relative;
}
