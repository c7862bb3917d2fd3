import { run } from "../../src/cli.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs pxo in-process with captured output, as a user would type it. */
export async function pxo(
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; prompt?: (q: string) => Promise<string>; tty?: boolean } = {},
): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run({
    argv: args,
    cwd: options.cwd ?? process.cwd(),
    env: { ...options.env },
    stdout: { write: (s) => void (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s) => void (stderr += s), isTTY: options.tty ?? false },
    ...(options.prompt ? { prompt: options.prompt } : {}),
  });
  return { code, stdout, stderr };
}
