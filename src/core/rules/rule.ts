import type { Diagnostic } from "../diagnostics.js";
import type { Effective, Resolution } from "../resolve/effective.js";
import type { Workspace } from "../workspace.js";

export interface RuleContext {
  workspace: Workspace;
  resolution: Resolution;
}

/** One semantic check beyond the schema. */
export interface Rule {
  id: string;
  check(ctx: RuleContext): Diagnostic[];
}

/** Position of a value of an effective configuration, for rules that report on one. */
export function at(effective: Effective, pointer: string, onKey = false): Pick<Diagnostic, "file" | "line" | "column"> {
  const prov = effective.origin.get(pointer);
  if (!prov) return { file: effective.file, line: 1, column: 1 };
  if (onKey && prov.keyLine !== undefined) return { file: prov.file, line: prov.keyLine, column: prov.keyColumn ?? 1 };
  return { file: prov.file, line: prov.line, column: prov.column };
}
