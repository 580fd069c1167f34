// The parameters of GET /accounts, read once at the edge. A bad value is a 400 with a short
// reason, never a silent default, so a client bug shows up in its tests.

export interface AccountsQuery {
  /** Epoch seconds; inclusive. */
  readonly startDate?: number;
  /** Epoch seconds; exclusive. */
  readonly endDate?: number;
  readonly pending: boolean;
  /** Empty: every account. */
  readonly accountIds: readonly string[];
  readonly balancesOnly: boolean;
  readonly version?: 1 | 2;
}

export type ParsedQuery = { readonly ok: true; readonly query: AccountsQuery } | { readonly ok: false; readonly reason: string };

export function parseAccountsQuery(params: URLSearchParams): ParsedQuery {
  const startDate = epochSeconds(params, 'start-date');
  const endDate = epochSeconds(params, 'end-date');
  if (startDate === null || endDate === null) return { ok: false, reason: 'start-date and end-date must be epoch seconds' };
  const versionText = params.get('version');
  // "1.0" and "2.0" are accepted too: /info speaks in version prefixes.
  const version = versionText === null ? undefined : versionText.startsWith('1') ? 1 : versionText.startsWith('2') ? 2 : null;
  if (version === null) return { ok: false, reason: `unsupported version ${versionText}` };
  return {
    ok: true,
    query: {
      ...(startDate === undefined ? {} : { startDate }),
      ...(endDate === undefined ? {} : { endDate }),
      pending: params.get('pending') === '1',
      accountIds: params.getAll('account'),
      balancesOnly: params.get('balances-only') === '1',
      ...(version === undefined ? {} : { version }),
    },
  };
}

// undefined when absent, null when present but not an integer.
function epochSeconds(params: URLSearchParams, name: string): number | undefined | null {
  const text = params.get(name);
  if (text === null) return undefined;
  return /^\d{1,12}$/.test(text) ? Number(text) : null;
}
