import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Writes a file so that readers see the old content or the new, never half of it: a temporary file beside
 * it, then a rename. A failed write removes its temporary file.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(temp, text, { flag: "wx" });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Runs writes one after another; a failed write fails its caller only, never the writes queued after it. */
export class WriteQueue {
  private last: Promise<void> = Promise.resolve();

  run(write: () => Promise<void>): Promise<void> {
    const next = this.last.catch(() => undefined).then(write);
    this.last = next;
    return next;
  }

  /** Resolves when every queued write has finished (successfully or not). */
  idle(): Promise<void> {
    return this.last.catch(() => undefined);
  }
}
