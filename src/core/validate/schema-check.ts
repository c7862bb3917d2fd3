import type { ErrorObject, ValidateFunction } from "ajv";
import type { Diagnostic, DiagnosticCode } from "../diagnostics.js";
import { childPointer, displayPath, lastSegment, parentPointer, type Pointer } from "../pointer.js";
import type { Effective, Provenance } from "../resolve/effective.js";

/** A compiled schema validator; built once per run at the edge and passed in. */
export type SchemaValidator = ValidateFunction;

const SECRET_REF = "#/definitions/secretRef";

/** Validates one effective configuration; each error lands on the line that set the offending value. */
export function checkSchema(validate: SchemaValidator, effective: Effective): Diagnostic[] {
  if (validate(effective.values)) return [];
  const errors = collapse(validate.errors ?? []);
  return errors.map((error) => toDiagnostic(error, effective));
}

/** Drops what ajv adds around the real error: `if` failures and the branches of a failed anyOf/oneOf. */
function collapse(errors: readonly ErrorObject[]): ErrorObject[] {
  const dropped = new Set<number>();
  errors.forEach((e, i) => {
    if (e.keyword === "if") dropped.add(i);
    if (e.keyword !== "anyOf" && e.keyword !== "oneOf") return;
    // ajv reports a union's branch errors right before the union's own error.
    for (let j = i - 1; j >= 0 && isWithin(errors[j]?.instancePath ?? "", e.instancePath); j--) dropped.add(j);
  });
  return errors.filter((_, i) => !dropped.has(i));
}

const isWithin = (p: Pointer, parent: Pointer): boolean => p === parent || p.startsWith(`${parent}/`);

interface Mapped {
  code: DiagnosticCode;
  message: string;
  hint: string;
  /** The value the diagnostic is about (for position lookup). */
  pointer: Pointer;
  /** Point at the key rather than the value (unknown or missing fields). */
  atKey: boolean;
}

function toDiagnostic(error: ErrorObject, effective: Effective): Diagnostic {
  const m = describe(error, effective);
  const where = locate(effective, m.pointer, m.atKey);
  return {
    file: where.file,
    line: where.line,
    column: where.column,
    severity: "error",
    code: m.code,
    message: m.message,
    hint: m.hint,
  };
}

function describe(error: ErrorObject, effective: Effective): Mapped {
  const pointer = error.instancePath;
  const path = displayPath(pointer);
  const inCredentials = isWithin(pointer, "/credentials");
  const params = error.params as Record<string, unknown>;
  const base = { pointer, atKey: false };

  if (error.schemaPath.startsWith(SECRET_REF) && error.keyword !== "pattern") {
    return {
      ...base,
      code: "secret-literal",
      message: `${path} is sensitive and must be a secret reference, not a literal`,
      hint: `write { secret: ${suggestSecretName(effective.key, lastSegment(pointer))} } and store the value as a CI secret`,
    };
  }
  switch (error.keyword) {
    case "additionalProperties": {
      const field = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = closest(field, known);
      return {
        pointer: childPointer(pointer, field),
        atKey: true,
        code: "unknown-field",
        message: `unknown field "${field}"${pointer ? ` in ${path}` : ""}`,
        hint: guess ? `did you mean "${guess}"?` : known.length ? `allowed here: ${known.join(", ")}` : "remove it",
      };
    }
    case "required": {
      const field = String(params.missingProperty);
      const credential = inCredentials || (pointer === "" && field === "credentials");
      return {
        pointer,
        atKey: true,
        code: credential && field !== "credentials" ? "credential-missing" : "required-field",
        message: `${pointer ? `${path} is missing` : "missing"} required field "${field}"`,
        hint: credential && field !== "credentials" ? `add credentials.${field} (see the vendor's credentials in the README)` : `add ${field}:`,
      };
    }
    case "oneOf": {
      const shapes = ((error.schema as { title?: string }[] | undefined) ?? []).map((s) => s.title).filter(Boolean);
      return {
        ...base,
        atKey: true,
        code: inCredentials ? "credential-missing" : "invalid-value",
        message: `${path} must match exactly one of: ${shapes.join("; ")}`,
        hint: "keep the fields of one shape and remove the others",
      };
    }
    case "anyOf": {
      const read = typeof valueAt(effective.values, pointer);
      return {
        ...base,
        code: "invalid-type",
        message: `${path} must be a string or a { secret: NAME } reference`,
        hint: read === "number" || read === "boolean" ? `YAML read this value as a ${read}: put it in quotes` : "write a plain string value, or { secret: NAME }",
      };
    }
    case "type": {
      const expected = String(params.type);
      return { ...base, code: "invalid-type", message: `${path} must be ${article(expected)}`, hint: typeHint(expected, effective, pointer, inCredentials) };
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const shown = allowed.length > 16 ? `${allowed.slice(0, 16).join(", ")}, ...` : allowed.join(", ");
      const vendor = pointer === "/integration_vendor";
      const guess = closest(String(valueAt(effective.values, pointer) ?? ""), allowed);
      return {
        ...base,
        code: vendor ? "vendor-unknown" : "invalid-value",
        message: `${path} must be one of: ${shown}`,
        hint: guess && !inCredentials ? `did you mean ${guess}?` : vendor ? "use one of Propexo's 13 vendor values" : "use one of the listed values",
      };
    }
    case "const":
      return { ...base, code: "invalid-value", message: `${path} must be ${JSON.stringify(params.allowedValue)}`, hint: `write ${JSON.stringify(params.allowedValue)}` };
    case "propertyNames": {
      const name = String(params.propertyName);
      return {
        pointer: childPointer(pointer, name),
        atKey: true,
        code: "invalid-key",
        message: `"${name}" is not a valid key in ${path}`,
        hint: keyHint(pointer),
      };
    }
    case "pattern":
    case "format": {
      if (error.schemaPath.startsWith(SECRET_REF)) {
        return { ...base, code: "secret-name-invalid", message: `secret name at ${path} must be UPPER_SNAKE_CASE`, hint: "e.g. { secret: ACME_YARDI_PASSWORD }" };
      }
      const what = error.keyword === "format" ? `a valid ${String(params.format)}` : `in the form ${String(params.pattern)}`;
      return { ...base, code: "invalid-format", message: `${path} must be ${what}`, hint: formatHint(pointer) };
    }
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
    case "minLength":
    case "maxLength":
    case "minItems":
    case "maxItems":
    case "minProperties":
      return { ...base, code: "out-of-range", message: `${path} ${error.message ?? "is out of range"}`, hint: "see the field's range in the schema" };
    default:
      return { ...base, code: "invalid-value", message: `${path} ${error.message ?? "is invalid"}`, hint: "see the field's description in the schema" };
  }
}

function locate(effective: Effective, pointer: Pointer, atKey: boolean): { file: string; line: number; column: number } {
  let p: Pointer | undefined = pointer;
  let exact = true;
  while (p !== undefined) {
    const prov: Provenance | undefined = effective.origin.get(p);
    if (prov) {
      if ((atKey || !exact) && prov.keyLine !== undefined) return { file: prov.file, line: prov.keyLine, column: prov.keyColumn ?? 1 };
      return { file: prov.file, line: prov.line, column: prov.column };
    }
    p = parentPointer(p);
    exact = false;
  }
  return { file: effective.file, line: 1, column: 1 };
}

function typeHint(expected: string, effective: Effective, pointer: Pointer, inCredentials: boolean): string {
  const plain = effective.origin.get(pointer)?.plain;
  if (plain === undefined || inCredentials) return `write ${article(expected)} value`;
  if (expected === "boolean") return `YAML read ${plain} as a string: write true or false`;
  if (expected === "string") return `YAML read ${plain} as a ${typeof valueAt(effective.values, pointer)}: quote it, "${plain}"`;
  if (expected === "integer" || expected === "number") return `write a number without quotes`;
  return `write ${article(expected)} value`;
}

function keyHint(pointer: Pointer): string {
  if (pointer === "/job_schedules" || pointer === "/job_controls") return "job types are UPPER_SNAKE_CASE, e.g. READ_LEASES";
  if (pointer === "/date_filters" || pointer === "/transform_schemas") return "use a Propexo model name such as leases or residents";
  return "see the schema for the allowed keys";
}

function formatHint(pointer: Pointer): string {
  if (/\/(start|end)$/.test(pointer)) return 'write a 24-hour time in quotes, e.g. "08:00"';
  if (pointer === "/based_on") return "a key is lower-case letters, digits and dashes";
  return "see the field's description in the schema";
}

const article = (t: string): string => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

export function suggestSecretName(key: string, field: string): string {
  const norm = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();
  return `${norm(key)}_${norm(field)}`.replace(/^([^A-Z])/, "S_$1");
}

function valueAt(values: unknown, pointer: Pointer): unknown {
  let cur: unknown = values;
  for (const seg of pointer.split("/").slice(1)) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[seg.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return cur;
}

/** The known name closest to a typo, if it is close enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0;
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length] ?? 0;
}
