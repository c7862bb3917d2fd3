import { simpleGit } from "simple-git";

/** Repository-relative paths changed between `ref` and the working tree, untracked files included. */
export async function changedSince(root: string, ref: string): Promise<string[]> {
  const git = simpleGit({ baseDir: root });
  const prefix = (await git.revparse(["--show-prefix"])).trim();
  await git.revparse(["--verify", `${ref}^{commit}`]);
  const diff = await git.diff(["--name-only", "--no-renames", ref, "--", "."]);
  const status = await git.status(["--untracked-files=all", "--", "."]);
  const fromTop = [...diff.split("\n").filter(Boolean), ...status.not_added];
  return [...new Set(fromTop.map((p) => (prefix && p.startsWith(prefix) ? p.slice(prefix.length) : p)))];
}
