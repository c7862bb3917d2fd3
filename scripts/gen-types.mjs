// Regenerates src/generated/*.ts from schemas/*.schema.json. `--check` exits 1 when they are stale.
import { readFile, writeFile, readdir } from "node:fs/promises";
import { compile } from "json-schema-to-typescript";

const check = process.argv.includes("--check");
const root = new URL("../", import.meta.url);
const banner = "/* Generated from schemas/ by `npm run gen:types`. Do not edit by hand. */";

let stale = 0;
for (const name of (await readdir(new URL("schemas/", root))).filter((n) => n.endsWith(".schema.json")).sort()) {
  const schema = JSON.parse(await readFile(new URL(`schemas/${name}`, root), "utf8"));
  const ts = await compile(schema, schema.title, { bannerComment: banner, additionalProperties: false, style: { printWidth: 120 } });
  const target = new URL(`src/generated/${name.replace(".schema.json", ".ts")}`, root);
  const current = await readFile(target, "utf8").catch(() => "");
  if (current === ts) continue;
  stale++;
  if (check) console.error(`stale: src/generated/${name.replace(".schema.json", ".ts")} (run npm run gen:types)`);
  else await writeFile(target, ts);
}
if (check && stale) process.exit(1);
