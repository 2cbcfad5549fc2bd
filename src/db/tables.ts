import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Kysely table types, all in one place. bigint columns are parsed to number (credits stay < 2^53). */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface UsersTable {
  id: string;
  email: string;
  name: string | null;
  is_local: Generated<boolean>;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  key_hash: string;
  prefix: string;
  name: string | null;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface ModelPreferencesTable {
  user_id: string;
  chat_model: string | null;
  image_model: string | null;
  video_model: string | null;
  updated_at: UpdatedAt;
}

export interface BrandKitsTable {
  user_id: string;
  name: string | null;
  voice: string | null;
  banned_words: Json<string[]>;
  required_words: Json<string[]>;
  colors: Json<string[]>;
  logo_asset_id: string | null;
  disclaimer: string | null;
  updated_at: UpdatedAt;
}

export interface CreditAccountsTable {
  user_id: string;
  balance: Generated<number>;
  held: Generated<number>;
  updated_at: UpdatedAt;
}

export type ReservationStatus = 'open' | 'captured' | 'released' | 'expired';

export interface CreditReservationsTable {
  id: string;
  user_id: string;
  amount: number;
  idempotency_key: string;
  purpose: string | null;
  status: Generated<ReservationStatus>;
  captured_amount: number | null;
  created_at: CreatedAt;
  expires_at: Date | string;
  settled_at: Date | null;
}

export type LedgerKind = 'grant' | 'capture' | 'refund' | 'adjustment';

export interface CreditLedgerTable {
  id: Generated<number>;
  user_id: string;
  amount: number;
  balance_after: number;
  kind: LedgerKind;
  reason: string | null;
  reservation_id: string | null;
  idempotency_key: string | null;
  created_at: CreatedAt;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface GenerationJobsTable {
  id: string;
  user_id: string;
  kind: string;
  status: Generated<JobStatus>;
  progress: Generated<number>;
  provider: string;
  model_id: string;
  input: Json;
  operation: Json | null;
  result: Json | null;
  error: string | null;
  reservation_id: string | null;
  credits_charged: Generated<number>;
  attempts: Generated<number>;
  next_poll_at: Date | string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  finished_at: Date | string | null;
}

export type AssetKind = 'image' | 'video' | 'text' | 'upload';

export interface AssetsTable {
  id: string;
  user_id: string;
  kind: AssetKind;
  storage_key: string;
  mime_type: string;
  bytes: number;
  width: number | null;
  height: number | null;
  duration_seconds: number | null;
  provider: string | null;
  model_id: string | null;
  prompt: string | null;
  metadata: Json<Record<string, unknown>>;
  job_id: string | null;
  /** The paid call that stored it, until that call's capture commits; null: visible. */
  pending_call: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
}

export interface ToolCallsTable {
  user_id: string;
  idempotency_key: string;
  tool: string;
  input_hash: string | null;
  status: 'running' | 'succeeded' | 'failed';
  result: Json | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ConversationsTable {
  id: string;
  user_id: string;
  title: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MessagesTable {
  id: Generated<number>;
  conversation_id: string;
  role: 'user' | 'assistant' | 'tool' | 'system';
  content: Json;
  provider: string | null;
  model_id: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  /** Credits the model call that wrote this message cost (assistant messages). */
  credits: number | null;
  /** The chat turn the message belongs to. */
  turn_id: string | null;
  created_at: CreatedAt;
}

/** A model's lifecycle as `models sync` last read it from its provider. */
export interface ModelLifecycleTable {
  model_id: string;
  provider: string;
  status: 'active' | 'legacy' | 'deprecated' | 'retired';
  end_of_life: string | null;
  successor: string | null;
  source: string;
  synced_at: UpdatedAt;
}

export interface Tables {
  users: UsersTable;
  api_keys: ApiKeysTable;
  model_preferences: ModelPreferencesTable;
  brand_kits: BrandKitsTable;
  credit_accounts: CreditAccountsTable;
  credit_reservations: CreditReservationsTable;
  credit_ledger: CreditLedgerTable;
  generation_jobs: GenerationJobsTable;
  assets: AssetsTable;
  tool_calls: ToolCallsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  model_lifecycle: ModelLifecycleTable;
}

export type User = Selectable<UsersTable>;
export type Asset = Selectable<AssetsTable>;
export type NewAsset = Insertable<AssetsTable>;
export type Reservation = Selectable<CreditReservationsTable>;
export type LedgerEntry = Selectable<CreditLedgerTable>;
export type Job = Selectable<GenerationJobsTable>;
