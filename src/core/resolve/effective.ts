import type { Diagnostic } from "../diagnostics.js";
import { childPointer, type Pointer } from "../pointer.js";
import type { Environment, SourceFile, Workspace } from "../workspace.js";

export const MAX_CHAIN_DEPTH = 5;

/** Fields that belong to one file only: a clone never takes them from its base. */
const NEVER_INHERITED = new Set(["name", "credentials", "based_on", "$schema"]);

/** Where an effective value was set. */
export interface Provenance {
  file: string;
  line: number;
  column: number;
  keyLine?: number;
  keyColumn?: number;
  plain?: string;
}

/** A file's configuration after `based_on` inheritance, every value with its provenance. */
export interface Effective {
  env: Environment;
  key: string;
  file: string;
  values: Record<string, unknown>;
  origin: Map<Pointer, Provenance>;
  /** Keys from this file up to the root base: [key, base, base's base, ...]. */
  chain: string[];
}

export interface Resolution {
  effective: Map<string, Effective>;
  diagnostics: Diagnostic[];
}

export const effectiveId = (env: Environment, key: string): string => `${env}/${key}`;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Resolves inheritance for every loaded file of the workspace. A file whose base is missing, in a cycle,
 * too deep or of another vendor gets a diagnostic on its `based_on` line and no effective configuration,
 * so nothing downstream plans from a broken chain.
 */
export function resolveWorkspace(ws: Workspace): Resolution {
  const effective = new Map<string, Effective>();
  const diagnostics: Diagnostic[] = [];
  const failed = new Set<string>();

  const resolve = (source: SourceFile, path: string[]): Effective | undefined => {
    const id = effectiveId(source.env, source.key);
    const done = effective.get(id);
    if (done) return done;
    if (failed.has(id)) return undefined;
    const data = source.loaded.data;
    if (!data) return fail(id);

    const baseKey = typeof data.based_on === "string" ? data.based_on : undefined;
    if (baseKey === undefined) return remember(id, own(source));
    const problem = (code: Diagnostic["code"], message: string, hint: string) => {
      const spot = source.loaded.spots.get("/based_on");
      diagnostics.push({
        file: source.file,
        line: spot?.value.line ?? 1,
        column: spot?.value.column ?? 1,
        severity: "error",
        code,
        message,
        hint,
      });
      return fail(id);
    };

    if (path.includes(baseKey) || baseKey === source.key) {
      const cycle = [...path.slice(path.indexOf(baseKey)), source.key, baseKey].join(" -> ");
      return problem("base-cycle", `based_on forms a cycle: ${cycle}`, "make one file of the cycle a root without based_on");
    }
    if (path.length >= MAX_CHAIN_DEPTH) {
      return problem(
        "base-too-deep",
        `based_on chain is deeper than ${MAX_CHAIN_DEPTH}: ${[...path, source.key].join(" -> ")}`,
        "base this file on a file closer to the root, or flatten a level",
      );
    }
    const base = ws.byEnv[source.env].get(baseKey);
    if (!base) {
      const other = source.env === "sandbox" ? "production" : "sandbox";
      if (ws.byEnv[other].has(baseKey)) {
        return problem(
          "base-other-environment",
          `base "${baseKey}" exists only in integrations/${other}/; cloning never crosses environments`,
          `base this file on an integration in integrations/${source.env}/, or create the base there first`,
        );
      }
      return problem(
        "base-missing",
        `base "${baseKey}" does not exist in integrations/${source.env}/ (deleted or renamed?)`,
        `restore integrations/${source.env}/${baseKey}.yaml or point based_on at an existing file`,
      );
    }
    const baseData = base.loaded.data;
    if (baseData && baseData.integration_vendor !== data.integration_vendor) {
      return problem(
        "base-vendor-mismatch",
        `base "${baseKey}" is ${String(baseData.integration_vendor)}, this file is ${String(data.integration_vendor)}; cloning needs the same vendor`,
        "use a base of the same integration_vendor",
      );
    }
    const resolvedBase = resolve(base, [...path, source.key]);
    if (!resolvedBase) return fail(id);
    return remember(id, inherit(resolvedBase, source));
  };

  const remember = (id: string, e: Effective) => {
    effective.set(id, e);
    return e;
  };
  const fail = (id: string) => {
    failed.add(id);
    return undefined;
  };

  for (const source of ws.files) resolve(source, []);
  return { effective, diagnostics };
}

function own(source: SourceFile): Effective {
  const data = source.loaded.data ?? {};
  const origin = new Map<Pointer, Provenance>();
  for (const [pointer, spot] of source.loaded.spots) origin.set(pointer, provenance(source.file, spot));
  return { env: source.env, key: source.key, file: source.file, values: dropNulls(data), origin, chain: [source.key] };
}

/** Base merged with the file: mappings key by key, scalars and lists replace, null removes. */
function inherit(base: Effective, source: SourceFile): Effective {
  const data = source.loaded.data ?? {};
  const values: Record<string, unknown> = {};
  const origin = new Map<Pointer, Provenance>();
  for (const [k, v] of Object.entries(base.values)) if (!NEVER_INHERITED.has(k)) values[k] = v;
  for (const [pointer, prov] of base.origin) {
    const top = pointer.split("/")[1];
    if (pointer !== "" && top !== undefined && !NEVER_INHERITED.has(top)) origin.set(pointer, prov);
  }
  mergeInto(values, data, "", source, origin);
  const rootSpot = source.loaded.spots.get("");
  if (rootSpot) origin.set("", provenance(source.file, rootSpot));
  return {
    env: source.env,
    key: source.key,
    file: source.file,
    values,
    origin,
    chain: [source.key, ...base.chain],
  };
}

function mergeInto(
  target: Record<string, unknown>,
  overlay: Record<string, unknown>,
  pointer: Pointer,
  source: SourceFile,
  origin: Map<Pointer, Provenance>,
): void {
  for (const [k, v] of Object.entries(overlay)) {
    const p = childPointer(pointer, k);
    const spot = source.loaded.spots.get(p);
    if (isPlainObject(v) && isPlainObject(target[k])) {
      const copy = { ...(target[k] as Record<string, unknown>) };
      target[k] = copy;
      if (spot) origin.set(p, provenance(source.file, spot));
      mergeInto(copy, v, p, source, origin);
      continue;
    }
    forget(origin, p);
    if (v === null) {
      delete target[k];
      continue;
    }
    target[k] = isPlainObject(v) ? dropNulls(v) : v;
    for (const [sp, s] of source.loaded.spots) if (sp === p || sp.startsWith(`${p}/`)) origin.set(sp, provenance(source.file, s));
  }
}

function forget(origin: Map<Pointer, Provenance>, pointer: Pointer): void {
  for (const p of [...origin.keys()]) if (p === pointer || p.startsWith(`${pointer}/`)) origin.delete(p);
}

function dropNulls(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null) continue;
    out[k] = isPlainObject(v) ? dropNulls(v) : v;
  }
  return out;
}

function provenance(file: string, spot: { key?: { line: number; column: number }; value: { line: number; column: number }; plain?: string }): Provenance {
  const p: Provenance = { file, line: spot.value.line, column: spot.value.column };
  if (spot.key) {
    p.keyLine = spot.key.line;
    p.keyColumn = spot.key.column;
  }
  if (spot.plain !== undefined) p.plain = spot.plain;
  return p;
}
