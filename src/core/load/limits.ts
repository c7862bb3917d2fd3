/** Limits checked before the YAML parser sees a byte: the parser recurses, so depth must be bounded first. */
export interface LoadLimits {
  maxBytes: number;
  /** Deepest nesting of mappings and sequences allowed, block and flow together. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: LoadLimits = { maxBytes: 1024 * 1024, maxDepth: 32 };

export interface DepthProblem {
  line: number;
  column: number;
  depth: number;
}

/**
 * A conservative estimate of the nesting depth, line by line, without parsing: flow brackets are
 * counted outside quotes and comments; block nesting is the number of distinct indentation levels
 * open, plus compact `- - -` sequence indicators. It never underestimates a real document's depth
 * by more than the compact forms it does not know, and it is linear in the input.
 */
export function findExcessiveDepth(text: string, maxDepth: number): DepthProblem | undefined {
  const indents: number[] = [];
  let flow = 0;
  let lineNo = 0;
  for (const line of text.split("\n")) {
    lineNo++;
    let i = 0;
    if (flow === 0) {
      while (line[i] === " ") i++;
      const rest = line.slice(i);
      if (rest === "" || rest.startsWith("#")) continue;
      while (indents.length > 0 && (indents.at(-1) ?? 0) >= i) indents.pop();
      indents.push(i);
      let compact = 0;
      while (/^[-?:]( |$)/.test(line.slice(i))) {
        compact++;
        i += 2;
        while (line[i] === " ") i++;
      }
      const depth = indents.length + compact;
      if (depth > maxDepth) return { line: lineNo, column: i + 1, depth };
    }
    let quote: string | undefined;
    for (; i < line.length; i++) {
      const c = line[i];
      if (quote) {
        if (c === quote) quote = undefined;
        continue;
      }
      if (c === '"' || c === "'") quote = c;
      else if (c === "#" && (i === 0 || line[i - 1] === " ")) break;
      else if (c === "[" || c === "{") {
        flow++;
        if (flow + indents.length > maxDepth) return { line: lineNo, column: i + 1, depth: flow + indents.length };
      } else if ((c === "]" || c === "}") && flow > 0) flow--;
    }
  }
  return undefined;
}
