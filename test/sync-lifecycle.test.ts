import { readFileSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pxo } from "./helpers/cli.js";
import { contractSuite } from "./helpers/contract.js";
import { control, emulator, raw, served } from "./helpers/emulator.js";
import { spawnPxo } from "./helpers/process.js";
import { ciEnv, examplesOnEmulator, syncedExamples } from "./helpers/repo.js";
import { commitAll } from "./helpers/git.js";
import { copyExamples } from "./helpers/tmp.js";

describe("a sync killed half-way", () => {
  it("leaves a lock that lets the next run converge without duplicates", async () => {
    const e = await emulator({ rateLimit: 10_000, latencyMs: 120 });
    const repo = await copyExamples();
    const env = ciEnv(e, repo);
    const child = spawnPxo(["sync", "-C", repo, "--concurrency", "1"], env);
    const started = Date.now();
    while (e.store.integrations("sandbox").length + e.store.integrations("production").length < 4) {
      if (Date.now() - started > 15_000) throw new Error(`sync made no progress: ${JSON.stringify(child.output())}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    child.child.kill("SIGKILL");
    await child.exited;
    const created = e.store.integrations("sandbox").length + e.store.integrations("production").length;
    expect(created).toBeGreaterThanOrEqual(4);
    expect(created).toBeLessThan(14);
    for (const x of ["sandbox", "production"]) {
      const file = path.join(repo, `integrations/${x}/propexo-lock.json`);
      // Either absent or a complete, parseable lock: never half-written.
      try {
        JSON.parse(readFileSync(file, "utf8"));
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe("ENOENT");
      }
    }
    const rerun = await pxo(["sync", "-C", repo], { env });
    expect(rerun.code).toBe(0);
    const all = [...e.store.integrations("sandbox").map((i) => `s:${i.name}`), ...e.store.integrations("production").map((i) => `p:${i.name}`)];
    expect(all).toHaveLength(14);
    expect(new Set(all).size).toBe(14);
    const plan = await pxo(["plan", "-C", repo, "--detailed-exitcode"], { env });
    expect(plan.code).toBe(0);
  });
});

describe("pxo import", () => {
  it("writes valid files and lock entries that a plan right after leaves unchanged", async () => {
    const { e, repo, env } = await examplesOnEmulator();
    await raw(e, "production", "POST", "/v1/admin/integrations/", { integration_vendor: "MRI", name: "Cedar & Pine Homes", credentials: { a: "b" }, active: true, max_job_concurrency: 7 });
    await raw(e, "production", "POST", "/v1/admin/integrations/", { integration_vendor: "RENTMANAGER", name: "Maple Court", credentials: { a: "b" } });
    await raw(e, "production", "POST", "/v1/admin/integrations/", { integration_vendor: "ENTRATA", name: "Northwind Communities (Entrata)", credentials: { a: "b" } });
    const out = await pxo(["import", "-C", repo, "--env", "production"], { env });
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("+ integrations/production/cedar-pine-homes.yaml");
    expect(out.stdout).toContain("matches integrations/production/northwind-entrata.yaml");
    const text = await readFile(path.join(repo, "integrations/production/cedar-pine-homes.yaml"), "utf8");
    expect(text).toContain("name: Cedar & Pine Homes");
    expect(text).toContain("max_job_concurrency: 7");
    expect(text).toContain("partnerKey: { secret: CEDAR_PINE_HOMES_PARTNER_KEY }");
    expect(text).toContain("Propexo's API returns neither credentials nor the custom sync schedule");
    expect(await readFile(path.join(repo, "integrations/production/maple-court.yaml"), "utf8")).toContain("PartnerToken: { secret: MAPLE_COURT_PARTNER_TOKEN }");
    expect((await pxo(["validate", "-C", repo], { env })).code).toBe(0);
    const plan = JSON.parse((await pxo(["plan", "-C", repo, "--env", "production", "--format", "json"], { env })).stdout);
    const imported = plan.items.filter((i: { key: string }) => ["cedar-pine-homes", "maple-court"].includes(i.key));
    expect(imported.map((i: { action: string }) => i.action)).toEqual(["unchanged", "unchanged"]);
    const again = await pxo(["import", "-C", repo, "--env", "production"], { env });
    expect(again.stdout).toContain("imported 0 integrations");
  });
});

describe("pxo plan --changed-since", () => {
  it("plans what changed since a git ref plus every clone of a changed base", async () => {
    const { repo, env } = await syncedExamples();
    commitAll(repo);
    const base = path.join(repo, "integrations/production/beta-yardi.yaml");
    await writeFile(base, (await readFile(base, "utf8")).replace("max_job_concurrency: 2", "max_job_concurrency: 3"));
    const plan = JSON.parse((await pxo(["plan", "-C", repo, "--changed-since", "HEAD", "--format", "json"], { env })).stdout);
    expect(plan.scope.keys).toEqual(["production/beta-yardi", "production/beta-yardi-west"]);
    expect(plan.items.map((i: { key: string; action: string }) => `${i.key}:${i.action}`)).toEqual(["beta-yardi:update", "beta-yardi-west:update"]);
    const text = await pxo(["plan", "-C", repo, "--changed-since", "HEAD"], { env });
    expect(text.stdout).toContain("Planned what changed since HEAD");
    expect((await pxo(["plan", "-C", repo, "--changed-since", "no-such-ref"], { env })).code).toBe(2);
  });

  it("plans offline from git and the lock when there is no token, and says so", async () => {
    const repo = await copyExamples();
    const out = await pxo(["plan", "-C", repo, "--format", "markdown"], { env: {} });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("**Offline plan**");
    expect(out.stdout).toContain("14 to create");
    const sync = await pxo(["sync", "-C", repo], { env: { CI: "true" } });
    expect(sync.code).toBe(3);
    expect(sync.stderr).toContain("PROPEXO_SANDBOX_TOKEN is not set");
  });
});

describe("pxo drift", () => {
  it("exits 1 while Propexo lacks the support-managed families, 0 once support set them, 1 again on drift", async () => {
    const { e, repo, env } = await syncedExamples("--env", "production");
    const before = await pxo(["drift", "-C", repo, "--env", "production", "--format", "markdown"], { env });
    expect(before.code).toBe(1);
    expect(before.stdout).toContain("needs Propexo support: job_schedules");

    // Act as Propexo support: set each integration's readable families as its file says.
    const lock = JSON.parse(await readFile(path.join(repo, "integrations/production/propexo-lock.json"), "utf8"));
    for (const [key, entry] of Object.entries(lock.integrations as Record<string, { id: string }>)) {
      const values = JSON.parse((await pxo(["render", "-C", repo, `production/${key}`, "--format", "json"])).stdout);
      await control(e, "PUT", `/production/integrations/${entry.id}/support-managed`, { job_schedules: values.job_schedules ?? {}, custom_enum_maps: values.custom_enum_maps ?? {} });
    }
    const clean = await pxo(["drift", "-C", repo, "--env", "production"], { env });
    expect(clean.stdout).toContain("8 unchanged");
    expect(clean.code).toBe(0);

    const acme = lock.integrations["acme-yardi"].id;
    await control(e, "PUT", `/production/integrations/${acme}/support-managed`, { job_schedules: { READ_LEASES: { sync_frequency: 6, sync_cadence: "HOUR", status: "ACTIVE" } } });
    const drifted = await pxo(["drift", "-C", repo, "--env", "production"], { env });
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toContain("job_schedules: Propexo differs (READ_LEASES: Propexo 6 HOUR ACTIVE, file 1 HOUR ACTIVE; READ_RESIDENTS missing on Propexo");
  });
});

describe("broken state files", () => {
  it("refuses to plan with a corrupt lock, pointing at it", async () => {
    const repo = await copyExamples();
    await writeFile(path.join(repo, "integrations/sandbox/propexo-lock.json"), '{"version": 1, "environment": "sandbox", "integrations": {"Bad Key": {}}}');
    const out = await pxo(["plan", "-C", repo], { env: {} });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/integrations\/sandbox\/propexo-lock\.json:1:1: error: does not match schemas\/lock\.schema\.json.*\[lock-invalid\]/);
    await writeFile(path.join(repo, "integrations/sandbox/propexo-lock.json"), "{ not json");
    expect((await pxo(["plan", "-C", repo], { env: {} })).stderr).toContain("not valid JSON");
  });

  it("refuses a saved plan that is not one", async () => {
    const e = await emulator();
    const repo = await copyExamples();
    await writeFile(path.join(repo, "plan.json"), '{"hello": "world"}');
    const out = await pxo(["sync", "-C", repo, "--plan", "plan.json"], { env: ciEnv(e, repo) });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("not a plan written by pxo plan --out");
  });
});

contractSuite(served, "every request pxo sent and every response the emulator gave in these runs");
