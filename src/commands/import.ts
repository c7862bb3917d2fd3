import path from "node:path";
import { isError } from "../core/diagnostics.js";
import { credentialFieldsFromSchema, scaffoldImport } from "../core/import/scaffold.js";
import { writeFileAtomic } from "../fs/atomic-write.js";
import { LockFiles, readLocks } from "../fs/lock-store.js";
import { formatDiagnostics } from "../report/diagnostics.js";
import { readSchema } from "../schemas.js";
import { connect } from "./connect.js";
import { EXIT, RuntimeFailure, UsageError, type CommandContext } from "./context.js";
import { loadAndValidate } from "./load-repo.js";
import { environmentsOf } from "./planning.js";
import { PropexoError } from "../platform/errors.js";

export interface ImportOptions {
  env?: string;
  emulator: boolean;
}

/** `pxo import --env <env>`: a file and a lock entry for each integration on Propexo that git does not know. */
export async function importCommand(ctx: CommandContext, options: ImportOptions): Promise<number> {
  if (!options.env) throw new UsageError("pxo import: --env sandbox|production is required");
  const [env] = environmentsOf(options.env);
  if (!env) throw new UsageError("pxo import: --env is required");
  const { workspace, validation } = await loadAndValidate(ctx.root);
  if (!validation.ok) {
    ctx.stderr.write(formatDiagnostics({ files: validation.files, diagnostics: validation.diagnostics }, "text", ctx.stderr.isTTY));
    ctx.stderr.write("pxo import: fix the repository first; nothing was written\n");
    return EXIT.problems;
  }
  const lockRoot = options.emulator ? path.join(ctx.root, ".pxo", "emulator") : ctx.root;
  const { locks, diagnostics } = await readLocks(ctx.root, [env], lockRoot);
  if (diagnostics.length) {
    ctx.stderr.write(formatDiagnostics({ files: 0, diagnostics }, "text", ctx.stderr.isTTY));
    return EXIT.problems;
  }
  const connection = await connect(ctx, [env], { emulator: options.emulator, allowOffline: false });
  try {
    const remote = await connection.platforms[env]?.listIntegrations().catch((error: unknown) => {
      throw error instanceof PropexoError ? new RuntimeFailure(`pxo import: cannot read Propexo: ${error.describe()}`) : error;
    });
    const known = new Set(Object.values(locks[env].integrations).map((e) => e.id));
    const files = [...workspace.byEnv[env].values()];
    const taken = new Set(files.map((f) => f.key));
    const lockFiles = new LockFiles(lockRoot, locks);
    const fields = credentialFieldsFromSchema(readSchema("integration"));
    let written = 0;
    for (const r of (remote ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      if (known.has(r.id)) continue;
      const twin = files.find((f) => f.loaded.data?.name === r.name && f.loaded.data?.integration_vendor === r.vendor);
      if (twin) {
        ctx.stdout.write(`= ${r.id} "${r.name}" matches ${twin.file}: pxo sync adopts it\n`);
        continue;
      }
      const imported = scaffoldImport(r, env, taken, fields, new Date().toISOString());
      taken.add(imported.key);
      const file = `integrations/${env}/${imported.key}.yaml`;
      await writeFileAtomic(path.join(ctx.root, file), imported.text);
      await lockFiles.record(env, imported.key, imported.lock);
      written++;
      const secrets = secretNames(imported.text);
      ctx.stdout.write(`+ ${file} from ${r.id} "${r.name}" (${r.vendor}); secrets to create: ${secrets.join(", ")}\n`);
    }
    const after = await loadAndValidate(ctx.root);
    const problems = after.validation.diagnostics.filter(isError);
    if (problems.length) {
      ctx.stderr.write(formatDiagnostics({ files: after.validation.files, diagnostics: problems }, "text", ctx.stderr.isTTY));
      return EXIT.problems;
    }
    ctx.stdout.write(`imported ${written} integration${written === 1 ? "" : "s"} into integrations/${env}/; the files validate\n`);
    return EXIT.ok;
  } finally {
    await connection.close();
  }
}

const secretNames = (text: string): string[] => [...text.matchAll(/secret: ([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] ?? "");

