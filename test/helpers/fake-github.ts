import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

export interface RecordedPull {
  owner: string;
  repo: string;
  authorization: string | undefined;
  body: { head: string; base: string; title: string; body: string };
}

const servers: { close(): void }[] = [];

/** A loopback stand-in for the GitHub REST API: records the pull requests it is asked to open. */
export async function fakeGitHub(options: { failWith?: number } = {}) {
  const pulls: RecordedPull[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString()));
    req.on("end", () => {
      const m = req.url?.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls$/);
      res.setHeader("content-type", "application/json");
      if (req.method !== "POST" || !m) {
        res.writeHead(404).end(JSON.stringify({ message: "Not Found" }));
        return;
      }
      if (options.failWith) {
        res.writeHead(options.failWith).end(JSON.stringify({ message: "Validation Failed" }));
        return;
      }
      pulls.push({ owner: m[1] ?? "", repo: m[2] ?? "", authorization: req.headers.authorization, body: JSON.parse(text) });
      const number = pulls.length;
      res.writeHead(201).end(JSON.stringify({ number, html_url: `https://github.example/${m[1]}/${m[2]}/pull/${number}`, id: number }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pulls };
}

afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});
