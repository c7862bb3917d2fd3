/** Why a Propexo call failed, in a form a plan or sync can report per item. Never holds a token or credential. */
export type FailureKind = "http" | "rate-limited" | "network" | "timeout" | "deadline" | "auth" | "not-found" | "invalid-response";

export class PropexoError extends Error {
  override readonly name = "PropexoError";

  constructor(
    readonly kind: FailureKind,
    readonly method: string,
    readonly path: string,
    message: string,
    readonly status?: number,
    /** Propexo's own error.code, e.g. invalid_request. */
    readonly code?: string,
    /** Propexo's error.details, e.g. Zod issues listing unknown keys. */
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Worth trying again: the request may not have been carried out, or was refused for load. */
  get transient(): boolean {
    return this.kind === "network" || this.kind === "timeout" || this.kind === "rate-limited" || (this.kind === "http" && (this.status ?? 0) >= 500);
  }

  /** One line for a person: what failed, Propexo's reason, and what Propexo listed. */
  describe(): string {
    const where = `${this.method} ${this.path}`;
    const status = this.status ? ` (${this.status}${this.code ? ` ${this.code}` : ""})` : "";
    const issues = issueSummary(this.details);
    return `${where}${status}: ${this.message}${issues ? ` — ${issues}` : ""}`;
  }
}

function issueSummary(details: unknown): string {
  const issues = (details as { issues?: { code?: string; keys?: string[]; path?: unknown[]; message?: string }[] } | undefined)?.issues;
  if (!Array.isArray(issues)) return "";
  return issues
    .slice(0, 5)
    .map((i) => {
      const at = Array.isArray(i.path) && i.path.length ? `${i.path.join(".")}: ` : "";
      return i.code === "unrecognized_keys" && i.keys ? `${at}unknown key(s) ${i.keys.join(", ")}` : `${at}${i.message ?? i.code ?? "invalid"}`;
    })
    .join("; ");
}
