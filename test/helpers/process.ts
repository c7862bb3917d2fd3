import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach } from "vitest";

export const PXO_BIN = path.resolve("dist/src/bin/pxo.js");
const children: ChildProcess[] = [];

/** The built pxo as a child process; killed after the test if still running. */
export function spawnPxo(args: string[], env: Record<string, string> = {}, cwd = process.cwd()) {
  const child = spawn(process.execPath, [PXO_BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async waitFor(re: RegExp, timeoutMs = 10_000): Promise<RegExpMatchArray> {
      const started = Date.now();
      for (;;) {
        const m = stdout.match(re);
        if (m) return m;
        if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${re}; stdout: ${stdout} stderr: ${stderr}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});
