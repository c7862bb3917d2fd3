// `npm start`: the main job on the example repository, as CI would run it, against the built-in emulator.
// The emulator does not check credentials, so the demo supplies a placeholder for every secret the files name.
// An optional argument names another repository to run on (the tests use a temporary copy).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(process.argv[2] ?? ".");
const bin = fileURLToPath(new URL("../dist/src/bin/pxo.js", import.meta.url));

const names = new Set();
for (const env of ["sandbox", "production"]) {
  const dir = path.join(repo, "integrations", env);
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml"))) {
    for (const m of readFileSync(path.join(dir, file), "utf8").matchAll(/secret:\s*([A-Z][A-Z0-9_]*)/g)) names.add(m[1]);
  }
}
const PXO_SECRETS = JSON.stringify(Object.fromEntries([...names].map((n) => [n, `demo-value-of-${n.toLowerCase()}`])));

const pxo = (...args) => {
  console.log(`\n$ pxo ${args.join(" ")}`);
  const r = spawnSync(process.execPath, [bin, "-C", repo, ...args], { stdio: "inherit", env: { ...process.env, PXO_SECRETS } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

pxo("validate");
pxo("plan", "--emulator");
pxo("sync", "--emulator", "--yes");
pxo("plan", "--emulator", "--detailed-exitcode");
