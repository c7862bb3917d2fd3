import type { Diagnostic } from "./diagnostics.js";
import type { LoadedYaml } from "./load/strict-yaml.js";

export const ENVIRONMENTS = ["sandbox", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const isEnvironment = (s: string): s is Environment => (ENVIRONMENTS as readonly string[]).includes(s);

export const KEY_PATTERN = /^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$/;
export const INTEGRATIONS_DIR = "integrations";
export const LOCK_FILE_NAME = "propexo-lock.json";

/** One integration file as read from disk, before inheritance. */
export interface SourceFile {
  /** Repository-relative path with forward slashes. */
  file: string;
  env: Environment;
  key: string;
  loaded: LoadedYaml;
}

/** The files of a repository, grouped by environment and key, plus what was wrong with the layout itself. */
export interface Workspace {
  files: SourceFile[];
  byEnv: Record<Environment, Map<string, SourceFile>>;
  layoutDiagnostics: Diagnostic[];
}

/** What core needs from a repository; the file-system adapter implements it. */
export interface RepoReader {
  /** Repository-relative paths of every file below `integrations/`. */
  listIntegrationFiles(): Promise<string[]>;
  /** The bytes, or just the size when the file is larger than maxBytes (so a 20 MB file is never read). */
  read(file: string, maxBytes: number): Promise<{ bytes: Uint8Array } | { size: number }>;
}
