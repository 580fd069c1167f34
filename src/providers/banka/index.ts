import type { BankProvider } from '../provider';
import { ProviderError } from '../errors';
import { SIM_BANKS } from '../sim/banks';
import { SIM_SCOPES } from '../sim/scopes';
import { SimBank, type SimBankOptions } from '../sim/sim-bank';
import { bankARawTransactionId, normalizeBankAAccount, normalizeBankATransaction } from './normalize';
import { BankAServer } from './server';

/**
 * The adapter's cursor: `banka:1:<since>:<page>` while paging, `banka:1:done` after the
 * last page. A done cursor (or none) starts a new window at the request's `since`: BankA
 * has no change feed, so each sync re-reads its window and dedupe matches by id.
 */
const PAGING = /^banka:1:(\d{4}-\d{2}-\d{2}):(\d+)$/;
const DONE = 'banka:1:done';

export function createBankA(options: SimBankOptions): BankProvider {
  const server = new BankAServer(new SimBank('banka', options));
  return {
    id: 'banka',
    name: SIM_BANKS.banka.name,
    kind: 'bank',
    reissuesIds: false,
    pendingLink: 'same_id',
    link: { method: 'oauth_code', scopes: SIM_SCOPES, authorization: options.authorization },
    fetchAccounts: async (accessToken) => (await server.listAccounts(accessToken)).accounts,
    normalizeAccount: normalizeBankAAccount,
    async fetchTransactions(accessToken, request) {
      let since = request.since;
      let page = 1;
      if (request.cursor !== null && request.cursor !== DONE) {
        const match = PAGING.exec(request.cursor);
        if (!match) throw new ProviderError('banka', 'invalid_request', 'BankA: cursor not understood');
        since = match[1] ?? since;
        page = Number(match[2]);
      }
      const response = await server.listTransactions(accessToken, { acct_id: request.accountId, since_date: since, page });
      const next = response.next_page;
      return {
        // A status flip (pending -> completed) comes again under the same id; BankA does
        // not say what changed, so everything is `added` and dedupe matches the id.
        added: response.transactions,
        modified: [],
        removed: [],
        hasMore: next !== null,
        nextCursor: next === null ? DONE : `banka:1:${since}:${next}`,
      };
    },
    normalizeTransaction: normalizeBankATransaction,
    rawTransactionId: bankARawTransactionId,
  };
}

export { BankAServer } from './server';
