#!/usr/bin/env node
import { run } from "../cli.js";

const stdout = { write: (s: string) => void process.stdout.write(s), isTTY: Boolean(process.stdout.isTTY) };
const stderr = { write: (s: string) => void process.stderr.write(s), isTTY: Boolean(process.stderr.isTTY) };

const prompt =
  process.stdin.isTTY && !process.env.CI
    ? async (question: string): Promise<string> => {
        const { createInterface } = await import("node:readline/promises");
        const rl = createInterface({ input: process.stdin, output: process.stderr });
        try {
          return await rl.question(question);
        } finally {
          rl.close();
        }
      }
    : undefined;

const signals = {
  wait: () =>
    new Promise<string>((resolve) => {
      const stop = (signal: string) => resolve(signal);
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    }),
};

const code = await run({
  signals,
  argv: process.argv.slice(2),
  cwd: process.cwd(),
  env: process.env,
  stdout,
  stderr,
  ...(prompt ? { prompt } : {}),
});
process.exitCode = code;
