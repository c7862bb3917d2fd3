/**
 * Facts of Propexo's admin API (shared/propexo-api.md), in one place for the client, the emulator and
 * the capability table. A test holds schemas/integration.schema.json to the same enums.
 */

export const VENDORS = [
  "APPFOLIO",
  "BUILDIUM",
  "ENTRATA",
  "MRI",
  "PROPERTYWARE",
  "PROPERTYWARE_REST",
  "REALPAGE",
  "REALPAGE_RPX",
  "RENTMANAGER",
  "RENTVINE",
  "RESMAN",
  "YARDI",
  "YARDI_REST",
] as const;

export const CADENCES = ["MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "SECOND"] as const;

export const TIMEZONES = [
  "UTC",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
] as const;

export const WEEKDAYS = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"] as const;

/** The six documented normalization model/field pairs and their normalized values (§3.10). */
export const ENUM_MAP_VALUES = {
  "leases/status": ["ACTIVE", "INACTIVE", "OTHER", "PENDING", "EVICTED"],
  "residents/type": ["PRIMARY", "SECONDARY", "GUARANTOR", "OTHER"],
  "billing/payment-method": ["CASH", "CASHIERCHECK", "CHECK", "CREDITCARD", "MONEYORDER", "DIRECTDEPOSIT", "ELECTRONICPAYMENT", "OTHER"],
  "properties/type": ["SINGLE_FAMILY", "MULTI_FAMILY", "STUDENT_HOUSING", "VACATION", "COMMERCIAL", "OTHER"],
  "applicants/status": ["APPROVED", "DENIED", "CANCELED", "OTHER", "PENDING"],
  "applicants/type": ["GUARANTOR", "OTHER", "PRIMARY", "SECONDARY"],
} as const;
export type EnumMapPath = keyof typeof ENUM_MAP_VALUES;

/** What cloning copies (§6.1), and what only Propexo support can change. */
export const SUPPORT_MANAGED = ["job_schedules", "date_filters", "job_controls", "custom_enum_maps", "transform_schemas"] as const;

/** Propexo's documented list maximum; the client always asks for this much. */
export const MAX_PAGE_LIMIT = 250;
export const DEFAULT_RATE_LIMIT = 150;
/** Above this share of the minute's budget Propexo delays every response by about 2 s. */
export const SLOWDOWN_THRESHOLD = 0.8;

export const PATHS = {
  integrations: "/v1/admin/integrations/",
  integration: (id: string) => `/v1/admin/integrations/${encodeURIComponent(id)}/`,
  jobSchedules: (id: string) => `/v1/admin/integrations/${encodeURIComponent(id)}/job-schedules/`,
  jobSchedule: (id: string, scheduleId: string) =>
    `/v1/admin/integrations/${encodeURIComponent(id)}/job-schedules/${encodeURIComponent(scheduleId)}/`,
  normalization: (path: EnumMapPath) => `/v1/admin/normalization/${path}`,
  dataAccess: (id: string) => `/v1/admin/integrations/${encodeURIComponent(id)}/data-access`,
  manualSync: (id: string) => `/v1/admin/integrations/${encodeURIComponent(id)}/manual-sync`,
} as const;

/** The integration fields Propexo returns from list and get and takes on create and update. */
export const INTEGRATION_FIELDS = [
  "name",
  "active",
  "sync_frequency",
  "sync_cadence",
  "max_request_frequency",
  "max_request_cadence",
  "max_job_concurrency",
  "new_properties_are_enabled",
] as const;

/** The fields a create body may carry (deprecated ones — system, base_url, allow_manual_syncs — are never sent). */
export const CREATE_FIELDS = [
  "integration_vendor",
  "credentials",
  "name",
  "sync_frequency",
  "sync_cadence",
  "max_request_cadence",
  "max_request_frequency",
  "max_job_concurrency",
  "active",
  "new_properties_are_enabled",
  "based_on_integration_id",
  "custom_sync_schedule",
  "use_custom_sync_schedule",
] as const;

/** Update takes the same fields, all optional, without based_on_integration_id (cloning is create-only). */
export const UPDATE_FIELDS = CREATE_FIELDS.filter((f) => f !== "based_on_integration_id");
