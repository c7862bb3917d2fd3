import { readdirSync, readFileSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Emulator } from "../src/emulator/server.js";
import { pxo } from "./helpers/cli.js";
import { contractSuite } from "./helpers/contract.js";
import { control, emulator, served, TEST_TOKEN } from "./helpers/emulator.js";
import { ciEnv, examplesOnEmulator, syncedExamples } from "./helpers/repo.js";
import { copyExamples } from "./helpers/tmp.js";

const writes = (e: Emulator) => e.log.filter((r) => r.method !== "GET");

async function edit(repo: string, file: string, from: string | RegExp, to: string): Promise<void> {
  const p = path.join(repo, "integrations", file);
  const text = await readFile(p, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`edit of ${file} changed nothing`);
  await writeFile(p, next);
}

const planJson = async (repo: string, env: Record<string, string>, extra: string[] = []) => {
  const out = await pxo(["plan", "-C", repo, "--format", "json", ...extra], { env });
  expect(out.stderr).toBe("");
  return JSON.parse(out.stdout) as { items: { env: string; key: string; action: string; changes: { field: string; before?: unknown; after?: unknown }[]; support: { kind: string; family: string }[] }[] };
};

describe("pxo sync against the emulator over HTTP", () => {
  it("creates the example repository, bases first, then plans nothing with zero writes", async () => {
    const { e, repo, env } = await examplesOnEmulator();
    const first = await pxo(["sync", "-C", repo], { env });
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Sync: 14 created, 0 updated");
    // Clones were created from their bases' ids in the same environment.
    const prod = e.store.integrations("production");
    const byName = (n: string) => prod.find((i) => i.name === n);
    expect(byName("Beta Properties West (Yardi)")?.based_on_integration_id).toBe(byName("Beta Properties (Yardi)")?.id);
    expect(byName("Beta Properties (Yardi)")?.based_on_integration_id).toBe(byName("Acme Living (Yardi)")?.id);
    const locks = ["sandbox", "production"].map((x) => JSON.parse(readFileSync(path.join(repo, `integrations/${x}/propexo-lock.json`), "utf8")));
    expect(Object.keys(locks[1].integrations)).toHaveLength(8);

    e.log.length = 0;
    const plan = await planJson(repo, env);
    expect(plan.items.map((i) => i.action)).toEqual(Array(14).fill("unchanged"));
    const again = await pxo(["sync", "-C", repo], { env });
    expect(again.code).toBe(0);
    expect(writes(e)).toEqual([]);
    // list pages only: one per environment per run
    expect(e.log.map((r) => `${r.method} ${r.path}`)).toEqual(Array(4).fill("GET /v1/admin/integrations/"));
  });

  it("plans an update for every clone when a base changes, and a rename as an update", async () => {
    const { e, repo, env } = await syncedExamples();
    await edit(repo, "production/acme-yardi.yaml", "max_request_frequency: 2", "max_request_frequency: 3");
    await edit(repo, "sandbox/harbor-entrata.yaml", "name: Harbor Point Apartments (Entrata)", "name: Harbor Point (Entrata)");
    const plan = await planJson(repo, env);
    const changed = plan.items.filter((i) => i.action !== "unchanged").map((i) => `${i.env}/${i.key}:${i.action}:${i.changes.map((c) => `${c.field}=${JSON.stringify(c.before)}->${JSON.stringify(c.after)}`).join(",")}`);
    expect(changed).toEqual([
      'sandbox/harbor-entrata:update:name="Harbor Point Apartments (Entrata)"->"Harbor Point (Entrata)"',
      "production/acme-yardi:update:max_request_frequency=2->3",
      "production/beta-yardi:update:max_request_frequency=2->3",
      "production/beta-yardi-west:update:max_request_frequency=2->3",
    ]);
    e.log.length = 0;
    expect((await pxo(["sync", "-C", repo], { env })).code).toBe(0);
    expect(writes(e).map((r) => r.method)).toEqual(["PUT", "PUT", "PUT", "PUT"]);
    expect(e.store.integrations("sandbox").filter((i) => i.name.startsWith("Harbor"))).toHaveLength(1);
  });

  it("detects a custom schedule change through the lock, and sends credentials only when they changed or are rotated", async () => {
    const { e, repo, env } = await syncedExamples();
    await edit(repo, "production/beta-yardi-west.yaml", "timezone: America/Los_Angeles", "timezone: America/Denver");
    e.log.length = 0;
    await pxo(["sync", "-C", repo], { env });
    const put = writes(e);
    expect(put).toHaveLength(1);
    expect(Object.keys(put[0]?.body as object).sort()).toEqual(["custom_sync_schedule", "use_custom_sync_schedule"]);

    await edit(repo, "sandbox/harbor-entrata.yaml", "companyId: harborpoint", "companyId: harbor-point");
    e.log.length = 0;
    await pxo(["sync", "-C", repo], { env });
    expect(writes(e).map((r) => Object.keys(r.body as object))).toEqual([["credentials"]]);

    e.log.length = 0;
    const rotated = await pxo(["sync", "-C", repo, "--env", "sandbox", "--rotate-credentials", "acme-yardi"], { env });
    expect(rotated.code).toBe(0);
    expect(writes(e).map((r) => `${r.path} ${Object.keys(r.body as object).join(",")}`)).toEqual([`/v1/admin/integrations/${e.store.integrations("sandbox").find((i) => i.name === "Acme Living (Yardi)")?.id}/ credentials`]);
  });

  it("fails an item with a missing secret by name, skips its clones, and applies the rest", async () => {
    const e = await emulator({ rateLimit: 10_000 });
    const repo = await copyExamples();
    const secrets = JSON.parse(ciEnv(e, repo).PXO_SECRETS ?? "{}");
    delete secrets.NORTHWIND_ENTRATA_API_KEY;
    const out = await pxo(["sync", "-C", repo], { env: ciEnv(e, repo, { PXO_SECRETS: JSON.stringify(secrets) }) });
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/sandbox\/northwind-entrata: failed: missing secret NORTHWIND_ENTRATA_API_KEY/);
    expect(out.stdout).toMatch(/sandbox\/harbor-entrata: skipped: base northwind-entrata did not apply/);
    expect(out.stdout).toContain("Sync: 10 created");
    const retry = await pxo(["sync", "-C", repo], { env: ciEnv(e, repo) });
    expect(retry.stdout).toContain("Sync: 4 created");
    expect(e.store.integrations("sandbox").length + e.store.integrations("production").length).toBe(14);
  });

  it("finishes per item under injected 5xx, dropped connections and 429s, and a re-run converges without duplicates", async () => {
    const e = await emulator({ rateLimit: 10_000, rateWindowMs: 1500 }); // a forced 429 says Retry-After: 2
    const repo = await copyExamples();
    const env = ciEnv(e, repo);
    await control(e, "PUT", "/faults", { drop_next: 4, fail_next: 4, match: "^POST " });
    const first = await pxo(["sync", "-C", repo, "--concurrency", "1"], { env });
    expect(first.code).toBe(1); // four attempts at one create all failed: that item fails, its clones are skipped
    expect(first.stdout).toMatch(/: failed: POST \/v1\/admin\/integrations\//);
    expect(first.stdout).toMatch(/: skipped: base \S+ did not apply/);
    await control(e, "PUT", "/faults", { rate_limit_next: 2, drop_response_next: 2, match: "^POST " });
    const second = await pxo(["sync", "-C", repo], { env });
    expect(second.stdout).toContain("[response lost; found by name, no duplicate]");
    await control(e, "DELETE", "/faults");
    const last = await pxo(["sync", "-C", repo], { env });
    expect(last.code).toBe(0);
    const names = [...e.store.integrations("sandbox"), ...e.store.integrations("production")].map((i) => i.name);
    expect(names).toHaveLength(14);
    expect(new Set(names.map((n, i) => `${n}${i < e.store.integrations("sandbox").length ? "s" : "p"}`)).size).toBe(14);
    expect((await planJson(repo, env)).items.every((i) => i.action === "unchanged")).toBe(true);
  }, 60_000);

  it("refuses a saved plan after an out-of-band change, and applies it otherwise", async () => {
    const { e, repo, env } = await syncedExamples();
    await edit(repo, "sandbox/lakeside-appfolio.yaml", "max_job_concurrency: 2", "max_job_concurrency: 5");
    expect((await pxo(["plan", "-C", repo, "--out", "plan.json", "--format", "json"], { env })).code).toBe(0);
    const id = e.store.integrations("sandbox").find((i) => i.name === "Sunrise Rentals (Buildium test tenant)")?.id ?? "";
    await fetch(`${e.urls.sandbox}/v1/admin/integrations/${id}/`, { method: "PUT", headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ active: true }) });
    e.log.length = 0;
    const refused = await pxo(["sync", "-C", repo, "--plan", "plan.json"], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Propexo's sandbox integrations changed since it was made");
    expect(writes(e)).toEqual([]);

    await pxo(["plan", "-C", repo, "--out", "plan.json", "--format", "json"], { env });
    await edit(repo, "sandbox/lakeside-appfolio.yaml", "max_job_concurrency: 5", "max_job_concurrency: 6");
    expect((await pxo(["sync", "-C", repo, "--plan", "plan.json"], { env })).stderr).toContain("the integration files changed");

    await pxo(["plan", "-C", repo, "--out", "plan.json", "--format", "json"], { env });
    const applied = await pxo(["sync", "-C", repo, "--plan", "plan.json"], { env });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/Sync: 0 created, 2 updated/); // lakeside and sunrise (back to active: false)
  });

  it("keeps orphans unless --prune, and never prunes an empty environment", async () => {
    const { e, repo, env } = await syncedExamples();
    await rm(path.join(repo, "integrations/production/oak-resman.yaml"));
    const kept = await pxo(["sync", "-C", repo], { env });
    expect(kept.stdout).toContain("production/oak-resman");
    expect(kept.stdout).toContain("orphans kept");
    expect(e.store.integrations("production").filter((i) => !i.is_archived)).toHaveLength(8);

    const max = await pxo(["sync", "-C", repo, "--prune", "--max-changes", "0"], { env });
    expect(max.code).toBe(1);
    expect(max.stderr).toContain("--max-changes");
    const pruned = await pxo(["sync", "-C", repo, "--prune"], { env });
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain("1 deleted");
    expect(e.store.integrations("production").filter((i) => !i.is_archived)).toHaveLength(7);

    for (const f of readdirSync(path.join(repo, "integrations/sandbox")).filter((n) => n.endsWith(".yaml"))) await rm(path.join(repo, "integrations/sandbox", f));
    e.log.length = 0;
    const empty = await pxo(["sync", "-C", repo, "--prune"], { env });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain("refuses to delete every integration of sandbox");
    expect(writes(e)).toEqual([]);
  });

  it("asks for --yes before production changes outside CI", async () => {
    const e = await emulator({ rateLimit: 10_000 });
    const repo = await copyExamples();
    const { CI: _ci, ...env } = ciEnv(e, repo);
    const refused = await pxo(["sync", "-C", repo], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--yes");
    expect(writes(e)).toEqual([]);
    expect((await pxo(["sync", "-C", repo, "--env", "sandbox"], { env })).code).toBe(0);
    expect((await pxo(["sync", "-C", repo, "--yes"], { env })).code).toBe(0);
  });

  it("refuses to plan or sync an invalid repository, reading and writing nothing", async () => {
    const e = await emulator();
    const repo = await copyExamples();
    await edit(repo, "sandbox/beta-yardi.yaml", "based_on: acme-yardi", "based_on: acme-yardy");
    for (const cmd of ["plan", "sync"]) {
      const out = await pxo([cmd, "-C", repo], { env: ciEnv(e, repo) });
      expect(out.code).toBe(1);
      expect(out.stderr).toContain("integrations/sandbox/beta-yardi.yaml:5:11: error");
      expect(out.stderr).toContain("refusing to plan");
    }
    expect(e.log).toEqual([]);
  });

  it("writes no secret value to any output, plan file, lock file or emulator log; masks them under GitHub Actions", async () => {
    const e = await emulator({ rateLimit: 10_000 });
    const repo = await copyExamples();
    const env = ciEnv(e, repo, { GITHUB_ACTIONS: "true" });
    const outputs: string[] = [];
    const plan = await pxo(["plan", "-C", repo, "--out", "plan.json"], { env });
    outputs.push(plan.stdout, plan.stderr);
    const sync = await pxo(["sync", "-C", repo], { env });
    const masks = sync.stdout.split("\n").filter((l) => l.startsWith("::add-mask::"));
    expect(masks.length).toBeGreaterThan(20);
    outputs.push(sync.stdout.split("\n").filter((l) => !l.startsWith("::add-mask::")).join("\n"), sync.stderr);
    outputs.push(await readFile(path.join(repo, "plan.json"), "utf8"));
    for (const x of ["sandbox", "production"]) outputs.push(await readFile(path.join(repo, `integrations/${x}/propexo-lock.json`), "utf8"));
    outputs.push(JSON.stringify(e.log), JSON.stringify(e.store.state));
    for (const text of outputs) {
      expect(text).not.toContain("LEAKCHECK");
      expect(text).not.toContain(TEST_TOKEN);
    }
  });

  it("honours the rate limit: 429s are waited out, no item fails", async () => {
    const e = await emulator({ rateLimit: 10_000 });
    const repo = await copyExamples();
    await control(e, "PUT", "/faults", { rate_limit_next: 3 });
    const out = await pxo(["sync", "-C", repo, "--env", "sandbox"], { env: ciEnv(e, repo) });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("Sync: 6 created");
    expect(e.log.filter((r) => r.status === 429)).toHaveLength(3);
  });
});

describe("matching files to integrations", () => {
  it("adopts exactly one same-name integration, and refuses to guess between two", async () => {
    const { e, repo, env } = await examplesOnEmulator();
    const body = (name: string) => JSON.stringify({ integration_vendor: "RESMAN", name, credentials: { a: "b" }, active: true, sync_frequency: 8, sync_cadence: "HOUR" });
    const post = (b: string) => fetch(`${e.urls.production}/v1/admin/integrations/`, { method: "POST", headers: { authorization: `Bearer ${TEST_TOKEN}`, "content-type": "application/json" }, body: b });
    const existing = ((await (await post(body("Oak Grove Living (ResMan)"))).json()) as { result: { id: string } }).result.id;
    const plan = await planJson(repo, env, ["--env", "production"]);
    const oak = plan.items.find((i) => i.key === "oak-resman") as unknown as { action: string; id: string; match: string; changes: { field: string }[] };
    expect(oak).toMatchObject({ action: "update", id: existing, match: "adopted-by-name" });
    expect(oak.changes.map((c) => c.field)).toEqual(["credentials"]);
    const text = await pxo(["plan", "-C", repo, "--env", "production"], { env });
    expect(text.stdout).toContain(`~ oak-resman (${existing}) update [adopted by name]`);

    await post(body("Pine Street Management (Rent Manager)").replace("RESMAN", "RENTMANAGER"));
    await post(body("Pine Street Management (Rent Manager)").replace("RESMAN", "RENTMANAGER"));
    const sync = await pxo(["sync", "-C", repo, "--env", "production"], { env });
    expect(sync.code).toBe(1);
    expect(sync.stdout).toMatch(/production\/pine-rentmanager: failed: 2 integrations named "Pine Street Management \(Rent Manager\)"/);
    expect(sync.stdout).toContain("Sync: 6 created, 1 updated, 0 unchanged, 0 deleted, 0 orphans kept, 1 failed");
    const lock = JSON.parse(readFileSync(path.join(repo, "integrations/production/propexo-lock.json"), "utf8"));
    expect(lock.integrations["oak-resman"].id).toBe(existing);
    expect(lock.integrations["pine-rentmanager"]).toBeUndefined();
  });

  it("re-adopts by name when the lock's id is gone from Propexo, and records the new id without a write", async () => {
    const { e, repo, env } = await syncedExamples("--env", "sandbox");
    const lockFile = path.join(repo, "integrations/sandbox/propexo-lock.json");
    const lock = JSON.parse(readFileSync(lockFile, "utf8"));
    const real = lock.integrations["sunrise-buildium"].id;
    lock.integrations["sunrise-buildium"].id = "clstale000000000000000000";
    await writeFile(lockFile, JSON.stringify(lock));
    e.log.length = 0;
    const out = await pxo(["sync", "-C", repo, "--env", "sandbox"], { env });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`= sunrise-buildium (${real}) unchanged [adopted by name]`);
    expect(writes(e)).toEqual([]);
    expect(JSON.parse(readFileSync(lockFile, "utf8")).integrations["sunrise-buildium"].id).toBe(real);
  });

  it("exits 4 from plan --detailed-exitcode when changes are pending, 0 when not", async () => {
    const { repo, env } = await examplesOnEmulator();
    expect((await pxo(["plan", "-C", repo, "--detailed-exitcode"], { env })).code).toBe(4);
    await pxo(["sync", "-C", repo], { env });
    expect((await pxo(["plan", "-C", repo, "--detailed-exitcode"], { env })).code).toBe(0);
  });
});

contractSuite(served, "every request pxo sent and every response the emulator gave in these runs");

describe("on a terminal", () => {
  it("shows a progress line while it syncs, and clears it for the summary", async () => {
    const { repo, env } = await examplesOnEmulator();
    const out = await pxo(["sync", "-C", repo, "--env", "sandbox"], { env, tty: true });
    expect(out.code).toBe(0);
    expect(out.stderr).toContain("[1/6] sandbox/");
    expect(out.stderr).toContain("[6/6] sandbox/");
    expect(out.stderr.endsWith("\r\x1b[2K")).toBe(true);
  });
});

describe("runtime failures", () => {
  it("exits 3 when Propexo refuses the token, without printing it", async () => {
    const e = await emulator();
    const repo = await copyExamples();
    const out = await pxo(["sync", "-C", repo], { env: ciEnv(e, repo, { PROPEXO_SANDBOX_TOKEN: "wrong-token-value-123" }) });
    expect(out.code).toBe(3);
    expect(out.stderr).toContain("cannot read Propexo: GET /v1/admin/integrations/ (401 unauthorized)");
    expect(out.stdout + out.stderr).not.toContain("wrong-token-value-123");
  });
});
