import type { Generated, GeneratedAlways } from 'kysely';

/**
 * Row types of the tables, as kysely sees them. These are storage rows, not domain
 * types: repositories map them (cents stay cents, 0/1 flags become booleans there).
 */
export interface ConnectionsTable {
  id: Generated<number>;
  provider: string;
  status: 'active' | 'needs_relink' | 'error' | 'revoked';
  token_sealed: Buffer | null;
  token_expires_at: string | null;
  scopes: string;
  created_at: string;
  updated_at: string;
  last_synced_at: string | null;
  last_error: string | null;
  failure_count: Generated<number>;
  next_attempt_at: string | null;
  /** UTC day (`YYYY-MM-DD`) that `requests_used` counts. */
  requests_day: string | null;
  requests_used: Generated<number>;
  notice: string | null;
  /** When the consent ends (ISO), for providers whose consent does (Enable Banking). */
  consent_expires_at: string | null;
  /** The bank a consent was given at, `<country>:<name>` (Enable Banking's ASPSP). */
  institution: string | null;
}

import type { AccountType } from '../core/account';
export type { AccountType };

export interface AccountsTable {
  id: Generated<number>;
  connection_id: number | null;
  provider: string;
  provider_account_id: string | null;
  name: string;
  type: AccountType;
  currency: string;
  balance_cents: number;
  balance_at: string | null;
  sync_cursor: string | null;
  /** What the cursor carries of its fetch (core/fetch-state.ts). */
  sync_fetch_state: string | null;
  synced_through: string | null;
  last_synced_at: string | null;
  import_mapping: string | null;
  statement_account: string | null;
  statement_balance_cents: number | null;
  statement_balance_date: string | null;
  available_balance_cents: number | null;
  balance_date: string | null;
  /** UTC day (`YYYY-MM-DD`) that `syncs_used` counts (providers with syncsPerAccountPerDay). */
  syncs_day: string | null;
  syncs_used: Generated<number>;
  closed: Generated<0 | 1>;
  created_at: string;
  updated_at: string;
}

export interface CategoriesTable {
  name: string;
  builtin: 0 | 1;
  created_at: string;
  /** The top-level category it sits under; null for a top-level one (migration 011). */
  parent: string | null;
  /** What belongs in it (built-in ones). */
  holds: string | null;
}

export interface RulesTable {
  id: Generated<number>;
  match: string;
  is_regex: 0 | 1;
  field: 'description' | 'merchant';
  min_cents: number | null;
  max_cents: number | null;
  account_id: number | null;
  category: string;
  rename_merchant: string | null;
  priority: number;
  created_at: string;
  /** JSON array of the transactions whose edits taught a learned rule; null for the person's own. */
  learned_from: string | null;
}

import type { SyncStatus, SyncTrigger } from '../core/sync-run';
export type { SyncStatus, SyncTrigger };

export interface SyncRunsTable {
  id: Generated<number>;
  account_id: number | null;
  connection_id: number | null;
  trigger: SyncTrigger;
  status: SyncStatus;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  fetched: number;
  inserted: number;
  updated: number;
  removed: number;
  deduplicated: number;
  rejected: number;
  error: string | null;
  note: string | null;
}

export interface CustomCurrenciesTable {
  url: string;
  abbr: string;
  name: string;
  resolved_at: string;
}

import type { CategorySource, MerchantSource } from '../core/transaction';
export type { CategorySource, MerchantSource };

export interface TransactionsTable {
  id: Generated<number>;
  account_id: number;
  provider_txn_id: string | null;
  pending_txn_id: string | null;
  content_hash: bigint | number;
  occurrence: number;
  date: string;
  amount_cents: number;
  currency: string;
  description: string;
  merchant: string | null;
  /** Stored as a code (storage/transaction-columns.ts); read as text through `merchant_source`. */
  merchant_src: number;
  merchant_source: GeneratedAlways<MerchantSource>;
  category: string;
  category_src: number;
  category_source: GeneratedAlways<CategorySource>;
  rule_id: number | null;
  provider_category: string | null;
  pending: 0 | 1;
  note: string | null;
  memo: string | null;
  transfer_id: number | null;
  transfer_lock: 0 | 1;
  removed: 0 | 1;
  removed_at: string | null;
  sync_run_id: number | null;
  /** Milliseconds since 1970; read as ISO text through `created_at` and `updated_at` (migration 024). */
  created_ms: number;
  updated_ms: number;
  created_at: GeneratedAlways<string>;
  updated_at: GeneratedAlways<string>;
  /** Who was paid, as recurring detection groups rows: an id into `payees` (migration 024). */
  payee_id: number | null;
}

/** The payee keys of core/recurring/payee-key.ts, each once (migration 024). */
export interface PayeesTable {
  id: Generated<number>;
  key: string;
}

/** A part of a split transaction (migration 013). */
export interface TransactionSplitsTable {
  transaction_id: number;
  position: number;
  category: string;
  amount_cents: number;
}

export interface TransfersTable {
  id: Generated<number>;
  out_transaction_id: number;
  in_transaction_id: number;
  confidence: number;
  source: 'auto' | 'user';
  /** JSON array of strings. */
  reasons: string;
  created_at: string;
}

export interface StreamsTable {
  id: Generated<number>;
  key: string;
  account_id: number;
  merchant: string;
  kind: 'income' | 'bill' | 'subscription' | 'transfer';
  cadence: 'weekly' | 'biweekly' | 'semimonthly' | 'monthly' | 'quarterly' | 'annually';
  currency: string;
  amount_cents: number;
  amount_min_cents: number;
  amount_max_cents: number;
  first_date: string;
  last_date: string;
  last_amount_cents: number;
  next_date: string;
  status: 'early' | 'mature' | 'ended';
  /** JSON array of transaction ids. */
  transaction_ids: string;
  /** JSON PriceChange, or null. */
  price_change: string | null;
  ignored_at: string | null;
  detected_at: string;
  updated_at: string;
}

export interface TransferStateTable {
  id: number;
  paired_through: number;
  paired_at: string;
}

export interface QuarantineTable {
  id: Generated<number>;
  account_id: number | null;
  sync_run_id: number | null;
  provider: string;
  raw: string;
  reason: string;
  created_at: string;
}

export interface BudgetsTable {
  id: Generated<number>;
  category: string;
  amount_cents: number;
  currency: string;
  period: 'weekly' | 'monthly';
  alert_at: string;
  rollover: 0 | 1;
  created_at: string;
  updated_at: string;
  /** 1: spending in other currencies counts too, converted at each row's day's rate. */
  all_currencies: Generated<0 | 1>;
}

export interface AlertsTable {
  id: Generated<number>;
  type: string;
  budget_id: number | null;
  connection_id: number | null;
  category: string | null;
  threshold: number | null;
  percent: number | null;
  period_start: string | null;
  message: string;
  created_at: string;
  acknowledged_at: string | null;
}

export interface BudgetAlertMarksTable {
  budget_id: number;
  period_start: string;
  threshold: number;
  alert_id: number | null;
  created_at: string;
}

/** A pending charge a budget alert counted when it fired (migration 21): its money out, positive, in its own currency. */
export interface BudgetAlertPendingTable {
  budget_id: number;
  period_start: string;
  threshold: number;
  transaction_id: number;
  amount_cents: number;
}

export interface AlertDeliveriesTable {
  alert_id: number;
  channel: string;
  attempts: number;
  delivered_at: string | null;
  last_error: string | null;
  next_attempt_at: string | null;
}

export type AnomalyType = 'unusual_amount' | 'new_merchant' | 'duplicate_charge' | 'price_increase' | 'category_spike';

export interface AnomaliesTable {
  id: Generated<number>;
  transaction_id: number;
  account_id: number;
  type: AnomalyType;
  severity: 'low' | 'medium' | 'high';
  score: number;
  description: string;
  detected_at: string;
  dismissed_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  transaction_id: number | null;
  field: string;
  old_value: string | null;
  new_value: string | null;
  source: 'user' | 'rule' | 'sync';
  reason: string | null;
  at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface SecretsTable {
  key: string;
  /** AES-256-GCM under the data key, bound to `finagg:secret:<key>`. */
  sealed: Buffer;
  updated_at: string;
}

export interface DaemonStateTable {
  id: number;
  pid: number | null;
  started_at: string | null;
  heartbeat_at: string | null;
  last_run_at: string | null;
  next_run_at: string | null;
  /** The UTC day the daemon last tried to fetch reference rates (migration 018). */
  rates_tried_on: string | null;
  /** Rounds since the daemon started, the last one's wall time, its memory after it (migration 022). */
  rounds: Generated<number>;
  last_round_ms: number | null;
  rss_mb: number | null;
}

/** EUR reference rates by day (migration 018). */
export interface RatesTable {
  /** ISO 4217, upper case; never EUR. */
  currency: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** Units of `currency` per euro, exact: a decimal (`1.0512`) or a fraction (`10000/9513`). */
  per_eur: string;
  /** `ecb`, `simulated`, `file:<name>`. */
  source: string;
}

/** Each backup target's last backup and last failure (migration 025). */
export interface BackupTargetsTable {
  /** As the person wrote it in backup.to or --to. */
  target: string;
  last_name: string | null;
  last_at: string | null;
  last_bytes: number | null;
  /** One line; never a recovery key (only the public half is ever known here). */
  last_error: string | null;
  last_error_at: string | null;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface DB {
  connections: ConnectionsTable;
  accounts: AccountsTable;
  categories: CategoriesTable;
  rules: RulesTable;
  sync_runs: SyncRunsTable;
  transactions: TransactionsTable;
  payees: PayeesTable;
  transaction_splits: TransactionSplitsTable;
  transfers: TransfersTable;
  transfer_state: TransferStateTable;
  streams: StreamsTable;
  quarantine: QuarantineTable;
  budgets: BudgetsTable;
  alerts: AlertsTable;
  budget_alert_marks: BudgetAlertMarksTable;
  budget_alert_pending: BudgetAlertPendingTable;
  alert_deliveries: AlertDeliveriesTable;
  anomalies: AnomaliesTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  secrets: SecretsTable;
  daemon_state: DaemonStateTable;
  schema_migrations: SchemaMigrationsTable;
  custom_currencies: CustomCurrenciesTable;
  rates: RatesTable;
  backup_targets: BackupTargetsTable;
}
