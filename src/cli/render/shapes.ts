import { moneyToNumber } from '../../core/money';
import type { Transaction } from '../../core/transaction';

/** The `--json` shapes of CLI.md: snake_case keys, decimal amounts. */
export function transactionJson(t: Transaction) {
  return {
    id: t.id,
    account_id: t.accountId,
    date: t.date,
    amount: moneyToNumber(t.amountCents, t.currency),
    currency: t.currency,
    description: t.description,
    merchant: t.merchant,
    category: t.category,
    pending: t.pending,
    note: t.note,
  };
}
