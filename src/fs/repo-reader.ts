import { open, readdir } from "node:fs/promises";
import path from "node:path";
import { INTEGRATIONS_DIR, type RepoReader } from "../core/workspace.js";

/** The file-system side of RepoReader, rooted at a repository directory. */
export function fileRepoReader(root: string): RepoReader {
  return {
    async listIntegrationFiles() {
      const entries = await readdir(path.join(root, INTEGRATIONS_DIR), { recursive: true, withFileTypes: true }).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code === "ENOENT") return [];
          throw error;
        },
      );
      return entries
        .filter((e) => e.isFile())
        .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join("/"));
    },
    async read(file, maxBytes) {
      const handle = await open(path.join(root, file), "r");
      try {
        const { size } = await handle.stat();
        if (size > maxBytes) return { size };
        return { bytes: await handle.readFile() };
      } finally {
        await handle.close();
      }
    },
  };
}
