/** Options shared by every call; each maps to the CLI flag of the same name. */
export interface TidemarkOptions {
  /** The migrations folder (drizzle, Flyway-style, plain, diesel, golang-migrate, dbmate, goose, sqlx, Prisma, Supabase). */
  dir?: string;
  /** postgres:// URL or Npgsql connection string; default $DATABASE_URL. */
  url?: string;
  /** Override the detected layout, e.g. "DrizzleJournal", "Diesel", "Goose". */
  layout?: string;
  /** Schema of Tidemark's history table (default "tidemark"). */
  schema?: string;
  shadowUrl?: string;
  drift?: 'refuse' | 'warn' | 'ignore';
  allowOutOfOrder?: boolean;
  noAdopt?: boolean;
  ignoreTables?: string[];
  /** Extra environment for the binary. */
  env?: Record<string, string>;
  signal?: AbortSignal;
}

export interface AppliedMigration {
  version: string;
  name: string;
  kind: string;
  file: string;
  statements: number;
  durationMs: number;
  resumed: boolean;
  notes?: string[];
}

export interface AdoptedMigration {
  version: string;
  name: string;
  source: string;
}

export interface TidemarkFailure {
  migration?: string;
  name?: string;
  file?: string;
  line?: number;
  column?: number;
  statement?: string;
  sqlState?: string;
  message?: string;
  detail?: string;
  hint?: string;
  databaseState?: string;
}

export interface TidemarkErrorJson {
  kind: 'migration_failed' | 'validation_failed' | 'adoption_refused' | 'drift_detected' | 'lock_timeout' | 'connection_failed' | 'bad_input' | 'refused' | 'cancelled' | string;
  message: string;
  nextStep?: string;
  differences?: string[];
  failure?: TidemarkFailure;
}

export interface MigrateResult {
  version: 1;
  ok: boolean;
  currentVersion: string | null;
  appliedCount: number;
  applied: AppliedMigration[];
  adopted?: AdoptedMigration[];
  imported?: AdoptedMigration[];
  warnings?: string[];
  elapsedMs: number;
  lockWaitMs: number;
  fastPath: boolean;
  error?: TidemarkErrorJson;
}

export interface StatusResult {
  version: 1;
  ok: boolean;
  currentVersion: string | null;
  applied: number;
  pending: number;
  migrations: Array<{ version: string; name: string; kind: string; state: string; file?: string; appliedAt?: string }>;
  problems: Array<Record<string, unknown>>;
  error?: TidemarkErrorJson;
}

/** Rejected with when the binary exits non-zero: `result` is its JSON (with `error`), `exitCode` the documented exit code. */
export declare class TidemarkError extends Error {
  readonly exitCode: number | null;
  readonly result?: { ok: false; error: TidemarkErrorJson } & Record<string, unknown>;
  readonly stderr: string;
}

/** Applies every pending migration under the migration lock (`tidemark migrate --json`). */
export declare function migrate(options?: TidemarkOptions): Promise<MigrateResult>;
/** Read-only status (`tidemark status --json`). */
export declare function status(options?: TidemarkOptions): Promise<StatusResult>;
/** What migrate would do, changing nothing (`tidemark plan --json`). */
export declare function plan(options?: TidemarkOptions): Promise<Record<string, unknown>>;
/** Any command with --json, e.g. run(['rollback', '--to', '0003']). */
export declare function run(command: string | string[], options?: TidemarkOptions): Promise<Record<string, unknown>>;
