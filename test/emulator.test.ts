import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startEmulator } from "../src/emulator/server.js";
import { contractSuite } from "./helpers/contract.js";
import { control, emulator, exchanges, raw, TEST_TOKEN } from "./helpers/emulator.js";
import { tempDir } from "./helpers/tmp.js";

const yardi = {
  integration_vendor: "YARDI",
  name: "Acme",
  credentials: { username: "u", password: "p-very-secret", database: "d", serverName: "s", platform: "p", entity: "e", license: "l", companyId: "c" },
};

describe("emulator: Propexo's admin API on loopback", () => {
  it("requires the bearer token", async () => {
    const e = await emulator();
    expect((await raw(e, "sandbox", "GET", "/v1/admin/integrations/", undefined, "wrong")).status).toBe(401);
    const res = await fetch(`${e.urls.sandbox}/v1/admin/integrations/`);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
  });

  it("creates with documented defaults and returns the custom schedule only from POST and PUT", async () => {
    const e = await emulator();
    const schedule = { type: "WEEK_BASED", timezone: "UTC", interval: { MONDAY: { slots: [{ start: "08:00", end: "09:00", sync_frequency: 1, sync_cadence: "HOUR" }] } } };
    const created = await raw(e, "sandbox", "POST", "/v1/admin/integrations/", { ...yardi, custom_sync_schedule: schedule, use_custom_sync_schedule: true });
    expect(created.status).toBe(200);
    const r = created.body.result;
    expect(r).toMatchObject({ name: "Acme", vendor: "YARDI", system: "SANDBOX", active: false, sync_frequency: 12, sync_cadence: "HOUR", max_request_frequency: 1, max_request_cadence: "SECOND", max_job_concurrency: 1, new_properties_are_enabled: true, custom_sync_schedule: schedule, use_custom_sync_schedule: true });
    expect(r).not.toHaveProperty("credentials");
    expect(r).not.toHaveProperty("integration_vendor");

    const got = await raw(e, "sandbox", "GET", `/v1/admin/integrations/${r.id}/`);
    expect(got.body.results).toMatchObject({ id: r.id, vendor: "YARDI", is_running_sync: false });
    expect(got.body.results).not.toHaveProperty("custom_sync_schedule");
    expect(got.body.results).not.toHaveProperty("use_custom_sync_schedule");

    const put = await raw(e, "sandbox", "PUT", `/v1/admin/integrations/${r.id}/`, { active: true });
    expect(put.body.result).toMatchObject({ integration_vendor: "YARDI", active: true, custom_sync_schedule: schedule });
    expect(put.body.result).not.toHaveProperty("vendor");
    expect(JSON.stringify(e.store.state)).not.toContain("p-very-secret");
  });

  it("rejects unknown keys with Zod-style issues, and enums and ranges as documented", async () => {
    const e = await emulator();
    const unknown = await raw(e, "sandbox", "POST", "/v1/admin/integrations/", { ...yardi, foo: 1, environment: "sandbox" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "invalid_request", details: { name: "ZodError", issues: [{ code: "unrecognized_keys", keys: ["foo", "environment"], path: [] }] } });
    const bad = await raw(e, "sandbox", "POST", "/v1/admin/integrations/", { ...yardi, integration_vendor: "YARDY", max_job_concurrency: 101, sync_cadence: "FORTNIGHT" });
    const codes = bad.body.error.details.issues.map((i: { code: string; path: string[] }) => `${i.code}@${i.path.join(".")}`).sort();
    expect(codes).toEqual(["invalid_enum_value@integration_vendor", "invalid_enum_value@sync_cadence", "too_big@max_job_concurrency"]);
    const missing = await raw(e, "sandbox", "POST", "/v1/admin/integrations/", { name: "x" });
    expect(missing.body.error.details.issues.map((i: { path: string[] }) => i.path.join("."))).toEqual(["integration_vendor", "credentials"]);
    const badTime = await raw(e, "sandbox", "POST", "/v1/admin/integrations/", { ...yardi, custom_sync_schedule: { type: "WEEK_BASED", timezone: "UTC", interval: { MONDAY: { slots: [{ start: "24:00", end: "25:00", sync_frequency: 0, sync_cadence: "HOUR" }] } } } });
    expect(badTime.status).toBe(400);
    const noClone = await raw(e, "sandbox", "PUT", "/v1/admin/integrations/x/", { based_on_integration_id: "y" });
    expect(noClone.body.error.details.issues[0]).toMatchObject({ code: "unrecognized_keys", keys: ["based_on_integration_id"] });
  });

  it("clones the support-managed families from a base of the same vendor in the same environment", async () => {
    const e = await emulator();
    const base = (await raw(e, "production", "POST", "/v1/admin/integrations/", yardi)).body.result;
    const support = {
      job_schedules: { READ_LEASES: { sync_frequency: 1, sync_cadence: "HOUR", status: "ACTIVE" } },
      date_filters: { leases: { field: "updated_at", lookback_days: 30 } },
      job_controls: { READ_RESIDENT_TRANSACTIONS: { enabled: true } },
      custom_enum_maps: { "leases/status": { mappings: { Current: "ACTIVE" }, default_value: "OTHER" } },
      transform_schemas: { residents: { custom_data_fields: ["favorite_color"] } },
    };
    await control(e, "PUT", `/production/integrations/${base.id}/support-managed`, support);
    const clone = (await raw(e, "production", "POST", "/v1/admin/integrations/", { ...yardi, name: "Beta", based_on_integration_id: base.id })).body.result;
    expect(await control(e, "GET", `/production/integrations/${clone.id}/support-managed`)).toEqual({ support_managed: support });
    const schedules = await raw(e, "production", "GET", `/v1/admin/integrations/${clone.id}/job-schedules/`);
    expect(schedules.body.results).toEqual([expect.objectContaining({ job_type: "READ_LEASES", sync_frequency: 1, sync_cadence: "HOUR", status: "ACTIVE", integration_id: clone.id })]);
    const one = await raw(e, "production", "GET", `/v1/admin/integrations/${clone.id}/job-schedules/${schedules.body.results[0].id}/`);
    expect(one.body.results.job_type).toBe("READ_LEASES");
    const map = await raw(e, "production", "GET", `/v1/admin/normalization/leases/status?integration_vendor=YARDI&integration_id=${clone.id}`);
    expect(map.body.results).toEqual({ is_custom_mapping: true, mappings: { Current: "ACTIVE" }, default_value: "OTHER" });
    const system = await raw(e, "production", "GET", "/v1/admin/normalization/leases/status?integration_vendor=YARDI");
    expect(system.body.results.is_custom_mapping).toBe(false);
    expect((await raw(e, "production", "GET", "/v1/admin/normalization/leases/status")).status).toBe(400);
    expect((await raw(e, "production", "GET", "/v1/admin/normalization/leases/colour?integration_vendor=YARDI")).status).toBe(400);

    const otherVendor = await raw(e, "production", "POST", "/v1/admin/integrations/", { integration_vendor: "YARDI_REST", name: "R", credentials: { a: "b" }, based_on_integration_id: base.id });
    expect(otherVendor.status).toBe(400);
    const otherEnv = await raw(e, "sandbox", "POST", "/v1/admin/integrations/", { ...yardi, based_on_integration_id: base.id });
    expect(otherEnv.status).toBe(400);
    const unknown = await raw(e, "production", "POST", "/v1/admin/integrations/", { ...yardi, based_on_integration_id: "nope" });
    expect(unknown.status).toBe(400);
  });

  it("paginates with meta.hasMore, filters by vendor, archives on delete", async () => {
    const e = await emulator();
    for (let i = 0; i < 7; i++) await raw(e, "sandbox", "POST", "/v1/admin/integrations/", { ...yardi, name: `n${i}` });
    await raw(e, "sandbox", "POST", "/v1/admin/integrations/", { integration_vendor: "BUILDIUM", name: "b", credentials: { clientId: "c", secret: "s" } });
    const first = await raw(e, "sandbox", "GET", "/v1/admin/integrations/?limit=3&offset=0");
    expect(first.body.meta).toMatchObject({ offset: 0, limit: 3, hasMore: true, total: 8 });
    const last = await raw(e, "sandbox", "GET", "/v1/admin/integrations/?limit=3&offset=6");
    expect(last.body.meta.hasMore).toBe(false);
    expect(last.body.results).toHaveLength(2);
    expect((await raw(e, "sandbox", "GET", "/v1/admin/integrations/?limit=251")).status).toBe(400);
    const buildium = await raw(e, "sandbox", "GET", "/v1/admin/integrations/?integration_vendor=BUILDIUM");
    expect(buildium.body.results.map((r: { name: string }) => r.name)).toEqual(["b"]);
    const id = buildium.body.results[0].id;
    expect((await raw(e, "sandbox", "DELETE", `/v1/admin/integrations/${id}/`, {})).body).toEqual({ success: true });
    expect((await raw(e, "sandbox", "GET", "/v1/admin/integrations/?integration_vendor=BUILDIUM")).body.results).toEqual([]);
    expect((await raw(e, "sandbox", "GET", "/v1/admin/integrations/?integration_vendor=BUILDIUM&is_archived=true")).body.results).toHaveLength(1);
    expect((await raw(e, "production", "GET", "/v1/admin/integrations/")).body.results).toEqual([]);
    expect((await raw(e, "sandbox", "GET", "/v1/admin/integrations/nope/")).body.results).toBeNull();
    expect((await raw(e, "sandbox", "PUT", "/v1/admin/integrations/nope/", { active: true })).status).toBe(404);
  });

  it("serves data access and manual sync", async () => {
    const e = await emulator();
    const id = (await raw(e, "sandbox", "POST", "/v1/admin/integrations/", yardi)).body.result.id;
    expect((await raw(e, "sandbox", "POST", `/v1/admin/integrations/${id}/data-access`, {})).body).toEqual({ result: { began_data_access: true } });
    const access = await raw(e, "sandbox", "GET", `/v1/admin/integrations/${id}/data-access`);
    expect(access.body.result).toMatchObject({ data_access_check_in_process: false, last_data_access_check: expect.any(String) });
    expect((await raw(e, "sandbox", "POST", `/v1/admin/integrations/${id}/manual-sync`, { models_to_sync: ["leases"] })).body).toEqual({ result: { success: true } });
    expect((await raw(e, "sandbox", "POST", `/v1/admin/integrations/${id}/manual-sync`, { models_to_sync: ["lizards"] })).status).toBe(400);
  });

  it("limits to N a window with x-ratelimit headers, delays above 80%, answers 429 at 100%", async () => {
    const e = await emulator({ rateLimit: 5, rateWindowMs: 60_000, slowdownMs: 150 });
    const seen: { status: number; remaining: string | null }[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await raw(e, "sandbox", "GET", "/v1/admin/integrations/");
      seen.push({ status: r.status, remaining: r.headers.get("x-ratelimit-remaining") });
      expect(r.headers.get("x-ratelimit-limit")).toBe("5");
    }
    expect(seen.map((s) => [s.status, s.remaining])).toEqual([
      [200, "4"],
      [200, "3"],
      [200, "2"],
      [200, "1"],
      [200, "0"],
      [429, "0"],
    ]);
    // The fifth of five is above 80%: held back. The first four are not.
    expect(e.log.map((r) => r.delayed_ms ?? 0)).toEqual([0, 0, 0, 0, 150, 0]);
    const limited = await raw(e, "sandbox", "GET", "/v1/admin/integrations/");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Environments have separate budgets.
    expect((await raw(e, "production", "GET", "/v1/admin/integrations/")).status).toBe(200);
  });

  it("injects faults and keeps a redacted request log", async () => {
    const e = await emulator();
    await control(e, "PUT", "/faults", { fail_next: 1, error_status: 502 });
    expect((await raw(e, "sandbox", "GET", "/v1/admin/integrations/")).status).toBe(502);
    expect((await raw(e, "sandbox", "GET", "/v1/admin/integrations/")).status).toBe(200);
    await control(e, "PUT", "/faults", { drop_next: 1 });
    await expect(raw(e, "sandbox", "GET", "/v1/admin/integrations/")).rejects.toThrow();
    await control(e, "PUT", "/faults", { rate_limit_next: 1 });
    expect((await raw(e, "sandbox", "GET", "/v1/admin/integrations/")).status).toBe(429);
    await control(e, "PUT", "/faults", { drop_response_next: 1, match: "^POST " });
    expect((await raw(e, "sandbox", "GET", "/v1/admin/integrations/")).status).toBe(200);
    await expect(raw(e, "sandbox", "POST", "/v1/admin/integrations/", yardi)).rejects.toThrow();
    expect(e.store.integrations("sandbox")).toHaveLength(1); // carried out, response lost
    const log = (await control(e, "GET", "/requests")) as { requests: { status: number; body?: unknown }[] };
    expect(log.requests.map((r) => r.status)).toEqual([502, 200, -1, 429, 200, -2]);
    expect(JSON.stringify(log)).not.toContain("p-very-secret");
    await control(e, "POST", "/reset");
    expect(e.store.integrations("sandbox")).toHaveLength(0);
  });

  it("persists to a file with atomic writes and reloads it", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "state.json");
    const first = await startEmulator({ token: TEST_TOKEN, dataFile: file });
    await raw(first, "production", "POST", "/v1/admin/integrations/", yardi);
    await first.close();
    const text = await readFile(file, "utf8");
    expect(text).not.toContain("p-very-secret");
    const second = await emulator({ dataFile: file });
    const list = await raw(second, "production", "GET", "/v1/admin/integrations/");
    expect(list.body.results.map((r: { name: string }) => r.name)).toEqual(["Acme"]);
  });
});

contractSuite(exchanges, "every emulator response of the tests above");
