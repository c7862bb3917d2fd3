import { KEY_PATTERN } from "../workspace.js";
import type { Rule } from "./rule.js";

/** The file name is the integration's identity in git, so it must be a valid key. */
export const fileNameRule: Rule = {
  id: "file-name",
  check: ({ workspace }) =>
    workspace.files
      .filter((f) => !KEY_PATTERN.test(f.key))
      .map((f) => ({
        file: f.file,
        line: 1,
        column: 1,
        severity: "error" as const,
        code: "file-name-invalid" as const,
        message: `file name "${f.key}" is not a valid key: lower-case letters, digits and inner dashes, at most 64 characters`,
        hint: `rename it to ${suggestKey(f.key)}.yaml`,
      })),
};

export function suggestKey(key: string): string {
  return (
    key
      .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 64) || "integration"
  );
}
