import { GitHubError, octokitGitHub } from "../github/pull-requests.js";
import type { PullRequestPlan } from "./clone.js";
import { EXIT, type CommandContext } from "./context.js";

export interface CloneSummary {
  env: string;
  baseKey: string;
  newKey: string;
  name: string;
  vendor: string;
  file: string;
  secrets: string[];
  differences: { path: string; base: unknown; clone: unknown }[];
  flatten: boolean;
}

/** Commit the new file on its branch, push it to origin and open the pull request. */
export async function openPullRequestFor(ctx: CommandContext, pr: PullRequestPlan, c: CloneSummary): Promise<number> {
  const title = `Clone ${c.env}/${c.baseKey} as ${c.newKey} ("${c.name}")`;
  const commit = await pr.repo.commit([c.file], `${title}\n\nA new ${c.vendor} integration in ${c.env}, based on ${c.baseKey}.\nCreated by pxo clone.`);
  try {
    await pr.repo.push("origin", pr.branch);
  } catch (error) {
    ctx.stderr.write(`pxo clone: committed ${commit} on ${pr.branch}, but the push failed: ${(error as Error).message.split("\n")[0]}\nPush the branch yourself and open the pull request.\n`);
    return EXIT.runtime;
  }
  const github = await octokitGitHub(pr.token, ctx.env.GITHUB_API_URL);
  try {
    const opened = await github.openPullRequest({ owner: pr.owner, repo: pr.name, head: pr.branch, base: pr.baseBranch, title, body: pullRequestBody(c) });
    ctx.stdout.write(`opened pull request #${opened.number}: ${opened.url}\n`);
    return EXIT.ok;
  } catch (error) {
    const message = error instanceof GitHubError ? error.message : String(error);
    ctx.stderr.write(`pxo clone: pushed ${pr.branch}, but ${message}\nOpen the pull request from the branch yourself.\n`);
    return EXIT.runtime;
  }
}

export function pullRequestBody(c: CloneSummary): string {
  const diff = c.differences.length
    ? ["| field | base | clone |", "|---|---|---|", ...c.differences.map((d) => `| \`${d.path}\` | ${cell(d.base)} | ${cell(d.clone)} |`)].join("\n")
    : `None: \`${c.newKey}\` inherits every value from \`${c.baseKey}\` but its name and credentials.`;
  return [
    `New integration **${c.name}** (\`${c.file}\`), a ${c.vendor} clone of \`${c.env}/${c.baseKey}\`.`,
    "",
    `Propexo creates it with \`based_on_integration_id\` = the base's id, so it gets the base's job schedules, date filters, job controls, custom enum maps and transform schemas.${c.flatten ? " The file writes every effective value out (--flatten)." : ""}`,
    "",
    "### Effective differences from the base",
    "",
    diff,
    "",
    "### Secrets to create before merging",
    "",
    ...(c.secrets.length ? c.secrets.map((s) => `- [ ] \`${s}\``) : ["None."]),
    "",
    "<!-- pxo clone -->",
    "",
  ].join("\n");
}

const cell = (v: unknown): string => (v === undefined ? "(unset)" : `\`${JSON.stringify(v).replaceAll("|", "\\|")}\``);
