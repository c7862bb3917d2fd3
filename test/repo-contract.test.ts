import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES } from "../src/core/diagnostics.js";
import { EXIT } from "../src/commands/context.js";
import { VERSION } from "../src/version.js";

const readme = readFileSync("README.md", "utf8");

describe("the repository keeps its promises", () => {
  it("lists every diagnostic code in the README's table", () => {
    const missing = Object.keys(DIAGNOSTIC_CODES).filter((code) => !readme.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
  });

  it("lists every exit code in the README's table", () => {
    for (const code of Object.values(EXIT)) expect(readme).toMatch(new RegExp(`^\\| ${code} \\|`, "m"));
  });

  it("has exactly the two set-up commands", () => {
    expect(readme).toContain("npm ci && npm start");
    expect(readme).toContain("npm test");
  });

  it("keeps the version constant in step with package.json", () => {
    expect(VERSION).toBe(JSON.parse(readFileSync("package.json", "utf8")).version);
  });

  it("has generated types that match schemas/ (npm run gen:types regenerates)", () => {
    expect(() => execFileSync(process.execPath, ["scripts/gen-types.mjs", "--check"], { stdio: "pipe" })).not.toThrow();
  });
});

describe("the file schema and the Propexo facts agree", () => {
  it("has the same vendor, cadence and timezone enums as src/platform/propexo-api.ts", async () => {
    const { VENDORS, CADENCES, TIMEZONES, ENUM_MAP_VALUES } = await import("../src/platform/propexo-api.js");
    const schema = JSON.parse(readFileSync("schemas/integration.schema.json", "utf8"));
    expect(schema.properties.integration_vendor.enum).toEqual([...VENDORS]);
    expect(schema.properties.sync_cadence.enum).toEqual([...CADENCES]);
    expect(schema.definitions.customSyncSchedule.properties.timezone.enum).toEqual([...TIMEZONES]);
    const maps = schema.properties.custom_enum_maps.properties;
    expect(Object.keys(maps)).toEqual(Object.keys(ENUM_MAP_VALUES));
    for (const [k, values] of Object.entries(ENUM_MAP_VALUES)) expect(maps[k].properties.default_value.enum).toEqual([...values]);
  });
});

describe("the capability table", () => {
  it("names every support-managed family, each written only through Propexo support", async () => {
    const { CAPABILITIES, SUPPORT_MANAGED } = await import("../src/platform/capabilities.js");
    expect(CAPABILITIES.filter((c) => c.write === "support").map((c) => c.family).sort()).toEqual([...SUPPORT_MANAGED].sort());
    const schema = JSON.parse(readFileSync("schemas/integration.schema.json", "utf8"));
    for (const family of SUPPORT_MANAGED) expect(schema.properties[family]?.description).toMatch(/^Support-managed/);
  });
});
