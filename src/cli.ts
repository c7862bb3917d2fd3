import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { EXIT, RuntimeFailure, UsageError, inGitHubActions, type CommandContext, type Output } from "./commands/context.js";
import type { EmulatorCommandOptions } from "./commands/emulator.js";
import type { CloneOptions } from "./commands/clone.js";
import type { PlanOptions } from "./commands/plan.js";
import type { ValidateOptions } from "./commands/validate.js";
import type { SyncOptions } from "./commands/sync.js";
import { DIAGNOSTIC_FORMATS } from "./report/diagnostics.js";
import { VERSION } from "./version.js";

export interface Io {
  argv: readonly string[];
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: Output;
  stderr: Output;
  prompt?: (question: string) => Promise<string>;
  /** Resolves with the name of the first SIGINT/SIGTERM (long-running commands stop cleanly on it). */
  signals?: { wait(): Promise<string> };
}

/**
 * The only place that knows about argv and exit codes. Commands are imported lazily so that
 * `pxo --version` stays as fast as a bare node start.
 */
export async function run(io: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = new Command("pxo")
    .description("Propexo integrations as code: validate, clone, plan and sync")
    .version(VERSION, "-V, --version")
    .option("-C, --cwd <dir>", "run as if pxo was started in <dir>")
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError("(run pxo --help for usage)");

  const context = (): CommandContext => {
    const given = program.opts<{ cwd?: string }>().cwd;
    const root = path.resolve(io.cwd, given ?? ".");
    let isDir = false;
    try {
      isDir = statSync(root).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) throw new UsageError(`pxo: -C ${given ?? root}: no such directory`);
    const ctx: CommandContext = { root: realpathSync(root), env: io.env, stdout: io.stdout, stderr: io.stderr };
    if (io.prompt) ctx.prompt = io.prompt;
    return ctx;
  };
  const defaultFormat = inGitHubActions(io.env) ? "github" : "text";
  const act =
    <A extends unknown[]>(fn: (...args: A) => Promise<number>) =>
    async (...args: A) => {
      exitCode = await fn(...args);
    };

  program
    .command("validate")
    .description("check every integration file (or the given ones): schema, inheritance and rules; offline")
    .argument("[paths...]", "files or folders to report on (all files are still loaded)")
    .addOption(new Option("--format <format>", "output format").choices([...DIAGNOSTIC_FORMATS]).default(defaultFormat))
    .option("--env <env>", "report only on sandbox or production")
    .option("--changed-since <ref>", "report only on files changed since this git ref, and clones of changed bases")
    .action(
      act(async (paths: string[], options: ValidateOptions) => {
        const { validateCommand } = await import("./commands/validate.js");
        return validateCommand(context(), paths, options);
      }),
    );

  program
    .command("render")
    .description("print the effective configuration of one integration")
    .argument("<target>", "<env>/<key>, e.g. sandbox/acme-yardi")
    .addOption(new Option("--format <format>", "output format").choices(["yaml", "json"]).default("yaml"))
    .option("--explain", "show the file:line each value comes from", false)
    .action(
      act(async (target: string, options: { format: "yaml" | "json"; explain: boolean }) => {
        const { renderCommand } = await import("./commands/render.js");
        return renderCommand(context(), target, options);
      }),
    );

  const planning = (cmd: Command) =>
    cmd
      .option("--env <env>", "sandbox or production (default: both)")
      .option("--changed-since <ref>", "only files changed since this git ref, plus every clone of a changed base")
      .option("--emulator", "talk to an in-process emulator persisted under .pxo/ instead of Propexo", false);

  planning(program.command("plan").description("desired (files) vs actual (Propexo): create, update, unchanged, orphaned, support-managed drift"))
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .option("--out <file>", "save the plan as JSON for pxo sync --plan")
    .option("--check-support-managed", "also read job schedules and custom enum maps (one request per integration)", false)
    .option("--detailed-exitcode", "exit 4 when the plan has changes", false)
    .action(
      act(async (options: PlanOptions) => {
        const { planCommand } = await import("./commands/plan.js");
        return planCommand(context(), { ...options, allowOffline: true });
      }),
    );

  planning(program.command("sync").description("apply the plan: bases before clones, the lock written after every success"))
    .option("--plan <file>", "apply a plan saved by pxo plan --out; refused if Propexo or the files changed since")
    .option("--prune", "delete integrations that are in the lock with no file (never a whole environment)", false)
    .option("--max-changes <n>", "refuse a plan with more than n changes")
    .option("--rotate-credentials <keys...>", "send these keys' credentials again even though the file did not change")
    .option("--concurrency <n>", "independent items applied at once", "4")
    .option("-y, --yes", "apply production changes without asking (always so under CI)", false)
    .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
    .action(
      act(async (options: SyncOptions) => {
        const { syncCommand } = await import("./commands/sync.js");
        return syncCommand(context(), { ...options, checkSupportManaged: false, allowOffline: false });
      }),
    );

  program
    .command("clone")
    .description("scaffold a new integration file from a base in the same environment folder")
    .argument("<base>", "<env>/<base-key>, e.g. sandbox/acme-yardi")
    .argument("<new-key>", "the new file's key (its name without .yaml)")
    .option("--name <name>", "display name of the new integration (asked on a terminal when missing)")
    .option("--env <env>", "refuse unless the base is in this environment")
    .option("--vendor <vendor>", "refuse unless the base has this integration_vendor")
    .option("--set <field=value...>", "override a field at scaffold time (repeatable; type-checked by the schema)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--flatten", "write every effective value explicitly instead of inheriting", false)
    .option("--force", "overwrite the target file if it exists", false)
    .option("--pr", "create branch clone/<new-key>, commit, push to origin and open a pull request", false)
    .action(
      act(async (base: string, newKey: string, options: CloneOptions) => {
        const { cloneCommand } = await import("./commands/clone.js");
        return cloneCommand(context(), base, newKey, options);
      }),
    );

  program
    .command("import")
    .description("write files and lock entries for integrations on Propexo that git does not have")
    .option("--env <env>", "sandbox or production")
    .option("--emulator", "talk to the in-process emulator persisted under .pxo/", false)
    .action(
      act(async (options: { env?: string; emulator: boolean }) => {
        const { importCommand } = await import("./commands/import.js");
        return importCommand(context(), options);
      }),
    );

  planning(program.command("drift").description("full-scope plan for a schedule: exit 1 when Propexo differs from git"))
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .action(
      act(async (options: PlanOptions) => {
        const { driftCommand } = await import("./commands/drift.js");
        return driftCommand(context(), options);
      }),
    );

  program
    .command("emulator")
    .description("run the local Propexo admin API: /sandbox and /production on one port, until SIGINT/SIGTERM")
    .option("--port <port>", "port on 127.0.0.1 (0: a free one)", "4010")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--token <token>", "the bearer token clients must send (default: $PXO_EMULATOR_TOKEN)")
    .option("--data <file>", "persist state to this JSON file (atomic writes)")
    .option("--rate-limit <n>", "requests per window per environment", "150")
    .option("--rate-window <ms>", "length of the rate-limit window", "60000")
    .option("--slowdown <ms>", "delay of each response above 80% of the limit", "2000")
    .option("--latency <ms>", "extra latency on every response", "0")
    .action(
      act(async (options: EmulatorCommandOptions) => {
        const { emulatorCommand } = await import("./commands/emulator.js");
        return emulatorCommand(context(), options, io.signals ?? { wait: () => new Promise(() => undefined) });
      }),
    );

  try {
    await program.parseAsync(io.argv, { from: "user" });
    return exitCode;
  } catch (error) {
    return handleError(error, io);
  }
}

function handleError(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
    return EXIT.usage;
  }
  if (error instanceof UsageError || error instanceof RuntimeFailure) {
    io.stderr.write(`${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr.write(`pxo: internal error: ${message}\n`);
  if (io.env.PXO_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT.runtime;
}
