import { Composer, LineCounter, Parser, isAlias, isMap, isPair, isScalar, isSeq, visit } from "yaml";
import type { Document, Node as YamlNode, Scalar } from "yaml";
import type { Diagnostic, DiagnosticCode } from "../diagnostics.js";
import { childPointer, type Pointer } from "../pointer.js";
import { DEFAULT_LIMITS, findExcessiveDepth, type LoadLimits } from "./limits.js";

export interface Position {
  line: number;
  column: number;
}

/** Where one value sits in its file: the key that names it (absent for the root) and the value itself. */
export interface Spot {
  key?: Position;
  value: Position;
  /** The source text of a plain (unquoted) scalar, for hints about YAML's implicit typing. */
  plain?: string;
}

export interface LoadedYaml {
  /** Absent when the file could not be read as one mapping. */
  data?: Record<string, unknown>;
  spots: Map<Pointer, Spot>;
  diagnostics: Diagnostic[];
}

/**
 * Reads one file strictly: one mapping document, no duplicate keys, anchors, aliases, tags or directives.
 * Sizes and depth are checked before parsing. Every problem comes back as a diagnostic, never a throw.
 */
export function loadStrictYaml(file: string, bytes: Uint8Array, limits: LoadLimits = DEFAULT_LIMITS): LoadedYaml {
  const spots = new Map<Pointer, Spot>();
  const diagnostics: Diagnostic[] = [];
  const fail = (code: DiagnosticCode, message: string, hint: string, at: Position = { line: 1, column: 1 }) => {
    diagnostics.push({ file, ...at, severity: "error", code, message, hint });
    return { spots, diagnostics };
  };

  if (bytes.byteLength > limits.maxBytes) return oversizedFile(file, bytes.byteLength, limits);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("file-encoding", "file is not valid UTF-8", "save the file as UTF-8", firstInvalidUtf8(bytes));
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!/^\s*[^\s#]/m.test(text)) {
    return fail("yaml-empty", "file is empty", "write an integration (name, integration_vendor, credentials) or delete the file");
  }
  const deep = findExcessiveDepth(text, limits.maxDepth);
  if (deep) {
    return fail(
      "yaml-too-deep",
      `nesting is deeper than ${limits.maxDepth} levels`,
      "an integration file needs only a few levels; flatten the structure",
      deep,
    );
  }

  const lines = new LineCounter();
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  const at = (offset: number): Position => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  for (const token of tokens) {
    if (token.type === "directive") {
      fail("yaml-directive", "YAML directives are not allowed", "delete the % line (and a lone --- after it)", at(token.offset));
    }
  }
  const docs = [...new Composer({ uniqueKeys: true, strict: true }).compose(tokens)];
  if (docs.length > 1) {
    const second = docs[1]?.range[0] ?? 0;
    fail("yaml-multiple-documents", "file holds more than one YAML document", "keep one integration per file; remove the ---", at(second));
  }
  const doc = docs[0];
  if (!doc) return fail("yaml-empty", "file is empty", "write an integration or delete the file");
  for (const error of doc.errors) {
    const code: DiagnosticCode =
      error.code === "DUPLICATE_KEY" ? "yaml-duplicate-key" : error.code === "TAB_AS_INDENT" ? "yaml-tab" : "yaml-syntax";
    const message =
      code === "yaml-duplicate-key" ? "a key is repeated in this mapping" : (error.message.split("\n")[0] ?? error.message);
    const hint =
      code === "yaml-duplicate-key"
        ? "remove one of the two entries"
        : code === "yaml-tab"
          ? "indent with spaces"
          : "fix the YAML syntax at this position";
    fail(code, message.replace(/ at line \d+, column \d+:?$/, ""), hint, at(error.pos[0]));
  }
  checkNodes(doc, at, fail);
  if (diagnostics.length > 0) return { spots, diagnostics };

  if (!isMap(doc.contents)) {
    const where = doc.contents?.range ? at(doc.contents.range[0]) : { line: 1, column: 1 };
    return fail("yaml-not-mapping", "top level must be a mapping of fields", "start with `name:`, `integration_vendor:` and `credentials:`", where);
  }
  recordSpots(doc.contents, "", undefined, at, spots);
  const data = doc.toJS({ maxAliasCount: 0 }) as Record<string, unknown>;
  return { data, spots, diagnostics };
}

type Fail = (code: DiagnosticCode, message: string, hint: string, at?: Position) => unknown;

/** Anchors, aliases, tags and complex keys; the first of each kind is reported, with a count of the rest. */
function checkNodes(doc: Document, at: (offset: number) => Position, fail: Fail): void {
  const found = new Map<string, { code: DiagnosticCode; message: string; hint: string; offset: number; count: number }>();
  const note = (id: string, code: DiagnosticCode, message: string, hint: string, offset: number) => {
    const seen = found.get(id);
    if (seen) seen.count++;
    else found.set(id, { code, message, hint, offset, count: 1 });
  };
  visit(doc, {
    Alias(_key, node) {
      note("alias", "yaml-alias", "aliases are not allowed", "write the value out in full", node.range?.[0] ?? 0);
    },
    Node(_key, node) {
      const offset = node.range?.[0] ?? 0;
      if (node.anchor) note("anchor", "yaml-alias", "anchors are not allowed", "remove the &anchor", offset);
      if (node.tag) note("tag", "yaml-tag", "explicit tags are not allowed", "remove the tag and write a plain value", offset);
    },
    Pair(_key, pair) {
      if (pair.key !== null && !isScalar(pair.key)) {
        note("key", "yaml-syntax", "mapping keys must be plain strings", "use a plain key", (pair.key as YamlNode).range?.[0] ?? 0);
      }
    },
  });
  for (const f of found.values()) {
    const more = f.count > 1 ? ` (${f.count - 1} more in this file)` : "";
    fail(f.code, `${f.message}${more}`, f.hint, at(f.offset));
  }
}

function recordSpots(
  node: unknown,
  pointer: Pointer,
  key: Position | undefined,
  at: (offset: number) => Position,
  spots: Map<Pointer, Spot>,
): void {
  if (isAlias(node)) return;
  const n = node as YamlNode | null;
  const value = n?.range ? at(n.range[0]) : (key ?? { line: 1, column: 1 });
  const spot: Spot = key ? { key, value } : { value };
  if (isScalar(n) && n.type === "PLAIN" && n.source !== undefined) spot.plain = String((n as Scalar).source);
  spots.set(pointer, spot);
  if (isMap(n)) {
    for (const pair of n.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const k = pair.key;
      const keyPos = k.range ? at(k.range[0]) : value;
      recordSpots(pair.value ?? null, childPointer(pointer, String(k.value)), keyPos, at, spots);
    }
  } else if (isSeq(n)) {
    n.items.forEach((item, index) => recordSpots(item, childPointer(pointer, index), undefined, at, spots));
  }
}

/** The result for a file too large to read at all. */
export function oversizedFile(file: string, size: number, limits: LoadLimits = DEFAULT_LIMITS): LoadedYaml {
  const diagnostic: Diagnostic = {
    file,
    line: 1,
    column: 1,
    severity: "error",
    code: "file-too-large",
    message: `file is ${size} bytes, over the ${limits.maxBytes}-byte limit`,
    hint: "an integration file is a few kilobytes; split or trim it",
  };
  return { spots: new Map(), diagnostics: [diagnostic] };
}

function firstInvalidUtf8(bytes: Uint8Array): Position {
  const text = new TextDecoder("utf-8").decode(bytes);
  const bad = text.indexOf("\uFFFD");
  if (bad < 0) return { line: 1, column: 1 };
  const before = text.slice(0, bad);
  const line = before.split("\n").length;
  return { line, column: bad - before.lastIndexOf("\n") };
}
