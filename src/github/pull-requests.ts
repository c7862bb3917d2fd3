/** The GitHub calls pxo makes, in our words; one implementation over octokit. */
export interface PullRequest {
  number: number;
  url: string;
}

export interface GitHub {
  openPullRequest(request: { owner: string; repo: string; head: string; base: string; title: string; body: string }): Promise<PullRequest>;
}

export class GitHubError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Octokit, loaded only when a command needs GitHub. GITHUB_API_URL is honoured (Enterprise, tests). */
export async function octokitGitHub(token: string, apiUrl = "https://api.github.com"): Promise<GitHub> {
  const { Octokit } = await import("octokit");
  const octokit = new Octokit({ auth: token, baseUrl: apiUrl.replace(/\/+$/, ""), retry: { enabled: false }, throttle: { enabled: false } });
  return {
    async openPullRequest(r) {
      try {
        const { data } = await octokit.rest.pulls.create(r);
        return { number: data.number, url: data.html_url };
      } catch (error) {
        const status = (error as { status?: number }).status;
        throw new GitHubError(`GitHub refused to open the pull request${status ? ` (${status})` : ""}: ${(error as Error).message.split("\n")[0]}`, status);
      }
    },
  };
}

/** owner/name from GITHUB_REPOSITORY, else from an origin URL (https or ssh). */
export function repositoryOf(githubRepository: string | undefined, originUrl: string | undefined): { owner: string; repo: string } | undefined {
  const slug = githubRepository ?? originUrl?.match(/[/:]([^/:]+\/[^/]+?)(?:\.git)?\/?$/)?.[1];
  const [owner, repo, extra] = slug?.split("/") ?? [];
  if (!owner || !repo || extra !== undefined) return undefined;
  return { owner, repo };
}
