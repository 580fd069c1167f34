import type { BankProvider } from '../provider';
import { ProviderError } from '../errors';
import { SIM_BANKS } from '../sim/banks';
import { SIM_SCOPES } from '../sim/scopes';
import { SimBank, type SimBankOptions } from '../sim/sim-bank';
import { bankCRawTransactionId, normalizeBankCAccount, normalizeBankCTransaction } from './normalize';
import { BANKC_MAX_LIMIT, BankCServer } from './server';

/**
 * The adapter's cursor: `bankc:1:<since>:<offset>` while paging, `bankc:1:done` after the
 * last page. A done cursor (or none) starts a new window at the request's `since`: BankC
 * has no change feed, so each sync re-reads its window.
 */
const PAGING = /^bankc:1:(\d{4}-\d{2}-\d{2}):(\d+)$/;
const DONE = 'bankc:1:done';

export function createBankC(options: SimBankOptions): BankProvider {
  const server = new BankCServer(new SimBank('bankc', options));
  return {
    id: 'bankc',
    name: SIM_BANKS.bankc.name,
    kind: 'bank',
    reissuesIds: true,
    pendingLink: 'none',
    link: { method: 'oauth_code', scopes: SIM_SCOPES, authorization: options.authorization },
    fetchAccounts: async (accessToken) => (await server.listAccounts(accessToken)).accounts,
    normalizeAccount: normalizeBankCAccount,
    async fetchTransactions(accessToken, request) {
      let since = request.since;
      let offset = 0;
      if (request.cursor !== null && request.cursor !== DONE) {
        const match = PAGING.exec(request.cursor);
        if (!match) throw new ProviderError('bankc', 'invalid_request', 'BankC: cursor not understood');
        since = match[1] ?? since;
        offset = Number(match[2]);
      }
      const response = await server.listTransactions(accessToken, {
        iban: request.accountId,
        date_from: since,
        offset,
        limit: BANKC_MAX_LIMIT,
      });
      const next = response.offset + response.transactions.length;
      const hasMore = response.transactions.length > 0 && next < response.total;
      return {
        added: response.transactions,
        modified: [],
        removed: [],
        hasMore,
        nextCursor: hasMore ? `bankc:1:${since}:${next}` : DONE,
      };
    },
    normalizeTransaction: normalizeBankCTransaction,
    rawTransactionId: bankCRawTransactionId,
  };
}

export { BankCServer } from './server';
