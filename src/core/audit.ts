/** One changed field of a transaction, and who changed it: a person, a rule, or a sync. */
export interface AuditEntry {
  id: number;
  transactionId: number | null;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  source: 'user' | 'rule' | 'sync';
  reason: string | null;
  at: string;
}

export type AuditDraft = Omit<AuditEntry, 'id'>;
