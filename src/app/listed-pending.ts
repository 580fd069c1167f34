import type { BankProvider, RawTransactionPage } from '../providers/provider';
import { removeUnlistedPending } from '../storage/unlisted-pending-repo';
import type { AppContext } from './context';

/**
 * What one fetch of an account lists, for a provider that lists every pending record of
 * its windows and sends no withdrawals (BankProvider.listsAllPending, SimpleFIN). After
 * a whole, clean fetch, a stored pending row it did not list was posted under another id
 * or withdrawn: sweeping removes it, so it is never counted beside its posted row.
 */
export class ListedPending {
  private readonly ids = new Set<string>();
  /** The first whole day the fetch covered. */
  private from: string | undefined;

  constructor(private readonly provider: BankProvider) {}

  see(page: RawTransactionPage): void {
    for (const raw of page.added) this.add(raw);
    for (const raw of page.modified) this.add(raw);
    if (page.coversFrom !== undefined && (this.from === undefined || page.coversFrom < this.from)) this.from = page.coversFrom;
  }

  /** Removes the account's unlisted pending rows (audited); returns how many. */
  sweep(ctx: AppContext, accountId: number, syncRunId: number): number {
    if (this.from === undefined) return 0;
    return removeUnlistedPending(ctx.sqlite, {
      accountId,
      fromDate: this.from,
      listed: this.ids,
      syncRunId,
      nowIso: new Date(ctx.clock.nowMs()).toISOString(),
    }).length;
  }

  private add(raw: unknown): void {
    const id = this.provider.rawTransactionId(raw);
    if (id !== undefined) this.ids.add(id);
  }
}
