import type { AuditDraft } from '../core/audit';
import { AppError, invalidInput } from '../core/errors';
import type { Transaction } from '../core/transaction';
import { transactionRowToTransaction, transferAccountSql } from '../storage/transactions-repo';
import type { AppContext } from './context';
import { storedCategorizer } from './ingest';
import { CATEGORY_SOURCE_CODE, storedMs } from '../storage/transaction-columns';

/**
 * The person's word on transfers: `tx edit <id> --transfer <other>` pairs two rows by hand
 * (one out, one in; across currencies too, where amounts cannot match), `--not-transfer`
 * unpairs a row and keeps automatic pairing away from it. Both win over automatic
 * pairing (a pair by hand is `source = 'user'`, an unpaired row is locked), survive syncs,
 * and are audited on both rows in the same (immediate) transaction, so a sync running at
 * the same time pairs before or after, never in between.
 */
interface Row {
  id: number;
  account_id: number;
  date: string;
  amount_cents: number;
  currency: string;
  description: string;
  merchant: string | null;
  category: string;
  category_source: string;
  pending: 0 | 1;
  note: string | null;
  provider_category: string | null;
  transfer_id: number | null;
  transfer_account_id: number | null;
}

const SELECT = `SELECT id, account_id, date, amount_cents, currency, description, merchant, category, category_source,
  pending, note, provider_category, transfer_id, ${transferAccountSql('transactions')} AS transfer_account_id
  FROM transactions WHERE id = ? AND removed = 0`;

function load(ctx: AppContext, id: number): Row {
  const row = ctx.sqlite.prepare(SELECT).get(id) as Row | undefined;
  if (!row) throw new AppError('not_found', `no transaction ${id}`, 'see finagg tx');
  return row;
}

/** The other row of the row's pair, or null. */
function partnerOf(ctx: AppContext, row: Row): number | null {
  if (row.transfer_id === null) return null;
  const pair = ctx.sqlite
    .prepare('SELECT out_transaction_id AS o, in_transaction_id AS i FROM transfers WHERE id = ?')
    .get(row.transfer_id) as { o: number; i: number } | undefined;
  if (!pair) return null;
  return pair.o === row.id ? pair.i : pair.o;
}

function audit(ctx: AppContext, entries: AuditDraft[]): void {
  const insert = ctx.sqlite.prepare(
    'INSERT INTO audit_log (transaction_id, field, old_value, new_value, source, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const e of entries) insert.run(e.transactionId, e.field, e.oldValue, e.newValue, e.source, e.reason, e.at);
}

const draft = (
  transactionId: number,
  field: string,
  oldValue: string | null,
  newValue: string | null,
  at: string,
): AuditDraft => ({
  transactionId,
  field,
  oldValue,
  newValue,
  source: 'user',
  reason: null,
  at,
});

/** Dissolves the row's pair (if any): both rows free, audited. Returns the rows it freed. */
function dissolve(ctx: AppContext, row: Row, at: string, entries: AuditDraft[]): number[] {
  const partner = partnerOf(ctx, row);
  if (row.transfer_id === null || partner === null) return [];
  ctx.sqlite
    .prepare('UPDATE transactions SET transfer_id = NULL, updated_ms = ? WHERE transfer_id = ?')
    .run(storedMs(at), row.transfer_id);
  ctx.sqlite.prepare('DELETE FROM transfers WHERE id = ?').run(row.transfer_id);
  entries.push(draft(row.id, 'transfer', String(partner), null, at), draft(partner, 'transfer', String(row.id), null, at));
  return [row.id, partner];
}

export async function pairByHand(ctx: AppContext, id: number, otherId: number): Promise<Transaction> {
  if (id === otherId) throw invalidInput(`invalid --transfer ${otherId}: a transaction cannot be a transfer with itself`);
  const at = new Date(ctx.clock.nowMs()).toISOString();
  return ctx.sqlite
    .transaction(() => {
      const a = load(ctx, id);
      const b = load(ctx, otherId);
      if (a.account_id === b.account_id)
        throw invalidInput(`invalid --transfer ${otherId}: it is in the same account as transaction ${id}`);
      if (Math.sign(a.amount_cents) === Math.sign(b.amount_cents))
        throw invalidInput(
          `invalid --transfer ${otherId}: one side must be money out and the other money in (both are ${a.amount_cents < 0 ? 'out' : 'in'})`,
        );
      if (a.transfer_id !== null && a.transfer_id === b.transfer_id) return transactionRowToTransaction(a);
      const entries: AuditDraft[] = [];
      dissolve(ctx, a, at, entries);
      dissolve(ctx, load(ctx, otherId), at, entries);
      const [out, into] = a.amount_cents < 0 ? [a, b] : [b, a];
      const transferId = Number(
        ctx.sqlite
          .prepare(
            `INSERT INTO transfers (out_transaction_id, in_transaction_id, confidence, source, reasons, created_at)
           VALUES (?, ?, 1, 'user', ?, ?)`,
          )
          .run(out.id, into.id, JSON.stringify(['paired by you']), at).lastInsertRowid,
      );
      for (const [row, other] of [
        [a, b],
        [b, a],
      ] as const) {
        ctx.sqlite
          .prepare(
            `UPDATE transactions SET transfer_id = ?, transfer_lock = 0, category = 'transfer', category_src = ?,
             rule_id = NULL, updated_ms = ? WHERE id = ?`,
          )
          .run(transferId, CATEGORY_SOURCE_CODE.user, storedMs(at), row.id);
        entries.push(draft(row.id, 'transfer', null, String(other.id), at));
        if (row.category !== 'transfer') entries.push({ ...draft(row.id, 'category', row.category, 'transfer', at) });
      }
      audit(ctx, entries);
      return transactionRowToTransaction(load(ctx, id));
    })
    .immediate();
}

/**
 * `--not-transfer`: the row leaves its pair (if any) and stays out of automatic pairing;
 * a row freed this way is categorized again as a new row would be, unless the person
 * set its category themselves.
 */
export async function unpairByHand(ctx: AppContext, id: number): Promise<Transaction> {
  const at = new Date(ctx.clock.nowMs()).toISOString();
  const categorize = await storedCategorizer(ctx);
  return ctx.sqlite
    .transaction(() => {
      const row = load(ctx, id);
      const entries: AuditDraft[] = [];
      const freed = dissolve(ctx, row, at, entries);
      ctx.sqlite.prepare('UPDATE transactions SET transfer_lock = 1, updated_ms = ? WHERE id = ?').run(storedMs(at), id);
      if (freed.length === 0) entries.push(draft(id, 'transfer', null, 'none', at));
      for (const freedId of freed) {
        const r = load(ctx, freedId);
        if (r.category !== 'transfer') continue;
        const c = categorize({
          accountId: r.account_id,
          description: r.description,
          merchant: r.merchant,
          amountCents: r.amount_cents,
          providerCategory: r.provider_category,
        });
        ctx.sqlite
          .prepare('UPDATE transactions SET category = ?, category_src = ?, rule_id = ?, updated_ms = ? WHERE id = ?')
          .run(c.category, CATEGORY_SOURCE_CODE[c.source], c.ruleId, storedMs(at), freedId);
        if (c.category !== r.category) entries.push(draft(freedId, 'category', r.category, c.category, at));
      }
      audit(ctx, entries);
      return transactionRowToTransaction(load(ctx, id));
    })
    .immediate();
}
