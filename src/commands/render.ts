import { Document, isMap, isScalar, isSeq, type Node as YamlNode } from "yaml";
import { isError } from "../core/diagnostics.js";
import { childPointer, type Pointer } from "../core/pointer.js";
import { effectiveId, type Effective } from "../core/resolve/effective.js";
import { isEnvironment } from "../core/workspace.js";
import { formatDiagnostics } from "../report/diagnostics.js";
import { readSchema } from "../schemas.js";
import { EXIT, UsageError, type CommandContext } from "./context.js";
import { loadAndValidate } from "./load-repo.js";

export interface RenderOptions {
  format: "yaml" | "json";
  explain: boolean;
}

/** `pxo render <env>/<key>`: the effective configuration, optionally with where each value came from. */
export async function renderCommand(ctx: CommandContext, target: string, options: RenderOptions): Promise<number> {
  const [env, key, extra] = target.replace(/\.yaml$/, "").replace(/^integrations\//, "").split("/");
  if (!env || !key || extra !== undefined || !isEnvironment(env)) {
    throw new UsageError(`pxo render: expected <env>/<key>, e.g. sandbox/acme-yardi (got "${target}")`);
  }
  const { workspace, validation } = await loadAndValidate(ctx.root);
  if (!workspace.byEnv[env].has(key)) throw new UsageError(`pxo render: no file integrations/${env}/${key}.yaml`);
  const effective = validation.resolution.effective.get(effectiveId(env, key));
  const chainFiles = new Set((effective?.chain ?? [key]).map((k) => `integrations/${env}/${k}.yaml`));
  const problems = validation.diagnostics.filter((d) => chainFiles.has(d.file));
  if (!effective || problems.some(isError)) {
    ctx.stderr.write(formatDiagnostics({ files: 1, diagnostics: problems }, "text", ctx.stderr.isTTY));
    return EXIT.problems;
  }
  const ordered = orderLikeSchema(effective.values);
  if (options.format === "json") {
    const body = options.explain ? { values: ordered, sources: explainSources(effective) } : ordered;
    ctx.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    return EXIT.ok;
  }
  ctx.stdout.write(renderYaml(effective, ordered, options.explain));
  return EXIT.ok;
}

function orderLikeSchema(values: Record<string, unknown>): Record<string, unknown> {
  const order = Object.keys((readSchema("integration").properties as object | undefined) ?? {});
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in values && k !== "$schema") out[k] = values[k];
  for (const [k, v] of Object.entries(values)) if (!(k in out) && k !== "$schema") out[k] = v;
  return out;
}

function explainSources(effective: Effective): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [p, o] of effective.origin) if (p !== "") out[p] = `${o.file}:${o.keyLine ?? o.line}`;
  return out;
}

function renderYaml(effective: Effective, values: Record<string, unknown>, explain: boolean): string {
  const doc = new Document(values);
  if (explain) {
    doc.commentBefore = ` effective configuration of ${effective.env}/${effective.key} (chain: ${effective.chain.join(" <- ")})`;
    annotate(doc.contents, "", effective);
  }
  return doc.toString({ lineWidth: 0 });
}

function annotate(node: unknown, pointer: Pointer, effective: Effective): void {
  const note = (p: Pointer) => {
    const o = effective.origin.get(p);
    return o ? ` ${o.file}:${o.keyLine ?? o.line}` : undefined;
  };
  if (isSeq(node)) {
    node.items.forEach((item, index) => annotate(item, childPointer(pointer, index), effective));
    return;
  }
  if (!isMap(node)) return;
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const p = childPointer(pointer, String(pair.key.value));
    const value = pair.value as YamlNode | null;
    const comment = note(p);
    if (isScalar(value)) {
      if (comment) value.comment = comment;
      continue;
    }
    if (comment && pointer !== "" && isWithinOneFile(effective, p)) {
      pair.key.comment = comment;
      continue;
    }
    if (comment) pair.key.comment = comment;
    annotate(value, p, effective);
  }
}

/** A collection set entirely by one file gets one note, not one per line. */
function isWithinOneFile(effective: Effective, pointer: Pointer): boolean {
  const files = new Set<string>();
  for (const [p, o] of effective.origin) if (p === pointer || p.startsWith(`${pointer}/`)) files.add(o.file);
  return files.size === 1;
}
