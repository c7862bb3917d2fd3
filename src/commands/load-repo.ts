import { loadWorkspace } from "../core/load/workspace-loader.js";
import { validateWorkspace, type ValidationResult } from "../core/validate/validate.js";
import type { Workspace } from "../core/workspace.js";
import { fileRepoReader } from "../fs/repo-reader.js";
import { compileSchema } from "../schemas.js";

export interface LoadedRepo {
  workspace: Workspace;
  validation: ValidationResult;
}

/** Load and validate every integration file below root: the first step of every command. */
export async function loadAndValidate(root: string): Promise<LoadedRepo> {
  const workspace = await loadWorkspace(fileRepoReader(root));
  const validation = validateWorkspace(workspace, compileSchema("integration"));
  return { workspace, validation };
}
