import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pxo } from "./helpers/cli.js";
import { commitAll, gitIn } from "./helpers/git.js";
import { copyExamples } from "./helpers/tmp.js";

describe("pxo validate", () => {
  it("finds the example repository valid", async () => {
    const out = await pxo(["validate"]);
    expect(out.stderr).toBe("");
    expect(out.stdout).toMatch(/^\d+ files valid\n$/);
    expect(out.code).toBe(0);
  });

  it("prints the documented JSON shape", async () => {
    const repo = await copyExamples();
    await writeFile(path.join(repo, "integrations/sandbox/harbor-entrata.yaml"), "name: Harbor\nintegration_vendor: ENTRATA\nactive: maybe\ncredentials: { apiKey: { secret: H_KEY }, companyId: h }\n");
    const out = await pxo(["validate", "-C", repo, "--format", "json"]);
    expect(out.code).toBe(1);
    const report = JSON.parse(out.stdout);
    expect(report.files).toBe(14);
    expect(report.diagnostics).toEqual([
      {
        file: "integrations/sandbox/harbor-entrata.yaml",
        line: 3,
        column: 9,
        severity: "error",
        code: "invalid-type",
        message: "active must be a boolean",
        hint: "YAML read maybe as a string: write true or false",
      },
    ]);
  });

  it("reports an error in an inherited value at the line that set it, once", async () => {
    const repo = await copyExamples();
    const base = path.join(repo, "integrations/production/acme-yardi.yaml");
    await writeFile(base, (await readFile(base, "utf8")).replace("max_job_concurrency: 4", "max_job_concurrency: 400"));
    const out = await pxo(["validate", "-C", repo, "--format", "json"]);
    const report = JSON.parse(out.stdout);
    expect(report.diagnostics).toEqual([expect.objectContaining({ file: "integrations/production/acme-yardi.yaml", line: 10, code: "out-of-range" })]);
  });

  it("reports a clone's bad override on the clone, and only named paths when given", async () => {
    const repo = await copyExamples();
    const clone = path.join(repo, "integrations/production/beta-yardi-west.yaml");
    await writeFile(clone, (await readFile(clone, "utf8")).replace("timezone: America/Los_Angeles", "timezone: Europe/Paris"));
    const harbor = path.join(repo, "integrations/sandbox/harbor-entrata.yaml");
    await writeFile(harbor, (await readFile(harbor, "utf8")).replace("new_properties_are_enabled: true", "new_properties_are_enabled: 1"));

    const all = JSON.parse((await pxo(["validate", "-C", repo, "--format", "json"])).stdout);
    expect(all.diagnostics.map((d: { file: string; line: number }) => `${d.file}:${d.line}`)).toEqual([
      "integrations/production/beta-yardi-west.yaml:7",
      "integrations/sandbox/harbor-entrata.yaml:5",
    ]);
    const one = await pxo(["validate", "-C", repo, "--format", "json", "integrations/sandbox"]);
    const report = JSON.parse(one.stdout);
    expect(report.files).toBe(6);
    expect(report.diagnostics.map((d: { file: string }) => d.file)).toEqual(["integrations/sandbox/harbor-entrata.yaml"]);
    expect(one.code).toBe(1);
  });

  it("writes GitHub annotations with escaped data, by default under GitHub Actions", async () => {
    const repo = await copyExamples();
    await writeFile(path.join(repo, "integrations/sandbox/sunrise-buildium.yaml"), "name: Sunrise\nintegration_vendor: BUILDIUM\ncredentials:\n  clientId: x\n  secret: p4ss%w0rd,with:specials\n");
    const out = await pxo(["validate", "-C", repo], { env: { GITHUB_ACTIONS: "true" } });
    expect(out.code).toBe(1);
    expect(out.stdout).toBe(
      "::error file=integrations/sandbox/sunrise-buildium.yaml,line=5,col=11,title=pxo secret-literal::credentials.secret is sensitive and must be a secret reference, not a literal%0Awrite { secret: SUNRISE_BUILDIUM_SECRET } and store the value as a CI secret\n",
    );
    expect(out.stdout).not.toContain("p4ss");
  });

  it("writes SARIF 2.1.0 with rules and locations", async () => {
    const repo = await copyExamples();
    await mkdir(path.join(repo, "integrations/staging"));
    await writeFile(path.join(repo, "integrations/staging/x.yaml"), "name: X\n");
    const sarif = JSON.parse((await pxo(["validate", "-C", repo, "--format", "sarif"])).stdout);
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0].tool.driver.rules).toEqual([{ id: "unknown-environment", shortDescription: { text: expect.any(String) } }]);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "integrations/staging/x.yaml" },
      region: { startLine: 1, startColumn: 1 },
    });
  });

  it("exits 2 on bad usage", async () => {
    expect((await pxo(["validate", "--format", "xml"])).code).toBe(2);
    expect((await pxo(["validate", "no/such/file.yaml"])).code).toBe(2);
    const outside = await pxo(["validate", "package.json"]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("is not under integrations/");
    expect((await pxo(["-C", "/no/such/dir", "validate"])).code).toBe(2);
    expect((await pxo(["frobnicate"])).code).toBe(2);
  });

  it("honours -C like git", async () => {
    const repo = await copyExamples();
    const out = await pxo(["validate"], { cwd: "/" });
    expect(out.code).toBe(0); // "/" has no integrations/: nothing to check is not an error
    expect(out.stdout).toBe("0 files valid\n");
    expect((await pxo(["-C", repo, "validate"], { cwd: "/" })).stdout).toBe("14 files valid\n");
  });
});

describe("pxo validate scopes", () => {
  it("--env and --changed-since report only on what is in scope (clones of a changed base included)", async () => {
    const repo = await copyExamples();
    const git = gitIn(repo);
    commitAll(repo);
    const base = path.join(repo, "integrations/production/beta-yardi.yaml");
    await writeFile(base, (await readFile(base, "utf8")).replace("max_job_concurrency: 2", "max_job_concurrency: 0"));
    const sandbox = path.join(repo, "integrations/sandbox/sunrise-buildium.yaml");
    await writeFile(sandbox, (await readFile(sandbox, "utf8")).replace("active: false", "active: nope"));
    git("add", "integrations/sandbox/sunrise-buildium.yaml");
    git("commit", "-qm", "y");
    const changed = JSON.parse((await pxo(["validate", "-C", repo, "--format", "json", "--changed-since", "HEAD"])).stdout);
    expect(changed.files).toBe(2); // beta-yardi and its clone beta-yardi-west
    expect(changed.diagnostics.map((d: { file: string }) => d.file)).toEqual(["integrations/production/beta-yardi.yaml"]);
    const sandboxOnly = JSON.parse((await pxo(["validate", "-C", repo, "--format", "json", "--env", "sandbox"])).stdout);
    expect(sandboxOnly.diagnostics.map((d: { file: string }) => d.file)).toEqual(["integrations/sandbox/sunrise-buildium.yaml"]);
    expect((await pxo(["validate", "-C", repo, "--env", "staging"])).code).toBe(2);
  });
});
