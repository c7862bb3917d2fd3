import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { WriteQueue, writeFileAtomic } from "../fs/atomic-write.js";
import type { Environment } from "../core/workspace.js";

/** The support-managed families Propexo copies on clone. */
export interface SupportManaged {
  job_schedules: Record<string, { sync_frequency: number; sync_cadence: string; status?: string }>;
  date_filters: Record<string, unknown>;
  job_controls: Record<string, unknown>;
  custom_enum_maps: Record<string, { mappings: Record<string, string>; default_value?: string }>;
  transform_schemas: Record<string, unknown>;
}


export interface StoredJobSchedule {
  id: string;
  integration_id: string;
  created_at: string;
  updated_at: string;
  job_type: string;
  status: "ACTIVE" | "INACTIVE";
  last_run: string | null;
  sync_frequency: number;
  sync_cadence: string;
  parameters: Record<string, unknown>;
}

/** One integration as the emulator keeps it. Credential values are never kept: only which fields were sent. */
export interface StoredIntegration {
  id: string;
  created_at: string;
  updated_at: string;
  name: string;
  vendor: string;
  active: boolean;
  sync_frequency: number;
  sync_cadence: string;
  max_request_frequency: number;
  max_request_cadence: string;
  max_job_concurrency: number;
  new_properties_are_enabled: boolean;
  custom_sync_schedule?: Record<string, unknown>;
  use_custom_sync_schedule: boolean;
  is_archived: boolean;
  customer_id: string;
  based_on_integration_id?: string;
  credential_fields: string[];
  support: SupportManaged;
  job_schedules: StoredJobSchedule[];
  last_data_access_check: string | null;
  is_running_sync: boolean;
}

export interface EmulatorState {
  version: 1;
  environments: Record<Environment, { integrations: StoredIntegration[] }>;
}

export const emptyState = (): EmulatorState => ({
  version: 1,
  environments: { sandbox: { integrations: [] }, production: { integrations: [] } },
});

export const emptySupport = (): SupportManaged => ({
  job_schedules: {},
  date_filters: {},
  job_controls: {},
  custom_enum_maps: {},
  transform_schemas: {},
});

/** CUID-like ids, as Propexo's look (opaque strings). */
export const newId = (): string => `cl${Date.now().toString(36)}${randomBytes(8).toString("hex")}`.slice(0, 25);

/** Keeps state in memory; with a file, every change is written atomically (temp file + rename), in order. */
export class Store {
  private readonly writes = new WriteQueue();

  private constructor(
    public state: EmulatorState,
    private readonly file: string | undefined,
  ) {}

  static async open(file?: string): Promise<Store> {
    if (!file) return new Store(emptyState(), undefined);
    const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return undefined;
      throw e;
    });
    if (!text) return new Store(emptyState(), file);
    let state: EmulatorState;
    try {
      state = JSON.parse(text) as EmulatorState;
    } catch (error) {
      throw new Error(`the emulator state ${file} is not valid JSON (${(error as Error).message}); delete it to start afresh`);
    }
    if (state?.version !== 1 || !state.environments?.sandbox || !state.environments?.production) {
      throw new Error(`the emulator state ${file} is not one this emulator wrote; delete it to start afresh`);
    }
    return new Store(state, file);
  }

  integrations(env: Environment): StoredIntegration[] {
    return this.state.environments[env].integrations;
  }

  find(env: Environment, id: string): StoredIntegration | undefined {
    return this.integrations(env).find((i) => i.id === id);
  }

  reset(): Promise<void> {
    this.state = emptyState();
    return this.save();
  }

  /** Resolves when every queued write is on disk. */
  flush(): Promise<void> {
    return this.writes.idle();
  }

  /** Queue a write of the current state; resolves when it is on disk. */
  save(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    const snapshot = JSON.stringify(this.state, null, 2);
    return this.writes.run(() => writeFileAtomic(file, snapshot));
  }
}
