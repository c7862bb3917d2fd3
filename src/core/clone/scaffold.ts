import { Document, isMap, isScalar, parseDocument, type YAMLMap } from "yaml";
import { SUPPORT_MANAGED } from "../../platform/propexo-api.js";
import { SENSITIVE_FIELD, isSecretRef } from "../rules/secrets.js";
import { suggestSecretName } from "../validate/schema-check.js";
import type { Effective } from "../resolve/effective.js";

export interface CloneRequest {
  env: string;
  baseKey: string;
  newKey: string;
  name: string;
  /** The texts of the base's chain, the base first and its root base last: the clone keeps their style. */
  chainTexts: readonly string[];
  /** Top-level field order of the schema, for the order of a flattened file. */
  fieldOrder: readonly string[];
  baseEffective: Effective;
  flatten: boolean;
  /** `field.path=value` overrides, values read as YAML scalars. */
  set: readonly { path: string[]; value: unknown }[];
  today: string;
}

export interface Scaffold {
  text: string;
  /** Secret names the author has to create. */
  secrets: string[];
  /** Literal credentials fields copied from the base, to check. */
  copiedLiterals: string[];
}

const ORDER = ["name", "integration_vendor", "based_on"];

/** The text of a new integration file cloned from a base in the same folder. */
export function scaffoldClone(req: CloneRequest): Scaffold {
  const base = parseDocument(req.chainTexts[0] ?? "", { keepSourceTokens: false });
  const secrets: string[] = [];
  const copiedLiterals: string[] = [];
  const doc = req.flatten ? flattened(req.chainTexts) : new Document({});
  doc.commentBefore = [
    " yaml-language-server: $schema=../../schemas/integration.schema.json",
    ` Cloned from ${req.baseKey} (integrations/${req.env}/${req.baseKey}.yaml) by pxo clone on ${req.today}.`,
    req.flatten
      ? " Every effective value of the base is written out; based_on still makes Propexo clone the base's support-managed configuration."
      : ` Inherits everything from ${req.baseKey} but name and credentials; write here only what differs.`,
    " To do: create the secrets below in CI, check the copied credentials literals, review, open a pull request.",
  ].join("\n");
  const root = doc.contents as YAMLMap;
  root.set("name", req.name);
  root.set("integration_vendor", req.baseEffective.values.integration_vendor);
  root.set("based_on", req.baseKey);
  const baseCredentials = base.get("credentials", true);
  const credentials = isMap(baseCredentials) ? (baseCredentials.clone() as YAMLMap) : doc.createNode({});
  rewriteCredentials(credentials as YAMLMap, [], req, secrets, copiedLiterals);
  root.set("credentials", credentials);
  for (const { path, value } of req.set) doc.setIn(path, value);
  reorder(root, req.flatten ? req.fieldOrder : []);
  return { text: doc.toString({ lineWidth: 0 }), secrets, copiedLiterals };
}

/** Sensitive fields (and fields the base keeps as references) become new references; literals are copied and flagged. */
function rewriteCredentials(map: YAMLMap, path: string[], req: CloneRequest, secrets: string[], literals: string[]): void {
  map.commentBefore = null;
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const field = String(pair.key.value);
    const value = pair.value;
    const fullPath = [...path, field];
    if (isMap(value) && !isSecretRef(value.toJSON())) {
      rewriteCredentials(value, fullPath, req, secrets, literals);
      continue;
    }
    const reference = isMap(value) || SENSITIVE_FIELD.test(field);
    if (reference) {
      const name = suggestSecretName(req.newKey, fullPath.join("_"));
      const node = new Document({ secret: name }).contents as YAMLMap;
      node.flow = true;
      pair.value = node;
      secrets.push(name);
    } else if (isScalar(value)) {
      value.comment = ` copied from ${req.baseKey}: check`;
      literals.push(fullPath.join("."));
    }
  }
}

/**
 * The base's effective configuration as a document made of the chain's own nodes (root base first, each
 * descendant merged over it as inheritance does), so quoting, flow style and comments survive.
 */
function flattened(chainTexts: readonly string[]): Document {
  const docs = [...chainTexts].reverse().map((t) => parseDocument(t, { keepSourceTokens: false }));
  const result = (docs[0] ?? new Document({})).clone();
  result.commentBefore = null;
  const root = result.contents as YAMLMap;
  root.commentBefore = null;
  for (const doc of docs.slice(1)) mergeMap(root, doc.contents as YAMLMap, true);
  for (const key of ["$schema", "credentials"]) root.delete(key);
  const first = root.items[0];
  if (first && isScalar(first.key)) first.key.commentBefore = null;
  return result;
}

function mergeMap(target: YAMLMap, overlay: YAMLMap, top: boolean): void {
  for (const pair of overlay.items) {
    const key = keyOf(pair);
    if (top && (key === "name" || key === "credentials" || key === "$schema")) continue;
    const value = pair.value;
    if (isScalar(value) && value.value === null) {
      target.delete(key);
      continue;
    }
    const current = target.get(key, true);
    if (isMap(current) && isMap(value)) {
      mergeMap(current, value, false);
      continue;
    }
    target.set(key, value && typeof value === "object" && "clone" in value ? (value as YAMLMap).clone() : value);
  }
}

const keyOf = (pair: { key: unknown }): string => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));

/** name, integration_vendor, based_on first; credentials just before the support-managed families. */
function reorder(root: YAMLMap, fieldOrder: readonly string[]): void {
  const order = [...ORDER, ...fieldOrder.filter((f) => !ORDER.includes(f))];
  const rank = (pair: { key: unknown }) => {
    const i = order.indexOf(keyOf(pair));
    return i < 0 ? order.length : i;
  };
  const credentials = root.items.find((p) => keyOf(p) === "credentials");
  const rest = root.items.filter((p) => p !== credentials);
  rest.sort((a, b) => rank(a) - rank(b));
  const support = new Set<string>(SUPPORT_MANAGED);
  const firstSupport = rest.findIndex((p) => support.has(keyOf(p)));
  if (credentials) rest.splice(firstSupport < 0 ? rest.length : firstSupport, 0, credentials);
  root.items = rest;
}
