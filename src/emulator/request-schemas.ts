import { CADENCES, MODELS_TO_SYNC, TIMEZONES, VENDORS, WEEKDAYS } from "./vocabulary.js";

/** Request bodies as Propexo validates them: documented fields only (Zod's strict objects), enums and ranges. */

const cadence = { type: "string", enum: CADENCES };
const time = { type: "string", pattern: "^(?:[01]\\d|2[0123]):(?:[012345]\\d)$" };
const slot = {
  type: "object",
  properties: { start: time, end: time, sync_frequency: { type: "integer", exclusiveMinimum: 0 }, sync_cadence: cadence },
  required: ["start", "end", "sync_frequency", "sync_cadence"],
  additionalProperties: false,
};
const customSyncSchedule = {
  type: "object",
  properties: {
    type: { type: "string", enum: ["WEEK_BASED"] },
    timezone: { type: "string", enum: TIMEZONES },
    interval: {
      type: "object",
      properties: Object.fromEntries(
        WEEKDAYS.map((d) => [d, { type: "object", properties: { slots: { type: "array", items: slot } }, required: ["slots"], additionalProperties: false }]),
      ),
      additionalProperties: false,
    },
  },
  required: ["type", "timezone", "interval"],
  additionalProperties: false,
};

const writable = {
  credentials: { type: "object" },
  name: { type: "string" },
  system: { type: "string", enum: ["PRODUCTION", "SANDBOX"] },
  sync_frequency: { type: "integer", minimum: 1 },
  sync_cadence: cadence,
  max_request_cadence: cadence,
  max_request_frequency: { type: "number", minimum: 1 },
  max_job_concurrency: { type: "integer", minimum: 1, maximum: 100 },
  active: { type: "boolean" },
  base_url: { type: ["string", "null"] },
  new_properties_are_enabled: { type: "boolean" },
  allow_manual_syncs: { type: "boolean" },
  custom_sync_schedule: customSyncSchedule,
  use_custom_sync_schedule: { type: "boolean" },
};

export const createBody = {
  type: "object",
  properties: {
    integration_vendor: { type: "string", enum: VENDORS },
    based_on_integration_id: { type: "string" },
    ...writable,
  },
  required: ["integration_vendor", "credentials", "name"],
  additionalProperties: false,
};

export const updateBody = {
  type: "object",
  properties: { integration_vendor: { type: "string", enum: VENDORS }, ...writable },
  additionalProperties: false,
};

export const emptyBody = { type: "object", additionalProperties: false };

export const manualSyncBody = {
  type: "object",
  properties: { sync_config_id: { type: "string" }, models_to_sync: { type: "array", items: { type: "string", enum: MODELS_TO_SYNC } } },
  additionalProperties: false,
};
