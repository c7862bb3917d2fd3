import { execFileSync } from "node:child_process";

export const GIT_IDENTITY = { GIT_AUTHOR_NAME: "Dev", GIT_AUTHOR_EMAIL: "dev@example.com", GIT_COMMITTER_NAME: "Dev", GIT_COMMITTER_EMAIL: "dev@example.com" };

/** Real git in a test's repository, with a fixed identity. */
export const gitIn =
  (cwd: string) =>
  (...args: string[]): string =>
    execFileSync("git", args, { cwd, stdio: "pipe", env: { ...process.env, ...GIT_IDENTITY } }).toString().trim();

/** A repository whose whole tree is one commit on main. */
export function commitAll(cwd: string): void {
  const git = gitIn(cwd);
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "initial");
}
