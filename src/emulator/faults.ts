/** Faults a test or demo injects through /_emulator/faults. Counts are exact; rates are per request. */
export interface Faults {
  /** Extra latency on every Propexo response, in ms. */
  latency_ms: number;
  /** Share (0..1) of requests answered with `error_status` before doing anything. */
  error_rate: number;
  error_status: number;
  /** Share of requests whose connection is destroyed before doing anything. */
  drop_rate: number;
  /** The next N requests fail with error_status, before doing anything. */
  fail_next: number;
  /** The next N requests have their connection destroyed, before doing anything. */
  drop_next: number;
  /** The next N requests are carried out, then their connection is destroyed: the response is lost. */
  drop_response_next: number;
  /** The next N requests get a 429 as if the minute's budget were spent. */
  rate_limit_next: number;
  /** Only requests whose "METHOD /path" matches this regular expression are affected (all when empty). */
  match: string;
}

export const noFaults = (): Faults => ({
  latency_ms: 0,
  error_rate: 0,
  error_status: 503,
  drop_rate: 0,
  fail_next: 0,
  drop_next: 0,
  drop_response_next: 0,
  rate_limit_next: 0,
  match: "",
});

export type FaultAction = "none" | "fail" | "drop" | "drop-response" | "rate-limit";

/** The counted faults, in the order they are consumed. */
const COUNTED: readonly [keyof Faults & `${string}_next`, FaultAction][] = [
  ["drop_next", "drop"],
  ["fail_next", "fail"],
  ["rate_limit_next", "rate-limit"],
  ["drop_response_next", "drop-response"],
];

/** Decides, and consumes, the fault for one request. */
export function nextFault(faults: Faults, method: string, path: string, random: () => number = Math.random): FaultAction {
  if (faults.match && !new RegExp(faults.match).test(`${method} ${path}`)) return "none";
  for (const [counter, action] of COUNTED) {
    if (faults[counter] > 0) {
      faults[counter]--;
      return action;
    }
  }
  if (faults.drop_rate > 0 && random() < faults.drop_rate) return "drop";
  if (faults.error_rate > 0 && random() < faults.error_rate) return "fail";
  return "none";
}
