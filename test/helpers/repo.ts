import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Emulator } from "../../src/emulator/server.js";
import { TEST_TOKEN } from "./emulator.js";

/** A recognisable value for every secret the repository's files name, so tests can prove none leaks. */
export function secretsFor(repo: string): Record<string, string> {
  const names = new Set<string>();
  for (const env of ["sandbox", "production"]) {
    const dir = path.join(repo, "integrations", env);
    for (const f of readdirSync(dir).filter((n) => n.endsWith(".yaml"))) {
      for (const m of readFileSync(path.join(dir, f), "utf8").matchAll(/secret:\s*([A-Z][A-Z0-9_]*)/g)) names.add(m[1] ?? "");
    }
  }
  return Object.fromEntries([...names].map((n) => [n, `LEAKCHECK-${n}-s3cr3t`]));
}

/** The environment a CI job would give pxo: tokens, URLs of the emulator, and secrets in PXO_SECRETS. */
export function ciEnv(e: Emulator, repo: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CI: "true",
    PROPEXO_SANDBOX_TOKEN: TEST_TOKEN,
    PROPEXO_PRODUCTION_TOKEN: TEST_TOKEN,
    PROPEXO_SANDBOX_URL: e.urls.sandbox,
    PROPEXO_PRODUCTION_URL: e.urls.production,
    PXO_SECRETS: JSON.stringify(secretsFor(repo)),
    ...extra,
  };
}
