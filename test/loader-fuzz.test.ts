import { describe, expect, it } from "vitest";
import { loadStrictYaml } from "../src/core/load/strict-yaml.js";
import { findExcessiveDepth } from "../src/core/load/limits.js";

/** A small deterministic PRNG, so a failure can be replayed from its seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = ["name: ", "a", ":", " ", "\n", "  ", "- ", "[", "]", "{", "}", ",", "'", '"', "&x ", "*x", "!!str ", "!t ", "%YAML 1.2\n", "---\n", "...\n", "#", "\t", "? ", "|\n", ">\n", "é", "\u0000", "\ufeff", "null", "~", "010", "yes", "credentials:", "secret: A"];

describe("the strict loader on arbitrary input", () => {
  it("never throws, and every diagnostic has a position and a code", () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const random = rng(seed);
      const parts: string[] = [];
      const n = Math.floor(random() * 60);
      for (let i = 0; i < n; i++) parts.push(PIECES[Math.floor(random() * PIECES.length)] ?? "");
      const text = parts.join("");
      const bytes = random() < 0.1 ? Uint8Array.from(Array.from({ length: n }, () => Math.floor(random() * 256))) : new TextEncoder().encode(text);
      let result;
      try {
        result = loadStrictYaml("f.yaml", bytes);
      } catch (error) {
        throw new Error(`seed ${seed} threw on ${JSON.stringify(text)}: ${(error as Error).message}`);
      }
      for (const d of result.diagnostics) {
        expect(d.line, `seed ${seed}`).toBeGreaterThanOrEqual(1);
        expect(d.column, `seed ${seed}`).toBeGreaterThanOrEqual(1);
        expect(d.code).toMatch(/^[a-z-]+$/);
      }
      if (result.data !== undefined) expect(result.diagnostics).toEqual([]);
    }
  });

  it("measures nesting without parsing, in flow and block style", () => {
    expect(findExcessiveDepth("a:\n  b:\n    c: 1\n", 2)).toEqual({ line: 3, column: 5, depth: 3 });
    expect(findExcessiveDepth("a: [[[1]]]\n", 3)).toEqual({ line: 1, column: 6, depth: 4 });
    expect(findExcessiveDepth('a: "[[[[[["\n', 3)).toBeUndefined();
    expect(findExcessiveDepth("a: 1 # [[[[[[\n", 3)).toBeUndefined();
    expect(findExcessiveDepth("- - - - x\n", 3)).toEqual({ line: 1, column: 9, depth: 5 });
    expect(findExcessiveDepth("a:\n  b: 1\nc:\n  d: 1\n", 2)).toBeUndefined();
  });
});
