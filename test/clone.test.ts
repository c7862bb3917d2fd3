import { readdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { loadStrictYaml } from "../src/core/load/strict-yaml.js";
import { pxo } from "./helpers/cli.js";
import { fakeGitHub } from "./helpers/fake-github.js";
import { commitAll, GIT_IDENTITY, gitIn } from "./helpers/git.js";
import { copyExamples, tempDir } from "./helpers/tmp.js";

const CI = { CI: "true" };

const render = async (repo: string, target: string) => {
  const out = await pxo(["render", "-C", repo, target, "--format", "json"]);
  expect(out.code).toBe(0);
  const { name: _n, credentials: _c, based_on: _b, ...rest } = JSON.parse(out.stdout);
  return rest;
};

const listing = (repo: string) => readdirSync(path.join(repo, "integrations"), { recursive: true }).map(String).sort();

describe("pxo clone", () => {
  const bases = ["sandbox/acme-yardi", "sandbox/northwind-entrata", "sandbox/sunrise-buildium", "sandbox/lakeside-appfolio", "production/summit-realpage", "production/pine-rentmanager", "production/oak-resman", "production/beta-yardi-west"];
  for (const base of bases) {
    it(`clones ${base}: the file validates and renders to the base's effective configuration`, async () => {
      const repo = await copyExamples();
      const out = await pxo(["clone", "-C", repo, base, "new-customer", "--name", "New Customer"], { env: CI });
      expect(out.stderr).toBe("");
      expect(out.code).toBe(0);
      const env = base.split("/")[0];
      const file = path.join(repo, `integrations/${env}/new-customer.yaml`);
      const text = readFileSync(file, "utf8");
      expect(text).toContain(`based_on: ${base.split("/")[1]}`);
      expect(text).toContain(`Cloned from ${base.split("/")[1]}`);
      expect((await pxo(["validate", "-C", repo])).code).toBe(0);
      expect(await render(repo, `${env}/new-customer`)).toEqual(await render(repo, base));
      // Every sensitive field became a reference named after the new key, and was printed.
      for (const m of text.matchAll(/secret: ([A-Z0-9_]+)/g)) {
        expect(m[1]).toMatch(/^NEW_CUSTOMER_/);
        expect(out.stdout).toContain(`  ${m[1]}\n`);
      }
      // Written by the tool: round-trips byte for byte through the loader and the writer.
      expect(parseDocument(text).toString({ lineWidth: 0 })).toBe(text);
      expect(loadStrictYaml("x.yaml", new TextEncoder().encode(text)).diagnostics).toEqual([]);
    });
  }

  it("--flatten writes every effective value, keeps the base's comments and styles, and still renders the same", async () => {
    const repo = await copyExamples();
    expect((await pxo(["clone", "-C", repo, "sandbox/beta-yardi", "flat-beta", "--name", "Flat Beta", "--flatten"], { env: CI })).code).toBe(0);
    const text = readFileSync(path.join(repo, "integrations/sandbox/flat-beta.yaml"), "utf8");
    expect(text).toContain("# Support-managed: set up with Propexo support once, copied to every clone by Propexo.");
    expect(text).toContain('- { start: "08:00", end: "18:00", sync_frequency: 20, sync_cadence: MINUTE }');
    expect(text).toContain("max_job_concurrency: 1");
    expect(text).toContain("based_on: beta-yardi");
    expect(await render(repo, "sandbox/flat-beta")).toEqual(await render(repo, "sandbox/beta-yardi"));
    expect(parseDocument(text).toString({ lineWidth: 0 })).toBe(text);
  });

  it("--set overrides a field at scaffold time, type-checked by the schema", async () => {
    const repo = await copyExamples();
    const bad = await pxo(["clone", "-C", repo, "sandbox/acme-yardi", "gamma", "--name", "Gamma", "--set", "max_job_concurrency=many"], { env: CI });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("integrations/sandbox/gamma.yaml:");
    expect(bad.stderr).toContain("max_job_concurrency must be an integer");
    expect(listing(repo)).not.toContain("sandbox/gamma.yaml");
    const good = await pxo(["clone", "-C", repo, "sandbox/acme-yardi", "gamma", "--name", "Gamma", "--set", "max_job_concurrency=3", "--set", "custom_sync_schedule.timezone=UTC"], { env: CI });
    expect(good.code).toBe(0);
    const values = await render(repo, "sandbox/gamma");
    expect(values.max_job_concurrency).toBe(3);
    expect(values.custom_sync_schedule.timezone).toBe("UTC");
    expect((await pxo(["clone", "-C", repo, "sandbox/acme-yardi", "delta", "--name", "D", "--set", "credentials.password=x"], { env: CI })).code).toBe(2);
  });

  it("refuses, writing nothing: missing, invalid or other-environment base, other vendor, existing target, bad key, used name", async () => {
    const repo = await copyExamples();
    const before = listing(repo);
    const cases: [string[], number, string][] = [
      [["sandbox/nope", "x1", "--name", "X"], 1, "no base integrations/sandbox/nope.yaml"],
      [["production/lakeside-appfolio", "x1", "--name", "X"], 1, "is in integrations/sandbox/, not in production"],
      [["sandbox/acme-yardi", "x1", "--name", "X", "--env", "production"], 2, "cloning never crosses environments"],
      [["sandbox/acme-yardi", "x1", "--name", "X", "--vendor", "YARDI_REST"], 2, "a clone has exactly its base's vendor"],
      [["sandbox/acme-yardi", "beta-yardi", "--name", "X"], 1, "integrations/sandbox/beta-yardi.yaml exists (use --force"],
      [["sandbox/acme-yardi", "Bad_Key", "--name", "X"], 2, "is not a valid key"],
      [["sandbox/acme-yardi", "x1", "--name", "beta properties (yardi)"], 1, 'the name "beta properties (yardi)" is already used by integrations/sandbox/beta-yardi.yaml'],
      [["sandbox/acme-yardi", "x1"], 2, "--name"],
    ];
    for (const [args, code, message] of cases) {
      const out = await pxo(["clone", "-C", repo, ...args], { env: CI });
      expect(out.stderr, args.join(" ")).toContain(message);
      expect(out.code, args.join(" ")).toBe(code);
    }
    await writeFile(path.join(repo, "integrations/sandbox/northwind-entrata.yaml"), "name: Northwind\nintegration_vendor: ENTRATA\nactive: sometimes\ncredentials: { apiKey: { secret: K }, companyId: n }\n");
    const invalid = await pxo(["clone", "-C", repo, "sandbox/northwind-entrata", "x1", "--name", "X"], { env: CI });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain("integrations/sandbox/northwind-entrata.yaml:3:9: error");
    expect(invalid.stderr).toContain("does not validate; nothing was written");
    expect(listing(repo)).toEqual(before);
  });

  it("--force overwrites an existing target", async () => {
    const repo = await copyExamples();
    const out = await pxo(["clone", "-C", repo, "sandbox/northwind-entrata", "harbor-entrata", "--name", "Harbor Point Apartments (Entrata)", "--force"], { env: CI });
    expect(out.code).toBe(0);
    expect(readFileSync(path.join(repo, "integrations/sandbox/harbor-entrata.yaml"), "utf8")).toContain("apiKey: { secret: HARBOR_ENTRATA_API_KEY }");
  });

  it("refuses a --force that would break the clones of the file it overwrites", async () => {
    const repo = await copyExamples();
    const before = readFileSync(path.join(repo, "integrations/sandbox/northwind-entrata.yaml"), "utf8");
    const out = await pxo(["clone", "-C", repo, "sandbox/acme-yardi", "northwind-entrata", "--name", "Northwind", "--force"], { env: CI });
    expect(out.code).toBe(1);
    expect(out.stderr).toContain("integrations/sandbox/harbor-entrata.yaml:4:11: error");
    expect(out.stderr).toContain("would break the files above; nothing was written");
    expect(readFileSync(path.join(repo, "integrations/sandbox/northwind-entrata.yaml"), "utf8")).toBe(before);
  });

  it("asks for the name on a terminal, and never under CI", async () => {
    const repo = await copyExamples();
    const questions: string[] = [];
    const out = await pxo(["clone", "-C", repo, "sandbox/acme-yardi", "asked", "--set", "active=false"], { prompt: async (q) => (questions.push(q), "Asked Name") });
    expect(out.code).toBe(0);
    expect(questions).toEqual(["Name of the new integration: "]);
    expect(readFileSync(path.join(repo, "integrations/sandbox/asked.yaml"), "utf8")).toContain("name: Asked Name");
    const ci = await pxo(["clone", "-C", repo, "sandbox/acme-yardi", "asked2"], { env: CI, prompt: async () => "never" });
    expect(ci.code).toBe(2);
  });
});

describe("pxo clone --pr", () => {
  const gitEnv = GIT_IDENTITY;
  const git = (cwd: string, ...args: string[]) => gitIn(cwd)(...args);

  async function repoWithOrigin(): Promise<{ repo: string; origin: string }> {
    const repo = await copyExamples();
    const origin = path.join(await tempDir("pxo-origin-"), "origin.git");
    git(path.dirname(origin), "init", "-q", "--bare", "-b", "main", origin);
    commitAll(repo);
    git(repo, "remote", "add", "origin", origin);
    git(repo, "push", "-q", "origin", "main");
    return { repo, origin };
  }

  it("creates the branch, commits, pushes to origin and opens a pull request through octokit", async () => {
    const { repo, origin } = await repoWithOrigin();
    const github = await fakeGitHub();
    const env = { ...CI, ...gitEnv, GITHUB_TOKEN: "ghs_testtoken", GITHUB_API_URL: github.url, GITHUB_REPOSITORY: "acme/integrations" };
    const out = await pxo(["clone", "-C", repo, "production/acme-yardi", "omega-yardi", "--name", "Omega Living", "--set", "max_job_concurrency=8", "--pr"], { env });
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("opened pull request #1: https://github.example/acme/integrations/pull/1");
    expect(git(repo, "rev-parse", "--abbrev-ref", "HEAD")).toBe("clone/omega-yardi");
    expect(git(repo, "status", "--porcelain")).toBe("");
    expect(git(repo, "log", "-1", "--format=%s")).toBe('Clone production/acme-yardi as omega-yardi ("Omega Living")');
    expect(git(repo, "show", "--name-only", "--format=", "HEAD")).toBe("integrations/production/omega-yardi.yaml");
    expect(git(origin, "branch", "--list", "clone/omega-yardi")).toContain("clone/omega-yardi");

    expect(github.pulls).toHaveLength(1);
    const pr = github.pulls[0];
    expect(pr).toMatchObject({ owner: "acme", repo: "integrations", authorization: "token ghs_testtoken" });
    expect(pr?.body).toMatchObject({ head: "clone/omega-yardi", base: "main", title: 'Clone production/acme-yardi as omega-yardi ("Omega Living")' });
    expect(pr?.body.body).toContain("a YARDI clone of `production/acme-yardi`");
    expect(pr?.body.body).toContain("| `max_job_concurrency` | `4` | `8` |");
    expect(pr?.body.body).toContain("- [ ] `OMEGA_YARDI_PASSWORD`");
    expect(pr?.body.body).toContain("- [ ] `OMEGA_YARDI_RESIDENT_TRANSACTIONS_LICENSE`");
  });

  it("refuses a dirty work tree or an existing branch, before writing anything", async () => {
    const { repo } = await repoWithOrigin();
    const github = await fakeGitHub();
    const env = { ...CI, ...gitEnv, GITHUB_TOKEN: "t", GITHUB_API_URL: github.url, GITHUB_REPOSITORY: "acme/integrations" };
    await writeFile(path.join(repo, "notes.txt"), "wip\n");
    const dirty = await pxo(["clone", "-C", repo, "sandbox/acme-yardi", "zeta", "--name", "Zeta", "--pr"], { env });
    expect(dirty.code).toBe(1);
    expect(dirty.stderr).toContain("uncommitted changes");
    git(repo, "add", "-A");
    git(repo, "commit", "-qm", "notes");
    git(repo, "branch", "clone/zeta");
    const branch = await pxo(["clone", "-C", repo, "sandbox/acme-yardi", "zeta", "--name", "Zeta", "--pr"], { env });
    expect(branch.code).toBe(1);
    expect(branch.stderr).toContain("the branch clone/zeta exists already");
    const noToken = await pxo(["clone", "-C", repo, "sandbox/acme-yardi", "eta", "--name", "Eta", "--pr"], { env: { ...CI, GITHUB_REPOSITORY: "acme/integrations" } });
    expect(noToken.code).toBe(2);
    expect(git(repo, "status", "--porcelain")).toBe("");
    expect(github.pulls).toEqual([]);
  });

  it("reports a pull request GitHub refuses, with the branch pushed", async () => {
    const { repo, origin } = await repoWithOrigin();
    const github = await fakeGitHub({ failWith: 422 });
    const env = { ...CI, ...gitEnv, GITHUB_TOKEN: "t", GITHUB_API_URL: github.url, GITHUB_REPOSITORY: "acme/integrations" };
    const out = await pxo(["clone", "-C", repo, "sandbox/acme-yardi", "theta", "--name", "Theta", "--pr"], { env });
    expect(out.code).toBe(3);
    expect(out.stderr).toContain("GitHub refused to open the pull request (422)");
    expect(git(origin, "branch", "--list", "clone/theta")).toContain("clone/theta");
  });
});
