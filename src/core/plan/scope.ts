import { effectiveId, type Resolution } from "../resolve/effective.js";
import { INTEGRATIONS_DIR, isEnvironment } from "../workspace.js";

/**
 * The `env/key`s a change touches: every changed integration file (deleted ones too, so their orphans are
 * planned) and every clone whose chain of bases includes one of them.
 */
export function scopeOfChanges(changedPaths: readonly string[], resolution: Resolution): Set<string> {
  const changed = new Set<string>();
  for (const p of changedPaths) {
    const [dir, env, file, extra] = p.split("/");
    if (dir !== INTEGRATIONS_DIR || !env || !isEnvironment(env) || !file || extra !== undefined) continue;
    if (file === "propexo-lock.json") continue;
    if (file.endsWith(".yaml")) changed.add(effectiveId(env, file.slice(0, -".yaml".length)));
  }
  const scope = new Set(changed);
  for (const e of resolution.effective.values()) {
    if (e.chain.some((k) => changed.has(effectiveId(e.env, k)))) scope.add(effectiveId(e.env, e.key));
  }
  return scope;
}
