// `npm start`: the main job on the example repository. Runs the built CLI as a user would.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";

const pxo = (...args) => {
  console.log(`\n$ pxo ${args.join(" ")}`);
  const r = spawnSync(process.execPath, ["dist/src/bin/pxo.js", ...args], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

pxo("validate");
for (const env of ["sandbox", "production"]) {
  for (const file of readdirSync(`integrations/${env}`).filter((f) => f.endsWith(".yaml")).sort()) {
    pxo("render", `${env}/${file.replace(/\.yaml$/, "")}`);
  }
}
