import { describe, expect, it } from "vitest";
import { PropexoError } from "../src/platform/errors.js";
import { client, control, emulator, exchanges, raw, TEST_TOKEN } from "./helpers/emulator.js";
import { contractSuite } from "./helpers/contract.js";

const entrata = (name: string) => ({ integration_vendor: "ENTRATA", name, credentials: { apiKey: "k-very-secret-1", companyId: "c" } });

async function failureOf(p: Promise<unknown>): Promise<PropexoError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(PropexoError);
    return error as PropexoError;
  }
  throw new Error("expected a failure");
}

describe("the Propexo client over real HTTP", () => {
  it("follows meta.hasMore across pages at limit 250", async () => {
    const e = await emulator({ rateLimit: 100_000 });
    for (let i = 0; i < 600; i++) await raw(e, "sandbox", "POST", "/v1/admin/integrations/", entrata(`n${i}`));
    e.log.length = 0;
    const all = await client(e).listIntegrations();
    expect(all).toHaveLength(600);
    expect(new Set(all.map((i) => i.id)).size).toBe(600);
    expect(e.log.map((r) => r.path)).toEqual(["/v1/admin/integrations/", "/v1/admin/integrations/", "/v1/admin/integrations/"]);
  });

  it("retries injected 5xx and dropped connections, and then succeeds", async () => {
    const e = await emulator();
    await control(e, "PUT", "/faults", { fail_next: 2 });
    expect(await client(e).listIntegrations()).toEqual([]);
    await control(e, "PUT", "/faults", { drop_next: 2 });
    expect(await client(e).listIntegrations()).toEqual([]);
    expect(e.log.map((r) => r.status)).toEqual([503, 503, 200, -1, -1, 200]);
  });

  it("waits out a 429 for the window and retries without using up retries", async () => {
    const e = await emulator();
    await control(e, "PUT", "/faults", { rate_limit_next: 3 });
    expect(await client(e, "sandbox", { retries: 1 }).listIntegrations()).toEqual([]);
    // Three 429s and one retry allowed: a 429 does not use up a retry.
    expect(e.log.map((r) => r.status)).toEqual([429, 429, 429, 200]);
  });

  it("paces itself under the slowdown threshold from the x-ratelimit headers", async () => {
    const e = await emulator({ rateLimit: 10, rateWindowMs: 1500, slowdownMs: 1000 });
    const c = client(e, "sandbox", { rateWindowMs: 1500 });
    for (let i = 0; i < 12; i++) await c.listIntegrations();
    // Unpaced, the ninth and tenth of a window would be held back and the eleventh refused with a 429.
    expect(e.log.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(e.log.filter((r) => r.delayed_ms)).toEqual([]);
  });

  it("shares the budget with other clients through x-ratelimit-remaining", async () => {
    const e = await emulator({ rateLimit: 10, rateWindowMs: 1200, slowdownMs: 800 });
    for (let i = 0; i < 8; i++) await raw(e, "sandbox", "GET", "/v1/admin/integrations/");
    const c = client(e, "sandbox", { rateWindowMs: 1200 });
    await c.listIntegrations(); // the ninth of ten: held back, and it learns that the budget is spent
    await c.listIntegrations(); // waits for the window rather than spend the last slot
    expect(e.log.map((r) => [r.status, r.delayed_ms ?? 0])).toEqual([...Array(8).fill([200, 0]), [200, 800], [200, 0]]);
  });

  it("times out a slow request, and honours an overall deadline", async () => {
    const e = await emulator({ latencyMs: 400 });
    const timeout = await failureOf(client(e, "sandbox", { timeoutMs: 100, retries: 1 }).listIntegrations());
    expect(timeout.kind).toBe("timeout");
    const deadline = await failureOf(client(e, "sandbox", { timeoutMs: 5000, deadlineMs: 150 }).listIntegrations());
    expect(deadline.kind).toBe("deadline");
  });

  it("never duplicates a create whose response was lost", async () => {
    const e = await emulator();
    await control(e, "PUT", "/faults", { drop_response_next: 1, match: "^POST " });
    const result = await client(e, "production").createIntegration(entrata("Lost Response"));
    expect(result.recovered).toBe(true);
    expect(result.integration.name).toBe("Lost Response");
    expect(e.store.integrations("production").map((i) => i.name)).toEqual(["Lost Response"]);
  });

  it("retries a create refused with 5xx after checking that it did not happen", async () => {
    const e = await emulator();
    await control(e, "PUT", "/faults", { fail_next: 1, match: "^POST " });
    const result = await client(e, "production").createIntegration(entrata("Retried"));
    expect(result.recovered).toBe(false);
    expect(e.store.integrations("production")).toHaveLength(1);
    expect(e.log.map((r) => `${r.method} ${r.status}`)).toEqual(["POST 503", "GET 200", "POST 200"]);
  });

  it("turns Propexo's 400 into a readable typed error without the token or a credential", async () => {
    const e = await emulator();
    const c = client(e);
    const { integration } = await c.createIntegration(entrata("Acme"));
    const bad = await failureOf(c.updateIntegration(integration.id, { sync_cadence: "FORTNIGHT", credentials: { apiKey: "k-very-secret-2" } }));
    expect(bad).toMatchObject({ kind: "http", status: 400, code: "invalid_request", method: "PUT" });
    expect(bad.describe()).toContain("sync_cadence: Invalid enum value");
    const unauthorized = await failureOf(client(e, "sandbox", { token: "nope-wrong-token" }).listIntegrations());
    expect(unauthorized.kind).toBe("auth");
    for (const text of [bad.describe(), bad.message, JSON.stringify(bad), unauthorized.describe(), String(unauthorized.stack)]) {
      expect(text).not.toContain(TEST_TOKEN);
      expect(text).not.toContain("very-secret");
    }
  });

  it("sends only documented fields", async () => {
    const e = await emulator();
    const c = client(e);
    const body = { ...entrata("Extra"), environment: "sandbox", system: "SANDBOX", based_on: "x" } as Parameters<typeof c.createIntegration>[0];
    const { integration } = await c.createIntegration(body);
    await c.updateIntegration(integration.id, { active: true, based_on_integration_id: "x", name: "Extra 2" });
    const sent = e.log.filter((r) => r.method !== "GET").map((r) => Object.keys(r.body as object).sort());
    expect(sent).toEqual([["credentials", "integration_vendor", "name"], ["active", "name"]]);
  });

  it("keeps environments apart", async () => {
    const e = await emulator();
    await client(e, "production").createIntegration(entrata("Prod Only"));
    expect(await client(e, "sandbox").listIntegrations()).toEqual([]);
    expect((await client(e, "production").listIntegrations()).map((i) => i.name)).toEqual(["Prod Only"]);
  });

  it("covers every endpoint of the interface", async () => {
    const e = await emulator();
    const c = client(e, "production");
    const base = await c.createIntegration({ ...entrata("Base"), custom_sync_schedule: { type: "WEEK_BASED", timezone: "UTC", interval: { FRIDAY: { slots: [{ start: "01:00", end: "02:00", sync_frequency: 5, sync_cadence: "MINUTE" }] } } }, use_custom_sync_schedule: true });
    expect(base.integration.custom_sync_schedule).toBeDefined();
    await control(e, "PUT", `/production/integrations/${base.integration.id}/support-managed`, {
      job_schedules: { READ_LEASES: { sync_frequency: 2, sync_cadence: "HOUR" } },
      custom_enum_maps: { "applicants/status": { mappings: { Approved: "APPROVED" }, default_value: "OTHER" } },
    });
    const clone = await c.createIntegration({ ...entrata("Clone"), based_on_integration_id: base.integration.id });
    const schedules = await c.listJobSchedules(clone.integration.id);
    expect(schedules.map((s) => [s.job_type, s.sync_frequency, s.sync_cadence, s.status])).toEqual([["READ_LEASES", 2, "HOUR", "ACTIVE"]]);
    expect(await c.getJobSchedule(clone.integration.id, schedules[0]?.id ?? "")).toMatchObject({ job_type: "READ_LEASES" });
    expect(await c.getEnumMap("applicants/status", "ENTRATA", clone.integration.id)).toEqual({ is_custom_mapping: true, mappings: { Approved: "APPROVED" }, default_value: "OTHER" });
    expect((await c.getIntegration(clone.integration.id))?.name).toBe("Clone");
    expect(await c.getIntegration("missing")).toBeUndefined();
    expect(await c.startDataAccessCheck(clone.integration.id)).toBe(true);
    expect((await c.getDataAccess(clone.integration.id)).data_access_check_in_process).toBe(false);
    expect(await c.triggerManualSync(clone.integration.id, ["leases"])).toBe(true);
    const updated = await c.updateIntegration(clone.integration.id, { active: true, max_job_concurrency: 3 });
    expect(updated).toMatchObject({ vendor: "ENTRATA", active: true, max_job_concurrency: 3 });
    await c.deleteIntegration(clone.integration.id);
    await c.deleteIntegration(clone.integration.id); // already gone: still done
    expect((await c.listIntegrations()).map((i) => i.name)).toEqual(["Base"]);
  });
});

contractSuite(exchanges, "every exchange of the client tests");
