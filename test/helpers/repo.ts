import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Emulator, EmulatorOptions } from "../../src/emulator/server.js";
import { emulator, TEST_TOKEN } from "./emulator.js";

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

/** A copy of the examples, an emulator with room to spare in its rate limit, and the CI environment for both. */
export async function examplesOnEmulator(options: Partial<EmulatorOptions> = {}) {
  const { copyExamples } = await import("./tmp.js");
  const e = await emulator({ rateLimit: 10_000, ...options });
  const repo = await copyExamples();
  return { e, repo, env: ciEnv(e, repo) };
}

/** The same, already synced (pxo sync with the given extra arguments). */
export async function syncedExamples(...args: string[]) {
  const setup = await examplesOnEmulator();
  const { pxo } = await import("./cli.js");
  const out = await pxo(["sync", "-C", setup.repo, ...args], { env: setup.env });
  if (out.code !== 0) throw new Error(`setup sync failed: ${out.stdout}${out.stderr}`);
  return setup;
}
