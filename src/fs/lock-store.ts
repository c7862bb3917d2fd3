import { readFile } from "node:fs/promises";
import path from "node:path";
import type { LockWriter } from "../core/apply/apply.js";
import type { Diagnostic } from "../core/diagnostics.js";
import { INTEGRATIONS_DIR, LOCK_FILE_NAME, type Environment } from "../core/workspace.js";
import type { Lock, LockEntry } from "../generated/lock.js";
import { compileSchema } from "../schemas.js";
import { WriteQueue, writeFileAtomic } from "./atomic-write.js";

export const lockPath = (env: Environment): string => `${INTEGRATIONS_DIR}/${env}/${LOCK_FILE_NAME}`;

export const emptyLock = (env: Environment): Lock => ({ version: 1, environment: env, integrations: {} });

/** Reads each environment's lock; a missing one is empty, a broken one is a diagnostic (nothing is applied). */
export async function readLocks(root: string, envs: readonly Environment[], lockRoot = root): Promise<{ locks: Record<Environment, Lock>; diagnostics: Diagnostic[] }> {
  const validate = compileSchema("lock");
  const locks = { sandbox: emptyLock("sandbox"), production: emptyLock("production") };
  const diagnostics: Diagnostic[] = [];
  for (const env of envs) {
    const file = lockPath(env);
    const shown = path.relative(root, path.join(lockRoot, file)).split(path.sep).join("/");
    const text = await readFile(path.join(lockRoot, file), "utf8").catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return undefined;
      throw e;
    });
    if (text === undefined) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      diagnostics.push({ file: shown, line: 1, column: 1, severity: "error", code: "lock-invalid", message: `not valid JSON: ${(error as Error).message}`, hint: "restore the file from git; pxo writes it" });
      continue;
    }
    if (!validate(data) || (data as Lock).environment !== env) {
      const why = validate.errors?.[0] ? `${validate.errors[0].instancePath || "(top level)"} ${validate.errors[0].message}` : `environment is not ${env}`;
      diagnostics.push({ file: shown, line: 1, column: 1, severity: "error", code: "lock-invalid", message: `does not match schemas/lock.schema.json: ${why}`, hint: "restore the file from git; pxo writes it" });
      continue;
    }
    locks[env] = data as Lock;
  }
  return { locks, diagnostics };
}

/** Atomic (temp file + rename), one write at a time per environment, keys sorted for clean diffs. */
export class LockFiles implements LockWriter {
  private readonly writes = new WriteQueue();

  /** root: the directory holding integrations/<env>/propexo-lock.json (the repository, or .pxo/emulator/). */
  constructor(
    private readonly root: string,
    readonly locks: Record<Environment, Lock>,
  ) {}

  get(env: Environment, key: string): LockEntry | undefined {
    return this.locks[env].integrations[key];
  }

  record(env: Environment, key: string, entry: LockEntry): Promise<void> {
    this.locks[env].integrations[key] = entry;
    return this.write(env);
  }

  remove(env: Environment, key: string): Promise<void> {
    delete this.locks[env].integrations[key];
    return this.write(env);
  }

  private write(env: Environment): Promise<void> {
    const lock = this.locks[env];
    const sorted: Lock = { ...lock, integrations: Object.fromEntries(Object.entries(lock.integrations).sort(([a], [b]) => a.localeCompare(b))) };
    const text = `${JSON.stringify(sorted, null, 2)}\n`;
    const target = path.join(this.root, lockPath(env));
    return this.writes.run(() => writeFileAtomic(target, text));
  }
}

