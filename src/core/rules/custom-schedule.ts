import type { Diagnostic } from "../diagnostics.js";
import type { Effective } from "../resolve/effective.js";
import { at, type Rule } from "./rule.js";

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
const minutes = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

interface Slot {
  start?: unknown;
  end?: unknown;
}

/** What Propexo does not check but a schedule needs to mean something: start < end, no overlaps. */
export const customScheduleRule: Rule = {
  id: "custom-schedule",
  check: ({ resolution }) => {
    const out: Diagnostic[] = [];
    for (const effective of resolution.effective.values()) out.push(...checkSchedule(effective));
    return out;
  },
};

function checkSchedule(effective: Effective): Diagnostic[] {
  const out: Diagnostic[] = [];
  const v = effective.values;
  if (v.use_custom_sync_schedule === true && v.custom_sync_schedule === undefined) {
    out.push({
      ...at(effective, "/use_custom_sync_schedule"),
      severity: "error",
      code: "schedule-missing",
      message: "use_custom_sync_schedule is true but no custom_sync_schedule is set",
      hint: "add custom_sync_schedule, or set use_custom_sync_schedule: false",
    });
  }
  const interval = (v.custom_sync_schedule as { interval?: unknown } | undefined)?.interval;
  if (typeof interval !== "object" || interval === null) return out;
  for (const [day, spec] of Object.entries(interval)) {
    const slots = (spec as { slots?: unknown } | null)?.slots;
    if (!Array.isArray(slots)) continue;
    const valid: { start: number; end: number; index: number }[] = [];
    slots.forEach((slot: Slot, index) => {
      if (typeof slot?.start !== "string" || typeof slot.end !== "string") return;
      if (!TIME.test(slot.start) || !TIME.test(slot.end)) return;
      const start = minutes(slot.start);
      const end = minutes(slot.end);
      const pointer = `/custom_sync_schedule/interval/${day}/slots/${index}`;
      if (start >= end) {
        out.push({
          ...at(effective, `${pointer}/start`),
          severity: "error",
          code: "schedule-start-after-end",
          message: `${day} slot ${index + 1} starts at ${slot.start}, not before its end ${slot.end}`,
          hint: "a slot cannot cross midnight: split it into two slots on two days",
        });
        return;
      }
      valid.push({ start, end, index });
    });
    valid.sort((a, b) => a.start - b.start);
    for (let i = 1; i < valid.length; i++) {
      const prev = valid[i - 1];
      const cur = valid[i];
      if (!prev || !cur || cur.start >= prev.end) continue;
      out.push({
        ...at(effective, `/custom_sync_schedule/interval/${day}/slots/${cur.index}`),
        severity: "error",
        code: "schedule-overlap",
        message: `${day} slot ${cur.index + 1} overlaps slot ${prev.index + 1}`,
        hint: "make the slots of a day disjoint",
      });
    }
  }
  return out;
}
