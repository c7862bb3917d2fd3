import type { Diagnostic } from "../diagnostics.js";
import { childPointer, displayPath } from "../pointer.js";
import type { Effective } from "../resolve/effective.js";
import { suggestSecretName } from "../validate/schema-check.js";
import { at, type Rule } from "./rule.js";

/** Field names that hold secrets in some vendor's credentials (covers vendors with no published shape). */
export const SENSITIVE_FIELD = /pass(word)?|secret|token|api_?key|licen[cs]e|partner_?key|private|credential/i;

const KEY_FORMATS: readonly RegExp[] = [
  /^AKIA[0-9A-Z]{16}$/,
  /^gh[pousr]_[A-Za-z0-9]{30,}$/,
  /^xox[abprs]-[A-Za-z0-9-]{10,}$/,
  /^sk_(live|test)_[A-Za-z0-9]{16,}$/,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./,
];

/** True for a literal that looks like a secret: a known key format, or long and random. */
export function looksLikeSecret(value: string): boolean {
  if (KEY_FORMATS.some((re) => re.test(value))) return true;
  if (value.length < 20 || /\s/.test(value) || /^[a-z]+:\/\//i.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(value)).length;
  return classes >= 3 && entropy(value) >= 4;
}

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/**
 * Sensitive credentials fields must be `{ secret: NAME }` references (the schema says so for vendors with a
 * published shape; this rule covers every vendor by field name), and no literal anywhere may look like a
 * secret. Messages name the field, never the value.
 */
export const secretsRule: Rule = {
  id: "secrets",
  check: ({ resolution }) => {
    const out: Diagnostic[] = [];
    for (const effective of resolution.effective.values()) walk(effective, effective.values, "", out);
    return out;
  },
};

/** Names that belong to the pipeline itself: a file must not be able to send them to Propexo as credentials. */
const RESERVED_SECRET = /^(PROPEXO_|PXO_|GITHUB_|ACTIONS_|RUNNER_|CI$|HOME$|PATH$)/;

function walk(effective: Effective, value: unknown, pointer: string, out: Diagnostic[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(effective, v, childPointer(pointer, i), out));
    return;
  }
  if (typeof value === "object" && value !== null) {
    if (isSecretRef(value)) {
      if (RESERVED_SECRET.test(value.secret)) {
        out.push({
          ...at(effective, `${pointer}/secret`),
          severity: "error",
          code: "secret-name-reserved",
          message: `${displayPath(pointer)} refers to ${value.secret}, a variable of the pipeline itself, not a credential`,
          hint: `name the secret after the integration, e.g. ${suggestSecretName(effective.key, pointer.split("/").at(-1) ?? "secret")}`,
        });
      }
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      const p = childPointer(pointer, k);
      if (pointer.startsWith("/credentials") && SENSITIVE_FIELD.test(k) && isLiteral(v)) {
        out.push({
          ...at(effective, p),
          severity: "error",
          code: "secret-literal",
          message: `${displayPath(p)} is sensitive and must be a secret reference, not a literal`,
          hint: `write { secret: ${suggestSecretName(effective.key, k)} } and store the value as a CI secret`,
        });
        continue;
      }
      walk(effective, v, p, out);
    }
    return;
  }
  if (typeof value === "string" && pointer !== "/$schema" && looksLikeSecret(value)) {
    out.push({
      ...at(effective, pointer),
      severity: "error",
      code: "secret-high-entropy",
      message: `${displayPath(pointer)} holds a literal that looks like a secret`,
      hint: "move the value to a CI secret and reference it with { secret: NAME }; rotate it if it was pushed",
    });
  }
}

export const isSecretRef = (v: unknown): v is { secret: string } =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as { secret?: unknown }).secret === "string";

const isLiteral = (v: unknown): boolean => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
