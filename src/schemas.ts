import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import type { SchemaValidator } from "./core/validate/schema-check.js";
import { packageFile } from "./package-root.js";

export type SchemaName = "integration" | "lock";

export function readSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(packageFile(`schemas/${name}.schema.json`), "utf8")) as Record<string, unknown>;
}

/** Compiles one of the project's schemas; call once per run and pass the result down. */
export function compileSchema(name: SchemaName): SchemaValidator {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false });
  ajv.addKeyword("tsType");
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  return ajv.compile(readSchema(name));
}
