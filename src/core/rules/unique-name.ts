import type { Diagnostic } from "../diagnostics.js";
import { ENVIRONMENTS } from "../workspace.js";
import type { Rule } from "./rule.js";

/** Propexo matches integrations by name when the lock has no id, so a name may appear once per environment. */
export const uniqueNameRule: Rule = {
  id: "unique-name",
  check: ({ workspace }) => {
    const out: Diagnostic[] = [];
    for (const env of ENVIRONMENTS) {
      const byName = new Map<string, string[]>();
      for (const source of workspace.byEnv[env].values()) {
        const name = source.loaded.data?.name;
        if (typeof name !== "string") continue;
        const norm = name.trim().toLowerCase();
        byName.set(norm, [...(byName.get(norm) ?? []), source.key]);
      }
      for (const keys of byName.values()) {
        if (keys.length < 2) continue;
        for (const key of keys) {
          const source = workspace.byEnv[env].get(key);
          if (!source) continue;
          const spot = source.loaded.spots.get("/name");
          const others = keys.filter((k) => k !== key).map((k) => `${k}.yaml`);
          out.push({
            file: source.file,
            line: spot?.value.line ?? 1,
            column: spot?.value.column ?? 1,
            severity: "error",
            code: "name-duplicate",
            message: `name is also used by ${others.join(", ")} in integrations/${env}/`,
            hint: "give each integration of an environment its own name",
          });
        }
      }
    }
    return out;
  },
};
