import { execFileSync } from "node:child_process";

/** Tests that run pxo as a real process (signals, SIGKILL) need dist/ to match src/. */
export default function setup(): void {
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"], { stdio: "inherit" });
}
