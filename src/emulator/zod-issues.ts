import type { ErrorObject } from "ajv";

/** Zod-style issues, the shape Propexo's 400 `error.details` carries (its example is a ZodError). */
export interface ZodIssue {
  code: string;
  path: (string | number)[];
  message: string;
  [extra: string]: unknown;
}

const toPath = (pointer: string): (string | number)[] =>
  pointer === ""
    ? []
    : pointer
        .slice(1)
        .split("/")
        .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));

export function toZodIssues(errors: readonly ErrorObject[], data: unknown): ZodIssue[] {
  const unknownKeys = new Map<string, string[]>();
  const issues: ZodIssue[] = [];
  for (const e of errors) {
    const path = toPath(e.instancePath);
    const p = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case "additionalProperties": {
        const keys = unknownKeys.get(e.instancePath) ?? [];
        keys.push(String(p.additionalProperty));
        unknownKeys.set(e.instancePath, keys);
        break;
      }
      case "required":
        issues.push({ code: "invalid_type", expected: "string", received: "undefined", path: [...path, String(p.missingProperty)], message: "Required" });
        break;
      case "type":
        issues.push({ code: "invalid_type", expected: String(p.type), received: typeOf(valueAt(data, path)), path, message: `Expected ${String(p.type)}, received ${typeOf(valueAt(data, path))}` });
        break;
      case "enum":
        issues.push({
          code: "invalid_enum_value",
          options: p.allowedValues,
          received: valueAt(data, path),
          path,
          message: `Invalid enum value. Expected ${(p.allowedValues as unknown[]).map((v) => `'${String(v)}'`).join(" | ")}`,
        });
        break;
      case "minimum":
      case "exclusiveMinimum":
        issues.push({ code: "too_small", minimum: p.limit, inclusive: e.keyword === "minimum", type: "number", path, message: `Number must be greater than${e.keyword === "minimum" ? " or equal to" : ""} ${String(p.limit)}` });
        break;
      case "maximum":
        issues.push({ code: "too_big", maximum: p.limit, inclusive: true, type: "number", path, message: `Number must be less than or equal to ${String(p.limit)}` });
        break;
      case "pattern":
        issues.push({ code: "invalid_string", validation: "regex", path, message: "Invalid" });
        break;
      default:
        issues.push({ code: "custom", path, message: e.message ?? "Invalid input" });
    }
  }
  for (const [pointer, keys] of unknownKeys) {
    issues.unshift({ code: "unrecognized_keys", keys, path: toPath(pointer), message: `Unrecognized key(s) in object: ${keys.map((k) => `'${k}'`).join(", ")}` });
  }
  return issues;
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let cur = data;
  for (const seg of path) cur = typeof cur === "object" && cur !== null ? (cur as Record<string, unknown>)[seg] : undefined;
  return cur;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (v === undefined) return "undefined";
  return typeof v;
}
