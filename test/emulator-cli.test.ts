import { describe, expect, it } from "vitest";
import { spawnPxo } from "./helpers/process.js";

describe("pxo emulator", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    it(`prints both URLs when ready, serves them, and stops cleanly on ${signal}`, async () => {
      const p = spawnPxo(["emulator", "--port", "0", "--token", "cli-token-123"]);
      const sandbox = (await p.waitFor(/PROPEXO_SANDBOX_URL=(\S+)/))[1] ?? "";
      const production = (await p.waitFor(/PROPEXO_PRODUCTION_URL=(\S+)/))[1] ?? "";
      expect(sandbox).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sandbox$/);
      expect(production).toBe(sandbox.replace(/sandbox$/, "production"));
      const res = await fetch(`${production}/v1/admin/integrations/`, { headers: { authorization: "Bearer cli-token-123" } });
      expect(res.status).toBe(200);
      expect((await fetch(`${sandbox}/v1/admin/integrations/`)).status).toBe(401);
      p.child.kill(signal);
      expect(await p.exited).toBe(0);
      expect(p.output().stdout).toContain(`stopped (${signal})`);
    });
  }

  it("refuses to start without a token", async () => {
    const p = spawnPxo(["emulator", "--port", "0"]);
    expect(await p.exited).toBe(2);
    expect(p.output().stderr).toContain("--token");
  });
});
