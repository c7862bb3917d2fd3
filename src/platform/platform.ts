import type { Environment } from "../core/workspace.js";
import type { EnumMapPath } from "./propexo-api.js";

/** An integration as Propexo's list and get return it (no credentials; no custom schedule). */
export interface RemoteIntegration {
  id: string;
  name: string;
  vendor: string;
  active: boolean;
  sync_frequency: number | null;
  sync_cadence: string | null;
  max_request_frequency: number;
  max_request_cadence: string;
  max_job_concurrency: number;
  new_properties_are_enabled: boolean;
  is_archived: boolean;
  created_at: string;
  updated_at: string;
}

/** What a create or update returns besides the integration: the only view of the custom schedule. */
export interface WrittenIntegration extends RemoteIntegration {
  custom_sync_schedule?: Record<string, unknown>;
  use_custom_sync_schedule?: boolean;
}

/** A create or update body: only the documented fields (see CREATE_FIELDS). */
export interface IntegrationBody {
  integration_vendor?: string;
  credentials?: Record<string, unknown>;
  name?: string;
  sync_frequency?: number;
  sync_cadence?: string;
  max_request_cadence?: string;
  max_request_frequency?: number;
  max_job_concurrency?: number;
  active?: boolean;
  new_properties_are_enabled?: boolean;
  based_on_integration_id?: string;
  custom_sync_schedule?: Record<string, unknown>;
  use_custom_sync_schedule?: boolean;
}

export interface JobSchedule {
  id: string;
  integration_id: string;
  job_type: string;
  status: "ACTIVE" | "INACTIVE";
  sync_frequency: number;
  sync_cadence: string;
  last_run: string | null;
  parameters: Record<string, unknown>;
}

export interface EnumMap {
  is_custom_mapping: boolean;
  mappings: Record<string, string>;
  default_value: string;
}

export interface DataAccess {
  models: Record<string, unknown>;
  last_data_access_check: string | null;
  data_access_check_in_process: boolean;
}

export interface CreateResult {
  integration: WrittenIntegration;
  /** True when the create's response was lost and the integration was found by name instead. */
  recovered: boolean;
}

/** Everything pxo asks of Propexo, in our words; one environment per instance. */
export interface Platform {
  readonly environment: Environment;
  listIntegrations(filter?: { vendor?: string }): Promise<RemoteIntegration[]>;
  getIntegration(id: string): Promise<RemoteIntegration | undefined>;
  /** Never creates a duplicate: after an ambiguous failure it looks the name up before trying again. */
  createIntegration(body: IntegrationBody & { name: string; integration_vendor: string; credentials: Record<string, unknown> }): Promise<CreateResult>;
  updateIntegration(id: string, body: IntegrationBody): Promise<WrittenIntegration>;
  deleteIntegration(id: string): Promise<void>;
  listJobSchedules(integrationId: string): Promise<JobSchedule[]>;
  getJobSchedule(integrationId: string, scheduleId: string): Promise<JobSchedule | undefined>;
  getEnumMap(path: EnumMapPath, vendor: string, integrationId?: string): Promise<EnumMap>;
  startDataAccessCheck(integrationId: string): Promise<boolean>;
  getDataAccess(integrationId: string): Promise<DataAccess>;
  triggerManualSync(integrationId: string, models?: string[]): Promise<boolean>;
}
