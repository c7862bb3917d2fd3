import { existsSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { scaffoldClone } from "../core/clone/scaffold.js";
import { isError } from "../core/diagnostics.js";
import { loadWorkspace } from "../core/load/workspace-loader.js";
import { displayPath } from "../core/pointer.js";
import { effectiveId, type Effective } from "../core/resolve/effective.js";
import { validateWorkspace } from "../core/validate/validate.js";
import { KEY_PATTERN, isEnvironment, type Environment, type RepoReader } from "../core/workspace.js";
import { writeFileAtomic } from "../fs/atomic-write.js";
import { fileRepoReader } from "../fs/repo-reader.js";
import type { GitRepository } from "../git/repository.js";
import { sameValue } from "../platform/payload.js";
import { formatDiagnostics } from "../report/diagnostics.js";
import { compileSchema, readSchema } from "../schemas.js";
import { EXIT, UsageError, isCI, type CommandContext } from "./context.js";

export interface CloneOptions {
  name?: string;
  env?: string;
  vendor?: string;
  force: boolean;
  flatten: boolean;
  set: string[];
  pr: boolean;
}

class Refusal extends Error {}

const FORBIDDEN_SET = new Set(["name", "integration_vendor", "based_on", "credentials", "$schema"]);

/** `pxo clone <env>/<base> <new-key> --name "..."`: a new file in the base's folder; nothing written on refusal. */
export async function cloneCommand(ctx: CommandContext, source: string, newKey: string, options: CloneOptions): Promise<number> {
  try {
    return await clone(ctx, source, newKey, options);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    ctx.stderr.write(`pxo clone: ${error.message}; nothing was written\n`);
    return EXIT.problems;
  }
}

async function clone(ctx: CommandContext, source: string, newKey: string, options: CloneOptions): Promise<number> {
  const [env, baseKey, extra] = source.replace(/^integrations\//, "").replace(/\.yaml$/, "").split("/");
  if (!env || !baseKey || extra !== undefined || !isEnvironment(env)) throw new UsageError(`pxo clone: expected <env>/<base-key>, e.g. sandbox/acme-yardi (got "${source}")`);
  if (options.env && options.env !== env) {
    throw new UsageError(`pxo clone: the base ${source} is in ${env}, not --env ${options.env}: cloning never crosses environments`);
  }
  if (!KEY_PATTERN.test(newKey)) throw new UsageError(`pxo clone: "${newKey}" is not a valid key: lower-case letters, digits and inner dashes, at most 64 characters`);
  const sets = options.set.map(parseSet);

  const reader = fileRepoReader(ctx.root);
  const workspace = await loadWorkspace(reader);
  const validation = validateWorkspace(workspace, compileSchema("integration"));
  const base = workspace.byEnv[env].get(baseKey);
  if (!base) {
    const other: Environment = env === "sandbox" ? "production" : "sandbox";
    if (workspace.byEnv[other].has(baseKey)) throw new Refusal(`${baseKey} is in integrations/${other}/, not in ${env}: a clone lives in its base's environment`);
    throw new Refusal(`no base integrations/${env}/${baseKey}.yaml`);
  }
  const baseEffective = validation.resolution.effective.get(effectiveId(env, baseKey));
  const chainFiles = new Set((baseEffective?.chain ?? [baseKey]).map((k) => `integrations/${env}/${k}.yaml`));
  const baseProblems = validation.diagnostics.filter((d) => chainFiles.has(d.file) && isError(d));
  if (!baseEffective || baseProblems.length) {
    ctx.stderr.write(formatDiagnostics({ files: chainFiles.size, diagnostics: baseProblems }, "text", ctx.stderr.isTTY));
    throw new Refusal(`the base ${env}/${baseKey} does not validate`);
  }
  const vendor = String(baseEffective.values.integration_vendor);
  if (options.vendor && options.vendor !== vendor) throw new UsageError(`pxo clone: the base is ${vendor}, not --vendor ${options.vendor}: a clone has exactly its base's vendor`);
  const file = `integrations/${env}/${newKey}.yaml`;
  const exists = workspace.byEnv[env].has(newKey) || existsSync(path.join(ctx.root, file));
  if (exists && !options.force) throw new Refusal(`${file} exists (use --force to overwrite it)`);
  if (newKey === baseKey) throw new Refusal("a file cannot be a clone of itself");

  const name = options.name ?? (await askName(ctx));
  const taken = [...workspace.byEnv[env].values()].find((f) => f.key !== newKey && String(f.loaded.data?.name ?? "").trim().toLowerCase() === name.trim().toLowerCase());
  if (taken) throw new Refusal(`the name "${name}" is already used by ${taken.file}`);

  const git = options.pr ? await preflightPullRequest(ctx, newKey) : undefined;

  const chainTexts: string[] = [];
  for (const key of baseEffective.chain) {
    const content = await reader.read(`integrations/${env}/${key}.yaml`, 1 << 20);
    chainTexts.push("bytes" in content ? new TextDecoder().decode(content.bytes) : "");
  }
  const scaffold = scaffoldClone({
    env,
    baseKey,
    newKey,
    name,
    chainTexts,
    fieldOrder: Object.keys((readSchema("integration").properties as object | undefined) ?? {}),
    baseEffective,
    flatten: options.flatten,
    set: sets,
    today: new Date().toISOString().slice(0, 10),
  });

  const check = validateWorkspace(await loadWorkspace(withFile(reader, file, scaffold.text)), compileSchema("integration"));
  // The new file must validate, and must not break a file that was valid (--force over a base, say).
  const brokenBefore = new Set(validation.diagnostics.filter(isError).map((d) => d.file));
  const problems = check.diagnostics.filter((d) => d.file === file || (isError(d) && !brokenBefore.has(d.file)));
  if (problems.some(isError)) {
    ctx.stderr.write(formatDiagnostics({ files: 1, diagnostics: problems }, "text", ctx.stderr.isTTY));
    throw new Refusal(problems.every((d) => d.file === file) ? "the new file would not validate" : "the new file would break the files above");
  }
  const cloneEffective = check.resolution.effective.get(effectiveId(env, newKey));

  if (git) await git.repo.createBranch(git.branch);
  await writeFileAtomic(path.join(ctx.root, file), scaffold.text);
  ctx.stdout.write(`wrote ${file} (${options.flatten ? "flattened " : ""}clone of ${env}/${baseKey}, ${vendor})\n`);
  if (scaffold.secrets.length) ctx.stdout.write(`secrets to create before the first sync:\n${scaffold.secrets.map((s) => `  ${s}\n`).join("")}`);
  if (scaffold.copiedLiterals.length) ctx.stdout.write(`copied from the base, to check: ${scaffold.copiedLiterals.map((f) => `credentials.${f}`).join(", ")}\n`);
  if (!git) return EXIT.ok;

  const differences = cloneEffective ? effectiveDifferences(baseEffective, cloneEffective) : [];
  const { openPullRequestFor } = await import("./clone-pr.js");
  return openPullRequestFor(ctx, git, { env, baseKey, newKey, name, vendor, file, secrets: scaffold.secrets, differences, flatten: options.flatten });
}

async function askName(ctx: CommandContext): Promise<string> {
  if (!ctx.prompt || isCI(ctx.env)) throw new UsageError('pxo clone: --name "<display name>" is required');
  const answer = (await ctx.prompt("Name of the new integration: ")).trim();
  if (!answer) throw new UsageError("pxo clone: a name is required");
  return answer;
}

function parseSet(spec: string): { path: string[]; value: unknown } {
  const eq = spec.indexOf("=");
  if (eq <= 0) throw new UsageError(`pxo clone: --set takes field=value (got "${spec}")`);
  const field = spec.slice(0, eq).trim();
  const pathParts = field.split(".");
  if (FORBIDDEN_SET.has(pathParts[0] ?? "")) throw new UsageError(`pxo clone: --set cannot change ${pathParts[0]} (use --name; credentials are scaffolded as references)`);
  let value: unknown;
  try {
    value = parseYaml(spec.slice(eq + 1));
  } catch {
    throw new UsageError(`pxo clone: --set ${field}: the value is not a YAML scalar`);
  }
  return { path: pathParts, value };
}

export interface PullRequestPlan {
  repo: GitRepository;
  branch: string;
  baseBranch: string;
  token: string;
  owner: string;
  name: string;
}

/** Everything --pr needs is checked before a file is written or a branch made. */
async function preflightPullRequest(ctx: CommandContext, newKey: string): Promise<PullRequestPlan> {
  const token = ctx.env.GITHUB_TOKEN;
  if (!token) throw new UsageError("pxo clone --pr: GITHUB_TOKEN is not set");
  const { openRepository } = await import("../git/repository.js");
  const { repositoryOf } = await import("../github/pull-requests.js");
  const repo = openRepository(ctx.root);
  const clean = await repo.isClean().catch(() => {
    throw new Refusal(`${ctx.root} is not a git work tree`);
  });
  if (!clean) throw new Refusal("the work tree has uncommitted changes: commit or stash them first");
  const branch = `clone/${newKey}`;
  if (await repo.branchExists(branch)) throw new Refusal(`the branch ${branch} exists already`);
  if (await repo.remoteBranchExists("origin", branch).catch(() => false)) throw new Refusal(`the branch ${branch} exists on origin already`);
  const target = repositoryOf(ctx.env.GITHUB_REPOSITORY, await repo.remoteUrl("origin"));
  if (!target) throw new UsageError("pxo clone --pr: cannot tell the GitHub repository: set GITHUB_REPOSITORY=owner/name or an origin URL on GitHub");
  return { repo, branch, baseBranch: await repo.currentBranch(), token, owner: target.owner, name: target.repo };
}

/** Leaves where the clone's effective configuration differs from the base's (name and credentials aside). */
export function effectiveDifferences(base: Effective, clone: Effective): { path: string; base: unknown; clone: unknown }[] {
  const out: { path: string; base: unknown; clone: unknown }[] = [];
  const walk = (a: unknown, b: unknown, pointer: string) => {
    const isObj = (v: unknown) => v !== null && typeof v === "object" && !Array.isArray(v);
    if (isObj(a) && isObj(b)) {
      for (const k of new Set([...Object.keys(a as object), ...Object.keys(b as object)])) {
        if (pointer === "" && ["name", "credentials", "based_on", "$schema"].includes(k)) continue;
        walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${pointer}/${k.replaceAll("~", "~0").replaceAll("/", "~1")}`);
      }
      return;
    }
    if (!sameValue(a, b)) out.push({ path: displayPath(pointer), base: a, clone: b });
  };
  walk(base.values, clone.values, "");
  return out;
}

function withFile(reader: RepoReader, file: string, text: string): RepoReader {
  const bytes = new TextEncoder().encode(text);
  return {
    listIntegrationFiles: async () => [...new Set([...(await reader.listIntegrationFiles()), file])],
    read: async (f, max) => (f === file ? (bytes.byteLength > max ? { size: bytes.byteLength } : { bytes }) : reader.read(f, max)),
  };
}

