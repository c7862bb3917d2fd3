import { Document, isMap, isPair, isScalar } from "yaml";
import type { LockEntry } from "../../generated/lock.js";
import { desiredFields, desiredSchedule, hashOf } from "../../platform/payload.js";
import type { RemoteIntegration } from "../../platform/platform.js";
import { suggestKey } from "../rules/file-name.js";
import { suggestSecretName } from "../validate/schema-check.js";
import type { Environment } from "../workspace.js";

/** The credentials fields a vendor needs, read from the integration schema's per-vendor definitions. */
export type CredentialFields = (vendor: string, env: Environment) => string[];

export function credentialFieldsFromSchema(schema: Record<string, unknown>): CredentialFields {
  const defs = schema.definitions as Record<string, { required?: string[]; oneOf?: { required: string[] }[] }>;
  return (vendor, env) => {
    const def = defs[`credentials${vendor.split("_").map((p) => p[0] + p.slice(1).toLowerCase()).join("")}`];
    if (!def?.required) return ["username", "password"]; // no published shape (YARDI_REST): the documented interface user
    const shape = def.oneOf ? (env === "production" ? def.oneOf[0] : def.oneOf[1]) : undefined;
    return [...def.required, ...(shape?.required ?? [])];
  };
}

export interface Imported {
  key: string;
  text: string;
  lock: LockEntry;
}

/**
 * A file for an integration that exists on Propexo but not in git. Propexo never returns credentials or the
 * custom schedule, so credentials become references named after the key, and comments say what to fill in.
 */
export function scaffoldImport(remote: RemoteIntegration, env: Environment, takenKeys: ReadonlySet<string>, fields: CredentialFields, now: string): Imported {
  const key = uniqueKey(suggestKey(remote.name), takenKeys);
  const values: Record<string, unknown> = { name: remote.name, integration_vendor: remote.vendor, active: remote.active };
  if (remote.sync_frequency !== null) values.sync_frequency = remote.sync_frequency;
  if (remote.sync_cadence !== null) values.sync_cadence = remote.sync_cadence;
  Object.assign(values, {
    max_request_frequency: remote.max_request_frequency,
    max_request_cadence: remote.max_request_cadence,
    max_job_concurrency: remote.max_job_concurrency,
    new_properties_are_enabled: remote.new_properties_are_enabled,
  });
  const credentials = Object.fromEntries(fields(remote.vendor, env).map((f) => [f, { secret: suggestSecretName(key, f) }]));
  values.credentials = credentials;

  const doc = new Document({ ...values }, { keepSourceTokens: false });
  doc.commentBefore = [
    " yaml-language-server: $schema=../../schemas/integration.schema.json",
    ` Imported by pxo import from Propexo ${env} integration ${remote.id} on ${now.slice(0, 10)}.`,
    " Propexo's API returns neither credentials nor the custom sync schedule:",
    "  - create the secrets below in CI (or replace a non-sensitive one with its literal value);",
    "  - add custom_sync_schedule and use_custom_sync_schedule if this integration has one;",
    "  - support-managed families (job_schedules, custom_enum_maps, ...) can be written down as Propexo support has them.",
  ].join("\n");
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === "credentials" && isMap(pair.value)) {
        pair.key.commentBefore = " Secret references named after the key: set each one before the next sync that sends credentials.";
        for (const field of pair.value.items) if (isMap(field.value)) field.value.flow = true;
      }
    }
  }
  const lock: LockEntry = {
    id: remote.id,
    vendor: remote.vendor,
    payload_hash: hashOf({ fields: desiredFields(values), schedule: desiredSchedule(values) }),
    schedule_hash: hashOf(desiredSchedule(values)),
    credentials_hash: hashOf(credentials),
    applied_at: now,
  };
  return { key, text: doc.toString({ lineWidth: 0, flowCollectionPadding: true }), lock };
}

function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 60)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
