import { describe, expect, it } from "vitest";
import { octokitGitHub, repositoryOf } from "../src/github/pull-requests.js";
import { fakeGitHub } from "./helpers/fake-github.js";

describe("the GitHub adapter", () => {
  it("finds owner/name from GITHUB_REPOSITORY or the origin URL", () => {
    expect(repositoryOf("acme/integrations", "git@github.com:other/x.git")).toEqual({ owner: "acme", repo: "integrations" });
    expect(repositoryOf(undefined, "git@github.com:acme/integrations.git")).toEqual({ owner: "acme", repo: "integrations" });
    expect(repositoryOf(undefined, "https://github.com/acme/integrations.git")).toEqual({ owner: "acme", repo: "integrations" });
    expect(repositoryOf(undefined, "https://github.com/acme/integrations")).toEqual({ owner: "acme", repo: "integrations" });
    expect(repositoryOf(undefined, undefined)).toBeUndefined();
    expect(repositoryOf("not-a-slug", undefined)).toBeUndefined();
  });

  it("opens a pull request with real octokit against a loopback GitHub", async () => {
    const github = await fakeGitHub();
    const api = await octokitGitHub("ghs_abc", `${github.url}/`);
    const pr = await api.openPullRequest({ owner: "acme", repo: "r", head: "h", base: "main", title: "t", body: "b" });
    expect(pr).toEqual({ number: 1, url: "https://github.example/acme/r/pull/1" });
    expect(github.pulls[0]).toMatchObject({ authorization: "token ghs_abc", body: { head: "h", base: "main", title: "t", body: "b" } });
  });
});
