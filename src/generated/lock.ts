/* Generated from schemas/ by `npm run gen:types`. Do not edit by hand. */

/**
 * Lock format version.
 */
export type Version = 1;
/**
 * The folder this lock belongs to.
 */
export type Environment = "sandbox" | "production";
/**
 * Propexo's integration id.
 */
export type IntegrationId = string;
/**
 * integration_vendor at the last apply.
 */
export type Vendor = string;
/**
 * Hash of the last applied writable payload (integration fields and custom schedule; credentials excluded).
 */
export type PayloadHash = string;
/**
 * Hash of the last applied custom_sync_schedule and use_custom_sync_schedule, which Propexo's GET does not return.
 */
export type ScheduleHash = string;
/**
 * Hash of the credentials block as written in the file (references and literals, never resolved values).
 */
export type CredentialsHash = string;
/**
 * sha256 of canonical JSON.
 */
export type Hash = string;
/**
 * ISO time the request was made or applied.
 */
export type When = string;
/**
 * True when the emulator acted as support and applied it.
 */
export type Applied = boolean;
/**
 * ISO time of the last successful create or update.
 */
export type AppliedAt = string;

/**
 * integrations/<environment>/propexo-lock.json, written by pxo after every successful create or update: each key's Propexo integration id and the hashes of what was last applied. Holds no secret value.
 */
export interface Lock {
  version: Version;
  environment: Environment;
  integrations: Integrations;
}
/**
 * Key (file name without .yaml) to its lock entry.
 */
export interface Integrations {
  [k: string]: LockEntry;
}
/**
 * What pxo knows of one integration on Propexo.
 */
export interface LockEntry {
  id: IntegrationId;
  vendor: Vendor;
  payload_hash: PayloadHash;
  schedule_hash: ScheduleHash;
  credentials_hash: CredentialsHash;
  support_requests?: SupportRequests;
  applied_at: AppliedAt;
}
/**
 * Support-managed families whose file content was handed to Propexo support (or applied by the emulator acting as support), by hash.
 */
export interface SupportRequests {
  [k: string]: {
    hash: Hash;
    at: When;
    applied?: Applied;
  };
}
