/* Generated from schemas/ by `npm run gen:types`. Do not edit by hand. */

/**
 * One Propexo integration: integrations/<environment>/<key>.yaml. Field names are the Propexo admin API's own.
 */
export type Integration = {
  $schema?: Schema;
  name: Name;
  integration_vendor: IntegrationVendor;
  based_on?: BasedOn;
  active?: Active;
  sync_frequency?: SyncFrequency;
  sync_cadence?: SyncCadence;
  max_request_frequency?: MaxRequestFrequency;
  max_request_cadence?: MaxRequestCadence;
  max_job_concurrency?: MaxJobConcurrency;
  new_properties_are_enabled?: NewPropertiesAreEnabled;
  use_custom_sync_schedule?: UseCustomSyncSchedule;
  custom_sync_schedule?: CustomSyncSchedule;
  credentials: Credentials;
  job_schedules?: JobSchedules;
  date_filters?: DateFilters;
  job_controls?: JobControls;
  custom_enum_maps?: CustomEnumMaps;
  transform_schemas?: TransformSchemas;
};
/**
 * Optional editor hint; ignored by pxo.
 */
export type Schema = string;
/**
 * Integration display name (the customer in Propexo's dashboard). Unique per environment. Never inherited.
 */
export type Name = string;
/**
 * The property-management system. Never changes after create; a clone must have exactly its base's vendor (YARDI and YARDI_REST are different vendors).
 */
export type IntegrationVendor =
  | "APPFOLIO"
  | "BUILDIUM"
  | "ENTRATA"
  | "MRI"
  | "PROPERTYWARE"
  | "PROPERTYWARE_REST"
  | "REALPAGE"
  | "REALPAGE_RPX"
  | "RENTMANAGER"
  | "RENTVINE"
  | "RESMAN"
  | "YARDI"
  | "YARDI_REST";
/**
 * Key (file name without .yaml) of a base file in the same folder with the same vendor. Propexo creates this integration as a clone of the base; in git this file inherits the base's effective configuration.
 */
export type BasedOn = string;
/**
 * Whether the integration syncs. Propexo's default is false: a new integration does nothing until enabled.
 */
export type Active = boolean;
/**
 * Sync every N sync_cadence units (standard schedule, used while the custom schedule is off).
 */
export type SyncFrequency = number;
/**
 * Unit of sync_frequency.
 */
export type SyncCadence = "MINUTE" | "HOUR" | "DAY" | "WEEK" | "MONTH" | "SECOND";
/**
 * Throttle for requests to the PMS, per max_request_cadence (Propexo's own wording is ambiguous; the value is sent as is).
 */
export type MaxRequestFrequency = number;
/**
 * Unit of max_request_frequency. Requests cannot be made less frequently than once per minute.
 */
export type MaxRequestCadence = "MINUTE" | "HOUR" | "DAY" | "WEEK" | "MONTH" | "SECOND";
/**
 * Jobs run at once for this integration (1-100).
 */
export type MaxJobConcurrency = number;
/**
 * If false, data of newly discovered properties is not ingested until they are enabled.
 */
export type NewPropertiesAreEnabled = boolean;
/**
 * Switches custom_sync_schedule on.
 */
export type UseCustomSyncSchedule = boolean;
/**
 * Always WEEK_BASED.
 */
export type Type = "WEEK_BASED";
/**
 * One of the 8 time zones Propexo accepts.
 */
export type TimeZone =
  | "UTC"
  | "America/New_York"
  | "America/Chicago"
  | "America/Denver"
  | "America/Phoenix"
  | "America/Los_Angeles"
  | "America/Anchorage"
  | "Pacific/Honolulu";
/**
 * Non-overlapping windows of this day.
 *
 * @minItems 1
 */
export type Slots = [Slot, ...Slot[]];
/**
 * Start time, 24-hour HH:MM (00:00-23:59).
 */
export type Start = string;
/**
 * End time, 24-hour HH:MM, after start.
 */
export type End = string;
/**
 * Sync every N cadence units inside this slot.
 */
export type SyncFrequency1 = number;
/**
 * Unit of sync_frequency inside this slot.
 */
export type SyncCadence1 = "MINUTE" | "HOUR" | "DAY" | "WEEK" | "MONTH" | "SECOND";
/**
 * Vendor credentials, required in every file and never inherited. Sensitive fields are { secret: NAME } references resolved at sync time from the environment or PXO_SECRETS; the shape depends on integration_vendor.
 */
export type Credentials = {[field: string]: unknown};
/**
 * Run every N cadence units.
 */
export type SyncFrequency2 = number;
/**
 * Unit of sync_frequency.
 */
export type SyncCadence2 = "MINUTE" | "HOUR" | "DAY" | "WEEK" | "MONTH" | "SECOND";
/**
 * ACTIVE or INACTIVE.
 */
export type Status = "ACTIVE" | "INACTIVE";
/**
 * The record date the PMS filters on (none: no date filter).
 */
export type Field = "created_at" | "updated_at" | "none";
/**
 * Days back from now that a regular sync reads.
 */
export type LookbackDays = number;
/**
 * Whether the job runs.
 */
export type Enabled = boolean;
/**
 * Used when a raw value matches no key (typically OTHER).
 */
export type DefaultValue = "ACTIVE" | "INACTIVE" | "OTHER" | "PENDING" | "EVICTED";
/**
 * Used when a raw value matches no key (typically OTHER).
 */
export type DefaultValue1 = "PRIMARY" | "SECONDARY" | "GUARANTOR" | "OTHER";
/**
 * Used when a raw value matches no key (typically OTHER).
 */
export type DefaultValue2 =
  "CASH" | "CASHIERCHECK" | "CHECK" | "CREDITCARD" | "MONEYORDER" | "DIRECTDEPOSIT" | "ELECTRONICPAYMENT" | "OTHER";
/**
 * Used when a raw value matches no key (typically OTHER).
 */
export type DefaultValue3 = "SINGLE_FAMILY" | "MULTI_FAMILY" | "STUDENT_HOUSING" | "VACATION" | "COMMERCIAL" | "OTHER";
/**
 * Used when a raw value matches no key (typically OTHER).
 */
export type DefaultValue4 = "APPROVED" | "DENIED" | "CANCELED" | "OTHER" | "PENDING";
/**
 * Used when a raw value matches no key (typically OTHER).
 */
export type DefaultValue5 = "GUARANTOR" | "OTHER" | "PRIMARY" | "SECONDARY";
/**
 * PMS fields surfaced in the record's custom_data.
 */
export type CustomDataFields = string[];

/**
 * A week-based schedule, used when use_custom_sync_schedule is true. Not returned by Propexo's GET: pxo detects changes against the lock file's last-applied hash.
 */
export interface CustomSyncSchedule {
  type: Type;
  timezone: TimeZone;
  interval: Interval;
}
/**
 * Slots per weekday (upper-case English day names). A day without a key has no slots.
 */
export interface Interval {
  SUNDAY?: Day;
  MONDAY?: Day;
  TUESDAY?: Day;
  WEDNESDAY?: Day;
  THURSDAY?: Day;
  FRIDAY?: Day;
  SATURDAY?: Day;
}
/**
 * The sync slots of one weekday.
 */
export interface Day {
  slots: Slots;
}
/**
 * One window of a day in which syncs run.
 */
export interface Slot {
  start: Start;
  end: End;
  sync_frequency: SyncFrequency1;
  sync_cadence: SyncCadence1;
}
/**
 * Support-managed: per-job schedules keyed by job type (e.g. READ_LEASES). Readable from Propexo, changed only through Propexo support; copied to clones by Propexo.
 */
export interface JobSchedules {
  [k: string]: JobSchedule;
}
/**
 * Schedule of one job type.
 */
export interface JobSchedule {
  sync_frequency: SyncFrequency2;
  sync_cadence: SyncCadence2;
  status?: Status;
}
/**
 * Support-managed: per-model lookback windows of regular syncs. Not readable or writable through the API; copied to clones by Propexo.
 */
export interface DateFilters {
  [k: string]: DateFilter;
}
/**
 * Lookback window of one model's regular syncs.
 */
export interface DateFilter {
  field: Field;
  lookback_days?: LookbackDays;
}
/**
 * Support-managed: which ETL jobs run, keyed by job type. Not readable or writable through the API; copied to clones by Propexo.
 */
export interface JobControls {
  [k: string]: JobControl;
}
/**
 * Whether one ETL job runs.
 */
export interface JobControl {
  enabled: Enabled;
}
/**
 * Support-managed: overrides of Propexo's normalized enums, for the six documented model/field pairs. Readable through the normalization endpoint; copied to clones by Propexo.
 */
export interface CustomEnumMaps {
  "leases/status"?: LeaseStatusEnumLeaseStatus;
  "residents/type"?: ResidentTypeEnumResidentType;
  "billing/payment-method"?: TransactionPaymentMethodEnumTransactionPaymentMethod;
  "properties/type"?: PropertyTypeEnumPropertyType;
  "applicants/status"?: ApplicantStatusEnumApplicantStatus;
  "applicants/type"?: ApplicantTypeEnumApplicantType;
}
/**
 * Custom mapping for leases/status: raw PMS value to one of ACTIVE, INACTIVE, OTHER, PENDING, EVICTED.
 */
export interface LeaseStatusEnumLeaseStatus {
  mappings: Mappings;
  default_value?: DefaultValue;
}
/**
 * Raw PMS value -> normalized value.
 */
export interface Mappings {
  [k: string]: "ACTIVE" | "INACTIVE" | "OTHER" | "PENDING" | "EVICTED";
}
/**
 * Custom mapping for residents/type: raw PMS value to one of PRIMARY, SECONDARY, GUARANTOR, OTHER.
 */
export interface ResidentTypeEnumResidentType {
  mappings: Mappings1;
  default_value?: DefaultValue1;
}
/**
 * Raw PMS value -> normalized value.
 */
export interface Mappings1 {
  [k: string]: "PRIMARY" | "SECONDARY" | "GUARANTOR" | "OTHER";
}
/**
 * Custom mapping for billing/payment-method: raw PMS value to one of CASH, CASHIERCHECK, CHECK, CREDITCARD, MONEYORDER, DIRECTDEPOSIT, ELECTRONICPAYMENT, OTHER.
 */
export interface TransactionPaymentMethodEnumTransactionPaymentMethod {
  mappings: Mappings2;
  default_value?: DefaultValue2;
}
/**
 * Raw PMS value -> normalized value.
 */
export interface Mappings2 {
  [k: string]:
    "CASH" | "CASHIERCHECK" | "CHECK" | "CREDITCARD" | "MONEYORDER" | "DIRECTDEPOSIT" | "ELECTRONICPAYMENT" | "OTHER";
}
/**
 * Custom mapping for properties/type: raw PMS value to one of SINGLE_FAMILY, MULTI_FAMILY, STUDENT_HOUSING, VACATION, COMMERCIAL, OTHER.
 */
export interface PropertyTypeEnumPropertyType {
  mappings: Mappings3;
  default_value?: DefaultValue3;
}
/**
 * Raw PMS value -> normalized value.
 */
export interface Mappings3 {
  [k: string]: "SINGLE_FAMILY" | "MULTI_FAMILY" | "STUDENT_HOUSING" | "VACATION" | "COMMERCIAL" | "OTHER";
}
/**
 * Custom mapping for applicants/status: raw PMS value to one of APPROVED, DENIED, CANCELED, OTHER, PENDING.
 */
export interface ApplicantStatusEnumApplicantStatus {
  mappings: Mappings4;
  default_value?: DefaultValue4;
}
/**
 * Raw PMS value -> normalized value.
 */
export interface Mappings4 {
  [k: string]: "APPROVED" | "DENIED" | "CANCELED" | "OTHER" | "PENDING";
}
/**
 * Custom mapping for applicants/type: raw PMS value to one of GUARANTOR, OTHER, PRIMARY, SECONDARY.
 */
export interface ApplicantTypeEnumApplicantType {
  mappings: Mappings5;
  default_value?: DefaultValue5;
}
/**
 * Raw PMS value -> normalized value.
 */
export interface Mappings5 {
  [k: string]: "GUARANTOR" | "OTHER" | "PRIMARY" | "SECONDARY";
}
/**
 * Support-managed: how PMS data maps into Propexo models, keyed by model. Visible only as custom_data on records; copied to clones by Propexo.
 */
export interface TransformSchemas {
  [k: string]: TransformSchema;
}
/**
 * Customisation of one model's mapping.
 */
export interface TransformSchema {
  custom_data_fields: CustomDataFields;
}
