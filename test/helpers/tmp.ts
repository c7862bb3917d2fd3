import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach } from "vitest";

const made: string[] = [];

/** A fresh temporary directory, removed after the test. */
export async function tempDir(prefix = "pxo-"): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A copy of this repository's example integrations/ in a temporary repository root. */
export async function copyExamples(): Promise<string> {
  const dir = await tempDir("pxo-repo-");
  await cp(path.resolve("integrations"), path.join(dir, "integrations"), { recursive: true });
  return dir;
}

afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});
