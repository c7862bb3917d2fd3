import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { copyExamples } from "./helpers/tmp.js";

const start = (repo: string) => execFileSync(process.execPath, ["scripts/start.mjs", repo], { encoding: "utf8", env: { PATH: process.env.PATH ?? "" } });

describe("npm start", () => {
  it("creates the example integrations on the emulator, and a second run changes nothing", async () => {
    const repo = await copyExamples();
    const first = start(repo);
    expect(first).toContain("14 files valid");
    expect(first).toContain("Plan: 14 to create, 0 to update, 0 unchanged, 0 orphaned");
    expect(first).toContain("Sync: 14 created, 0 updated, 0 unchanged, 0 deleted, 0 orphans kept, 0 failed, 0 skipped.");
    expect(first).toContain("applied by the emulator acting as Propexo support");
    const second = start(repo);
    expect(second).toContain("Plan: 0 to create, 0 to update, 14 unchanged, 0 orphaned.");
    expect(second).toContain("Sync: 0 created, 0 updated, 14 unchanged");
    // The emulator's ids never reach the repository's own lock files.
    expect(existsSync(path.join(repo, "integrations/sandbox/propexo-lock.json"))).toBe(false);
    expect(existsSync(path.join(repo, ".pxo/emulator/integrations/sandbox/propexo-lock.json"))).toBe(true);
    expect(second).not.toContain("demo-value-of");
  });
});
