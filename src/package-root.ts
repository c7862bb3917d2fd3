import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/** The directory of this package's package.json, whether running from src/ (tests) or dist/src/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, "package.json")) || !existsSync(path.join(dir, "schemas"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error("propexo-gitops: cannot find the package root");
    dir = up;
  }
  root = dir;
  return dir;
}

export const packageFile = (relative: string): string => path.join(packageRoot(), relative);
