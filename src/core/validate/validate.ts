import { isError, normalizeDiagnostics, type Diagnostic } from "../diagnostics.js";
import { resolveWorkspace, type Resolution } from "../resolve/effective.js";
import { RULES } from "../rules/index.js";
import type { Workspace } from "../workspace.js";
import { checkSchema, type SchemaValidator } from "./schema-check.js";

export interface ValidationResult {
  /** Number of integration files checked. */
  files: number;
  diagnostics: Diagnostic[];
  resolution: Resolution;
  ok: boolean;
}

/** Schema, inheritance and every rule over a loaded workspace: all problems of all files, in one pass. */
export function validateWorkspace(workspace: Workspace, schema: SchemaValidator): ValidationResult {
  const diagnostics: Diagnostic[] = [...workspace.layoutDiagnostics];
  for (const source of workspace.files) diagnostics.push(...source.loaded.diagnostics);
  const resolution = resolveWorkspace(workspace);
  diagnostics.push(...resolution.diagnostics);
  for (const effective of resolution.effective.values()) diagnostics.push(...checkSchema(schema, effective));
  for (const rule of RULES) diagnostics.push(...rule.check({ workspace, resolution }));
  const all = normalizeDiagnostics(diagnostics);
  return {
    files: workspace.files.length + workspace.layoutDiagnostics.length,
    diagnostics: all,
    resolution,
    ok: !all.some(isError),
  };
}
