/** The one diagnostic shape every command reports, and the stable codes it may carry. */

export type Severity = "error" | "warning";

export interface Diagnostic {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  hint?: string;
}

/** Every code pxo can emit, with the one-line meaning the README lists (a test keeps the two in step). */
export const DIAGNOSTIC_CODES = {
  "file-unreadable": "the file could not be read",
  "file-too-large": "the file is larger than the 1 MiB limit",
  "file-encoding": "the file is not valid UTF-8",
  "file-name-invalid": "the file name (the key) breaks the key rule",
  "file-extension": "an integration file must end in .yaml",
  "unknown-environment": "the file is not in integrations/sandbox/ or integrations/production/",
  "yaml-empty": "the file has no content",
  "yaml-syntax": "the YAML does not parse",
  "yaml-tab": "a tab is used for indentation",
  "yaml-duplicate-key": "a mapping repeats a key",
  "yaml-alias": "an anchor or alias is used",
  "yaml-tag": "an explicit tag (!!binary, !custom, ...) is used",
  "yaml-directive": "a %YAML or %TAG directive is used",
  "yaml-multiple-documents": "the file holds more than one document",
  "yaml-not-mapping": "the top level is not a mapping",
  "yaml-too-deep": "the nesting is deeper than the limit",
  "unknown-field": "a field the schema does not define",
  "required-field": "a required field is missing",
  "invalid-type": "a value has the wrong type",
  "invalid-value": "a value is not one of the allowed values",
  "invalid-format": "a value does not match the expected format",
  "invalid-key": "a mapping key is not allowed there",
  "out-of-range": "a number, length or count is outside its range",
  "vendor-unknown": "integration_vendor is not one of Propexo's 13 vendors",
  "credential-missing": "a credentials field the vendor requires is missing",
  "secret-literal": "a sensitive credentials field holds a literal instead of { secret: NAME }",
  "secret-high-entropy": "a literal looks like a secret (high entropy or a known key format)",
  "secret-name-invalid": "a secret reference name is not UPPER_SNAKE_CASE",
  "secret-name-reserved": "a secret reference names a variable of the pipeline (PROPEXO_*, GITHUB_*, PXO_*, ...)",
  "base-missing": "based_on names a file that does not exist in the same folder",
  "base-other-environment": "based_on names a file that exists only in the other environment",
  "base-vendor-mismatch": "the base has another integration_vendor",
  "base-cycle": "based_on forms a cycle",
  "base-too-deep": "the based_on chain is deeper than 5",
  "name-duplicate": "two files of one environment share a name",
  "schedule-overlap": "two slots of one day overlap",
  "schedule-start-after-end": "a slot's start is not before its end",
  "schedule-missing": "use_custom_sync_schedule is true but no custom_sync_schedule is set",
  "lock-invalid": "propexo-lock.json is not valid JSON or does not match schemas/lock.schema.json",
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export const isError = (d: Diagnostic): boolean => d.severity === "error";

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}

/** Sorted, with repeats (same place, same code) removed: an inherited error is found once per clone. */
export function normalizeDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of [...list].sort(compareDiagnostics)) {
    const id = `${d.file}\0${d.line}\0${d.column}\0${d.code}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(d);
  }
  return out;
}
