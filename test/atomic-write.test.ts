import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WriteQueue, writeFileAtomic } from "../src/fs/atomic-write.js";
import { tempDir } from "./helpers/tmp.js";

describe("atomic writes", () => {
  it("replaces a file whole and leaves no temporary file behind, even when the write fails", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "nested", "lock.json");
    await writeFileAtomic(file, "one\n");
    await writeFileAtomic(file, "two\n");
    expect(await readFile(file, "utf8")).toBe("two\n");
    await mkdir(path.join(dir, "a-directory"));
    await expect(writeFileAtomic(path.join(dir, "a-directory"), "x")).rejects.toThrow();
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect((await readdir(path.join(dir, "nested"))).sort()).toEqual(["lock.json"]);
  });

  it("runs queued writes in order, and a failed one does not stop those after it", async () => {
    const queue = new WriteQueue();
    const done: string[] = [];
    const first = queue.run(async () => void done.push("first"));
    const failing = queue.run(async () => {
      throw new Error("disk full");
    });
    const third = queue.run(async () => void done.push("third"));
    await first;
    await expect(failing).rejects.toThrow("disk full");
    await third;
    await queue.idle();
    expect(done).toEqual(["first", "third"]);
  });
});
