import { INTEGRATION_FIELDS, SUPPORT_MANAGED } from "./propexo-api.js";

/**
 * What Propexo lets pxo read and write, family by family (DESIGN §3). When Propexo opens more of its
 * API, this table is the one place that changes.
 */
export type ReadVia = "integration-list" | "write-response-only" | "job-schedules" | "normalization" | "never";
export type WriteVia = "create-and-update" | "credentials" | "support";

export interface Capability {
  family: string;
  fields: readonly string[];
  read: ReadVia;
  write: WriteVia;
  /** How a difference is found when Propexo does not return the value. */
  compare: "remote-value" | "lock-hash" | "file-history";
}

export { INTEGRATION_FIELDS };
export type IntegrationField = (typeof INTEGRATION_FIELDS)[number];

export const SCHEDULE_FIELDS = ["custom_sync_schedule", "use_custom_sync_schedule"] as const;

export { SUPPORT_MANAGED };
export type SupportFamily = (typeof SUPPORT_MANAGED)[number];

export const CAPABILITIES: readonly Capability[] = [
  { family: "integration", fields: INTEGRATION_FIELDS, read: "integration-list", write: "create-and-update", compare: "remote-value" },
  { family: "custom schedule", fields: SCHEDULE_FIELDS, read: "write-response-only", write: "create-and-update", compare: "lock-hash" },
  { family: "credentials", fields: ["credentials"], read: "never", write: "credentials", compare: "lock-hash" },
  { family: "job_schedules", fields: ["job_schedules"], read: "job-schedules", write: "support", compare: "remote-value" },
  { family: "custom_enum_maps", fields: ["custom_enum_maps"], read: "normalization", write: "support", compare: "remote-value" },
  { family: "date_filters", fields: ["date_filters"], read: "never", write: "support", compare: "file-history" },
  { family: "job_controls", fields: ["job_controls"], read: "never", write: "support", compare: "file-history" },
  { family: "transform_schemas", fields: ["transform_schemas"], read: "never", write: "support", compare: "file-history" },
];

export const capabilityOf = (family: string): Capability | undefined => CAPABILITIES.find((c) => c.family === family);

/** How Propexo lets a support-managed family be read back, if at all. */
export const readVia = (family: SupportFamily): ReadVia => capabilityOf(family)?.read ?? "never";

/** Propexo's defaults for what a file leaves out (create input schema, §3.3). */
export const API_DEFAULTS: Record<IntegrationField | "use_custom_sync_schedule", unknown> = {
  name: undefined,
  active: false,
  sync_frequency: 12,
  sync_cadence: "HOUR",
  max_request_frequency: 1,
  max_request_cadence: "SECOND",
  max_job_concurrency: 1,
  new_properties_are_enabled: true,
  use_custom_sync_schedule: false,
};
