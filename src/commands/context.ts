/** What a command may touch of the outside world, built once in cli.ts. */
export interface Output {
  write(text: string): void;
  isTTY: boolean;
}

export interface CommandContext {
  /** Repository root (after -C). */
  root: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: Output;
  stderr: Output;
  /** Answer a question on a terminal; undefined when there is none (CI, pipes). */
  prompt?: (question: string) => Promise<string>;
}

/** A failure the user can act on: printed as is, no stack trace. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

export class RuntimeFailure extends Error {
  readonly exitCode = 3;
}

export const EXIT = { ok: 0, problems: 1, usage: 2, runtime: 3, changes: 4 } as const;

export const isCI = (env: CommandContext["env"]): boolean => Boolean(env.CI) && env.CI !== "false";
export const inGitHubActions = (env: CommandContext["env"]): boolean => env.GITHUB_ACTIONS === "true";
