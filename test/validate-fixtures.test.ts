import { readdirSync, readFileSync } from "node:fs";
import { cp, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pxo } from "./helpers/cli.js";
import { tempDir } from "./helpers/tmp.js";

const FIXTURES = path.resolve("test/fixtures/invalid");
const SECRET_MARKER = "SUPER-SECRET";

interface Expected {
  file: string;
  line: number;
  column: number;
  code: string;
}

/** Copies a fixture into a temp repo; the 20 MB case is generated there rather than committed. */
async function prepare(name: string): Promise<string> {
  const dir = await tempDir(`pxo-fixture-${name}-`);
  await cp(path.join(FIXTURES, name), dir, { recursive: true });
  if (name === "too-large") {
    const line = "# padding padding padding padding padding padding padding padding padding\n";
    await writeFile(path.join(dir, "integrations/sandbox/huge.yaml"), `name: Huge\n${line.repeat(Math.ceil(20_000_000 / line.length))}`);
  }
  return dir;
}

describe("pxo validate on bad input", () => {
  for (const name of readdirSync(FIXTURES).sort()) {
    it(`${name}: exit 1 with the expected diagnostics, no crash, no secret`, async () => {
      const expected = JSON.parse(readFileSync(path.join(FIXTURES, name, "expected.json"), "utf8")) as Expected[];
      const repo = await prepare(name);

      const json = await pxo(["validate", "-C", repo, "--format", "json"]);
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stdout) as { files: number; diagnostics: (Expected & { severity: string; message: string; hint: string })[] };
      expect(report.diagnostics.map(({ file, line, column, code }) => ({ file, line, column, code }))).toEqual(expected);
      for (const d of report.diagnostics) {
        expect(d.severity).toBe("error");
        expect(d.message.length).toBeGreaterThan(0);
        expect(d.hint.length).toBeGreaterThan(0);
      }

      for (const format of ["text", "github", "sarif"]) {
        const out = await pxo(["validate", "-C", repo, "--format", format]);
        expect(out.code).toBe(1);
        expect(out.stdout + out.stderr).not.toContain(SECRET_MARKER);
        expect(out.stdout + out.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      }
      expect(json.stdout).not.toContain(SECRET_MARKER);

      // The other files of the fixture are still checked: every file is counted.
      const yamlFiles = readdirSync(path.join(repo, "integrations"), { recursive: true }).filter((f) => String(f).endsWith(".yaml"));
      expect(report.files).toBe(yamlFiles.length);
    });
  }
});

describe("many bad files at once", () => {
  it("reports every file's problems in one run and still validates the good ones", async () => {
    const repo = await tempDir();
    for (const name of ["duplicate-keys", "tabs", "password-literal", "base-missing", "bad-schedule"]) {
      await cp(path.join(FIXTURES, name, "integrations"), path.join(repo, "integrations"), { recursive: true, force: false, errorOnExist: false });
    }
    const out = await pxo(["validate", "-C", repo, "--format", "json"]);
    const report = JSON.parse(out.stdout) as { diagnostics: Expected[] };
    const files = new Set(report.diagnostics.map((d) => d.file));
    expect(files).toEqual(
      new Set([
        "integrations/sandbox/acme.yaml",
        "integrations/sandbox/tabs.yaml",
        "integrations/production/acme.yaml",
        "integrations/production/rest.yaml",
        "integrations/sandbox/clone.yaml",
      ]),
    );
    expect(report.diagnostics.some((d) => d.file.endsWith("good.yaml"))).toBe(false);
  });

  it("does not crash on block sequences nested 10,000 deep", async () => {
    const repo = await tempDir();
    await cp(path.join(FIXTURES, "empty-file/integrations"), path.join(repo, "integrations"), { recursive: true });
    // Compact block sequences: `- - - ... x`, 10,000 levels on one line.
    await writeFile(path.join(repo, "integrations/sandbox/empty.yaml"), `name: Deep\nlist:\n${"- ".repeat(10_000)}x\n`);
    const out = await pxo(["validate", "-C", repo, "--format", "json"]);
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout) as { diagnostics: Expected[] };
    expect(report.diagnostics).toEqual([
      expect.objectContaining({ file: "integrations/sandbox/empty.yaml", line: 3, code: "yaml-too-deep" }),
    ]);
  });
});
