// `npm start`: the main job on the example repository, as CI would run it, against the built-in emulator.
// The emulator does not check credentials, so the demo supplies a placeholder for every secret the files name.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const names = new Set();
for (const env of ["sandbox", "production"]) {
  for (const file of readdirSync(`integrations/${env}`).filter((f) => f.endsWith(".yaml"))) {
    for (const m of readFileSync(`integrations/${env}/${file}`, "utf8").matchAll(/secret:\s*([A-Z][A-Z0-9_]*)/g)) names.add(m[1]);
  }
}
const PXO_SECRETS = JSON.stringify(Object.fromEntries([...names].map((n) => [n, `demo-value-of-${n.toLowerCase()}`])));

const pxo = (...args) => {
  console.log(`\n$ pxo ${args.join(" ")}`);
  const r = spawnSync(process.execPath, ["dist/src/bin/pxo.js", ...args], { stdio: "inherit", env: { ...process.env, PXO_SECRETS } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

pxo("validate");
pxo("plan", "--emulator");
pxo("sync", "--emulator", "--yes");
pxo("plan", "--emulator", "--detailed-exitcode");
