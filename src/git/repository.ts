import { simpleGit, type SimpleGit } from "simple-git";

/** The git operations `pxo clone --pr` needs, in our words, over simple-git. */
export interface GitRepository {
  isClean(): Promise<boolean>;
  currentBranch(): Promise<string>;
  branchExists(name: string): Promise<boolean>;
  remoteBranchExists(remote: string, name: string): Promise<boolean>;
  remoteUrl(remote: string): Promise<string | undefined>;
  createBranch(name: string): Promise<void>;
  commit(files: string[], message: string): Promise<string>;
  push(remote: string, branch: string): Promise<void>;
}

export function openRepository(dir: string): GitRepository {
  const git: SimpleGit = simpleGit({ baseDir: dir });
  return {
    async isClean() {
      return (await git.status()).isClean();
    },
    async currentBranch() {
      return (await git.revparse(["--abbrev-ref", "HEAD"])).trim();
    },
    async branchExists(name) {
      return (await git.branchLocal()).all.includes(name);
    },
    async remoteBranchExists(remote, name) {
      return (await git.listRemote(["--heads", remote, name])).trim().length > 0;
    },
    async remoteUrl(remote) {
      const remotes = await git.getRemotes(true);
      return remotes.find((r) => r.name === remote)?.refs.push || undefined;
    },
    async createBranch(name) {
      await git.checkoutLocalBranch(name);
    },
    async commit(files, message) {
      await git.add(files);
      const result = await git.commit(message, files);
      return result.commit;
    },
    async push(remote, branch) {
      await git.push(remote, branch, ["--set-upstream"]);
    },
  };
}
