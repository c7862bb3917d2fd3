import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { Exchange } from "../../src/platform/http-transport.js";

/** Propexo's published OpenAPI, read in place from shared/ beside the repository (never copied in). */
export const OPENAPI_FILE = path.resolve("..", "shared", "propexo-openapi-admin.yml");
export const haveOpenApi = existsSync(OPENAPI_FILE);

interface Operation {
  method: string;
  pattern: RegExp;
  template: string;
  request?: ValidateFunction;
  responses: Map<number, ValidateFunction>;
}

export interface ContractProblem {
  where: string;
  errors: string;
}

/**
 * Validators for every admin operation. The file's anonymised vendors are mapped back (SAMPLE1 is YARDI,
 * SAMPLE2 is APPFOLIO, YARDI_REST is added), and request bodies are closed (`additionalProperties: false`),
 * as the live API rejects unknown keys although the file does not say so.
 */
export function loadContract(): { check(method: string, path: string, status: number, requestBody: unknown, responseBody: unknown): ContractProblem[] } {
  const doc = parse(readFileSync(OPENAPI_FILE, "utf8"), { maxAliasCount: -1 }) as Record<string, unknown>;
  mapVendors(doc);
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema({ $id: "propexo", components: (doc as { components: unknown }).components });
  const ref = (r: string): ValidateFunction => ajv.compile({ $ref: `propexo${r}` });
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    for (const [method, op] of Object.entries(item)) {
      const reqRef = (op.requestBody as { content?: { "application/json"?: { schema?: { $ref?: string } } } } | undefined)?.content?.["application/json"]?.schema?.$ref;
      const responses = new Map<number, ValidateFunction>();
      for (const [status, r] of Object.entries(op.responses as Record<string, { content?: { "application/json"?: { schema?: { $ref?: string } } } }>)) {
        const schemaRef = r.content?.["application/json"]?.schema?.$ref;
        if (schemaRef) responses.set(Number(status), ref(schemaRef));
      }
      const operation: Operation = { method: method.toUpperCase(), pattern, template, responses };
      if (reqRef) operation.request = closed(ajv, reqRef);
      operations.push(operation);
    }
  }
  return {
    check(method, urlPath, status, requestBody, responseBody) {
      const op = operations.find((o) => o.method === method && o.pattern.test(urlPath));
      if (!op) return [{ where: `${method} ${urlPath}`, errors: "no such operation in Propexo's OpenAPI" }];
      const problems: ContractProblem[] = [];
      if (op.request && requestBody !== undefined && !op.request(requestBody)) {
        problems.push({ where: `${method} ${op.template} request`, errors: ajv.errorsText(op.request.errors) });
      }
      const validate = op.responses.get(status);
      if (validate && !validate(responseBody)) problems.push({ where: `${method} ${op.template} ${status} response`, errors: ajv.errorsText(validate.errors) });
      return problems;
    },
  };
}

function closed(ajv: Ajv2020, ref: string): ValidateFunction {
  const name = ref.split("/").at(-1) ?? "";
  const schema = (ajv.getSchema("propexo")?.schema as { components: { schemas: Record<string, Record<string, unknown>> } }).components.schemas[name];
  const copy = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"propexo#/components/')) as Record<string, unknown>;
  return ajv.compile({ ...copy, $id: `closed-${name}`, additionalProperties: false });
}

function mapVendors(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(mapVendors);
    return;
  }
  if (!node || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  if (Array.isArray(o.enum) && o.enum.includes("SAMPLE1")) o.enum = [...new Set([...o.enum, "YARDI", "APPFOLIO", "YARDI_REST"])];
  for (const v of Object.values(o)) mapVendors(v);
}

/**
 * Registers a test that holds every recorded exchange to Propexo's OpenAPI: request bodies Propexo accepted,
 * and every 200 and 400 response. Skipped, saying so, where shared/ is not beside the repository.
 */
export function contractSuite(exchanges: readonly Exchange[], what: string): void {
  describe.skipIf(!haveOpenApi)(`contract: ${what} against Propexo's OpenAPI`, () => {
    it("holds each request body and each 200/400 response to the published schemas", () => {
      const contract = loadContract();
      const checked = exchanges.filter((x) => x.status === 200 || x.status === 400);
      expect(checked.length).toBeGreaterThan(20);
      // A body Propexo refused (a test's deliberate mistake) is held to nothing but the error shape.
      const problems = checked.flatMap((x) => contract.check(x.method, x.path, x.status, x.status === 200 ? x.requestBody : undefined, x.responseBody));
      expect(problems).toEqual([]);
    });
  });
  if (!haveOpenApi) console.warn(`contract tests skipped: ${OPENAPI_FILE} is absent`);
}
