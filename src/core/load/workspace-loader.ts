import type { Diagnostic } from "../diagnostics.js";
import {
  ENVIRONMENTS,
  INTEGRATIONS_DIR,
  LOCK_FILE_NAME,
  isEnvironment,
  type Environment,
  type RepoReader,
  type SourceFile,
  type Workspace,
} from "../workspace.js";
import { DEFAULT_LIMITS, type LoadLimits } from "./limits.js";
import { loadStrictYaml, oversizedFile } from "./strict-yaml.js";

/** Finds and strictly loads every integration file; one bad file never stops the others. */
export async function loadWorkspace(reader: RepoReader, limits: LoadLimits = DEFAULT_LIMITS): Promise<Workspace> {
  const byEnv = Object.fromEntries(ENVIRONMENTS.map((e) => [e, new Map<string, SourceFile>()])) as Record<
    Environment,
    Map<string, SourceFile>
  >;
  const layoutDiagnostics: Diagnostic[] = [];
  const files: SourceFile[] = [];
  const at = (file: string): Pick<Diagnostic, "file" | "line" | "column"> => ({ file, line: 1, column: 1 });

  for (const file of (await reader.listIntegrationFiles()).sort()) {
    const parts = file.split("/");
    const base = parts.at(-1) ?? "";
    if (base === LOCK_FILE_NAME || base.startsWith(".") || !/\.ya?ml$/.test(base)) continue;
    const env = parts[1] ?? "";
    if (parts[0] !== INTEGRATIONS_DIR || parts.length !== 3 || !isEnvironment(env)) {
      layoutDiagnostics.push({
        ...at(file),
        severity: "error",
        code: "unknown-environment",
        message: "integration files live directly in integrations/sandbox/ or integrations/production/",
        hint: "move the file into one of the two environment folders",
      });
      continue;
    }
    if (base.endsWith(".yml")) {
      layoutDiagnostics.push({
        ...at(file),
        severity: "error",
        code: "file-extension",
        message: "integration files end in .yaml",
        hint: `rename it to ${base.replace(/\.yml$/, ".yaml")}`,
      });
      continue;
    }
    const key = base.slice(0, -".yaml".length);
    const content = await reader.read(file, limits.maxBytes).catch((error: unknown) => ({ error }));
    let loaded;
    if ("error" in content) {
      loaded = {
        spots: new Map(),
        diagnostics: [
          {
            ...at(file),
            severity: "error" as const,
            code: "file-unreadable" as const,
            message: `cannot read the file (${(content.error as NodeJS.ErrnoException).code ?? "I/O error"})`,
            hint: "check the file's permissions",
          },
        ],
      };
    } else if ("size" in content) {
      loaded = oversizedFile(file, content.size, limits);
    } else {
      loaded = loadStrictYaml(file, content.bytes, limits);
    }
    const source: SourceFile = { file, env, key, loaded };
    files.push(source);
    byEnv[env].set(key, source);
  }
  return { files, byEnv, layoutDiagnostics };
}
