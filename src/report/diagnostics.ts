import pc from "picocolors";
import { DIAGNOSTIC_CODES, type Diagnostic } from "../core/diagnostics.js";

export type DiagnosticFormat = "text" | "json" | "github" | "sarif";
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ["text", "json", "github", "sarif"];

export interface DiagnosticReport {
  files: number;
  diagnostics: readonly Diagnostic[];
}

export function formatDiagnostics(report: DiagnosticReport, format: DiagnosticFormat, color = false): string {
  switch (format) {
    case "json":
      return `${JSON.stringify({ files: report.files, diagnostics: report.diagnostics.map(jsonShape) }, null, 2)}\n`;
    case "github":
      return report.diagnostics.map(githubAnnotation).join("");
    case "sarif":
      return `${JSON.stringify(sarif(report), null, 2)}\n`;
    case "text":
      return text(report, color);
  }
}

function jsonShape(d: Diagnostic) {
  return { file: d.file, line: d.line, column: d.column, severity: d.severity, code: d.code, message: d.message, hint: d.hint ?? null };
}

function text(report: DiagnosticReport, color: boolean): string {
  const c = pc.createColors(color);
  const lines = report.diagnostics.map((d) => {
    const sev = d.severity === "error" ? c.red("error") : c.yellow("warning");
    const hint = d.hint ? `\n  ${c.dim(`hint: ${d.hint}`)}` : "";
    return `${c.bold(`${d.file}:${d.line}:${d.column}`)}: ${sev}: ${d.message} ${c.dim(`[${d.code}]`)}${hint}`;
  });
  const errors = report.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = report.diagnostics.length - errors;
  const summary =
    errors + warnings === 0
      ? c.green(`${report.files} file${report.files === 1 ? "" : "s"} valid`)
      : `${report.files} file${report.files === 1 ? "" : "s"} checked: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`;
  return `${[...lines, summary].join("\n")}\n`;
}

/** GitHub workflow commands: data and properties escaped as the runner expects. */
const escapeData = (s: string): string => s.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
const escapeProperty = (s: string): string => escapeData(s).replaceAll(":", "%3A").replaceAll(",", "%2C");

export function githubAnnotation(d: Diagnostic): string {
  const props = [
    `file=${escapeProperty(d.file)}`,
    `line=${d.line}`,
    `col=${d.column}`,
    `title=${escapeProperty(`pxo ${d.code}`)}`,
  ].join(",");
  const body = d.hint ? `${d.message}\n${d.hint}` : d.message;
  return `::${d.severity} ${props}::${escapeData(body)}\n`;
}

function sarif(report: DiagnosticReport) {
  const used = [...new Set(report.diagnostics.map((d) => d.code))].sort();
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "pxo",
            informationUri: "https://github.com/propexo-gitops/propexo-gitops",
            rules: used.map((id) => ({ id, shortDescription: { text: DIAGNOSTIC_CODES[id] } })),
          },
        },
        results: report.diagnostics.map((d) => ({
          ruleId: d.code,
          level: d.severity,
          message: { text: d.hint ? `${d.message} (${d.hint})` : d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file },
                region: { startLine: d.line, startColumn: d.column },
              },
            },
          ],
        })),
      },
    ],
  };
}
