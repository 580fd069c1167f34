import type { BankProvider } from '../provider';
import { SIM_BANKS } from '../sim/banks';
import { SIM_SCOPES } from '../sim/scopes';
import { SimBank, type SimBankOptions } from '../sim/sim-bank';
import { bankBRawTransactionId, normalizeBankBAccount, normalizeBankBTransaction } from './normalize';
import { BankBServer } from './server';

/**
 * BankB pages by its own sync cursor, which the adapter passes through unchanged: it
 * encodes the moment of the last sync, so the next call returns only what changed.
 * `request.since` is not used: a null cursor returns the bank's whole history window.
 */
export function createBankB(options: SimBankOptions): BankProvider {
  const server = new BankBServer(new SimBank('bankb', options));
  return {
    id: 'bankb',
    name: SIM_BANKS.bankb.name,
    kind: 'bank',
    reissuesIds: false,
    pendingLink: 'names_pending',
    link: { method: 'oauth_code', scopes: SIM_SCOPES, authorization: options.authorization },
    fetchAccounts: async (accessToken) => (await server.listAccounts(accessToken)).accounts,
    normalizeAccount: normalizeBankBAccount,
    async fetchTransactions(accessToken, request) {
      const response = await server.transactionsSync(accessToken, { account_number: request.accountId, cursor: request.cursor });
      return {
        added: response.added,
        modified: response.modified,
        removed: response.removed.map((r) => r.transaction_id),
        hasMore: response.has_more,
        nextCursor: response.next_cursor,
      };
    },
    normalizeTransaction: normalizeBankBTransaction,
    rawTransactionId: bankBRawTransactionId,
  };
}

export { BankBServer } from './server';
