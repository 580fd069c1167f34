import { describe, expect, it } from 'vitest';
import { normalizeBankCTransaction } from '../../../src/providers/bankc/normalize';
import { bankCTxnId } from '../../../src/providers/bankc/server';
import { stateAt, type SimEvent } from '../../../src/providers/sim/event';
import { SimWorld } from '../../../src/providers/sim/world';
import { accountIds, drain, NOW, simProviders } from './support';

const env = { FINAGG_SIM_HISTORY_DAYS: '90', FINAGG_SIM_DAILY: '10' };
const world = new SimWorld('bankc', 42, { historyDays: 90, daily: 10 });

function events(match: (event: SimEvent) => boolean): SimEvent[] {
  const found: SimEvent[] = [];
  const { firstDay, today } = world.window(NOW);
  for (const account of world.accounts) world.scan(account, firstDay, today, (e) => void (match(e) && found.push(e)));
  return found;
}

/** BankC's records of one account at a clock, by id. */
async function recordsAt(nowMs: number) {
  const bankc = simProviders({ env, now: nowMs }).get('bankc');
  const [checking] = await accountIds(bankc);
  const { added } = await drain(bankc, checking ?? '', '2024-12-01');
  return new Map(added.map((raw) => normalizeBankCTransaction(raw)).map((t) => [t.providerTxnId, t]));
}

describe('BankC quirks for dedupe', () => {
  it('posts restaurant bills with a 10-25% tip under a new id that does not name the pending one', async () => {
    const tipped = events((e) => e.postedCents !== e.amountCents);
    expect(tipped.length).toBeGreaterThan(5);
    for (const e of tipped) {
      expect(e.category).toBe('dining');
      const tip = e.postedCents / e.amountCents - 1;
      expect(tip).toBeGreaterThanOrEqual(0.095);
      expect(tip).toBeLessThanOrEqual(0.255);
    }
    const e = tipped.find((t) => t.account.type === 'checking' && t.settleMs < NOW);
    if (!e) throw new Error('no settled tipped bill');
    const whilePending = await recordsAt(e.authMs + 1000);
    expect(whilePending.get(bankCTxnId(e, 'first'))).toMatchObject({ pending: true, amountCents: e.amountCents });
    const now = await recordsAt(NOW);
    expect(now.has(bankCTxnId(e, 'first'))).toBe(false);
    expect(now.get(bankCTxnId(e, 'tipped'))).toMatchObject({ pending: false, amountCents: e.postedCents, pendingTxnId: null });
  });

  it('re-issues a new id for about 1% of posted records, with the same content', async () => {
    const { firstDay, today } = world.window(NOW);
    const all = events(() => true);
    const reissued = all.filter((e) => e.reissueMs !== Infinity);
    expect(reissued.length / all.length).toBeGreaterThan(0.004);
    expect(reissued.length / all.length).toBeLessThan(0.02);
    const e = reissued.find((r) => r.account.type === 'checking' && r.reissueMs < NOW && r.day > firstDay && r.day < today);
    if (!e) throw new Error('no re-issued record');
    expect(stateAt(e, e.reissueMs - 1)).toBe('posted');
    const before = await recordsAt(e.reissueMs - 1000);
    const after = await recordsAt(e.reissueMs + 1000);
    const original = before.get(bankCTxnId(e, 'first'));
    const again = after.get(bankCTxnId(e, 'reissued'));
    expect(original).toBeDefined();
    expect(after.has(bankCTxnId(e, 'first'))).toBe(false);
    expect(again).toEqual({ ...original, providerTxnId: bankCTxnId(e, 'reissued') });
  });
});
