import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/core/dates';
import { detectStreams, type RecurringRow } from '../../../src/core/recurring/detect';

let nextId = 1;
function row(date: string, amountCents: number, merchant: string, extra: Partial<RecurringRow> = {}): RecurringRow {
  return {
    id: nextId++,
    accountId: 1,
    date,
    amountCents,
    currency: 'USD',
    merchant,
    description: merchant.toUpperCase(),
    category: 'utilities',
    transferAccountId: null,
    ...extra,
  };
}

/** `YYYY-MM-DD` of day `day` (clamped to the month's end) in each month from 2025-01, moved off weekends. */
function monthly(months: number, day: number, move: 'before' | 'after' | 'none' = 'after'): string[] {
  const out: string[] = [];
  for (let i = 0; i < months; i++) {
    const y = 2025 + Math.floor(i / 12);
    const m = (i % 12) + 1;
    const length = new Date(Date.UTC(y, m, 0)).getUTCDate();
    let d = `${y}-${String(m).padStart(2, '0')}-${String(Math.min(day, length)).padStart(2, '0')}`;
    const wd = () => new Date(`${d}T00:00:00Z`).getUTCDay();
    while (move !== 'none' && (wd() === 0 || wd() === 6)) d = addDays(d, move === 'before' ? -1 : 1);
    out.push(d);
  }
  return out;
}

describe('recurring streams from a history alone', () => {
  it('finds a monthly bill that moves off weekends, and predicts the next one the same way', () => {
    const dates = monthly(12, 1);
    const [s] = detectStreams(
      dates.map((d) => row(d, -8000, 'Comcast')),
      '2025-12-20',
    );
    expect(s).toMatchObject({ cadence: 'monthly', kind: 'bill', status: 'mature', amountCents: -8000 });
    // 2026-01-01 is a Thursday.
    expect(s!.nextDate).toBe('2026-01-01');
    const march = detectStreams(
      monthly(14, 1).map((d) => row(d, -8000, 'Comcast')),
      '2026-02-10',
    );
    // 2026-03-01 is a Sunday: the bill comes on Monday the 2nd.
    expect(march[0]!.nextDate).toBe('2026-03-02');
  });

  it('tells semi-monthly pay (the 15th and the last business day) from biweekly pay', () => {
    const semi = [...monthly(6, 15, 'before'), ...monthly(6, 31, 'before')].sort();
    const biweekly = Array.from({ length: 13 }, (_, i) => addDays('2025-01-03', 14 * i));
    const streams = detectStreams(
      [
        ...semi.map((d) => row(d, 164_400, 'Northwind Payroll', { category: 'income' })),
        ...biweekly.map((d) => row(d, 134_700, 'Front Range Health', { category: 'income', accountId: 2 })),
      ],
      '2025-06-30',
    );
    expect(streams.map((s) => [s.merchant, s.kind, s.cadence])).toEqual([
      ['Northwind Payroll', 'income', 'semimonthly'],
      ['Front Range Health', 'income', 'biweekly'],
    ]);
  });

  it('keeps a stream through a skipped month, a doubled charge, drifting amounts and a price rise', () => {
    const dates = monthly(12, 12).filter((d) => !d.startsWith('2025-05'));
    const rows = dates.map((d, i) => row(d, -(7000 + i * 150 + (i % 2) * 900), 'Xcel Energy'));
    rows.push(row('2025-08-13', rows[6]!.amountCents, 'Xcel Energy'));
    const netflix = monthly(12, 7, 'none').map((d, i) => row(d, i < 8 ? -1549 : -1799, 'Netflix', { category: 'subscriptions' }));
    const streams = detectStreams([...rows, ...netflix], '2025-12-20');
    const xcel = streams.find((s) => s.merchant === 'Xcel Energy')!;
    expect(xcel).toMatchObject({ cadence: 'monthly', kind: 'bill' });
    expect(xcel.transactionIds).toHaveLength(rows.length);
    expect(xcel.amountMinCents).toBeLessThan(xcel.amountMaxCents);
    const tv = streams.find((s) => s.merchant === 'Netflix')!;
    expect(tv).toMatchObject({ cadence: 'monthly', kind: 'subscription', lastAmountCents: -1799 });
  });

  it('reads a merchant whose descriptor changes slightly as one payee, and a membership among purchases', () => {
    const gym = monthly(8, 17).map((d, i) =>
      row(d, -2999, i < 4 ? 'PLANET FITNESS #123' : 'PLANET FIT CLUB 0456', {
        merchant: null,
        description: i < 4 ? 'PLANET FITNESS #123' : 'PLANET FITNESS 0456',
      }),
    );
    const prime = monthly(8, 3, 'none').map((d) => row(d, -1499, 'Amazon', { category: 'subscriptions' }));
    const shopping = Array.from({ length: 30 }, (_, i) =>
      row(addDays('2025-01-02', i * 7 + (i % 3)), -(2300 + i * 377), 'Amazon', { category: 'shopping' }),
    );
    const streams = detectStreams([...gym, ...prime, ...shopping], '2025-08-20');
    expect(streams.find((s) => s.merchant.startsWith('PLANET'))?.transactionIds).toHaveLength(8);
    const amazon = streams.filter((s) => s.merchant === 'Amazon');
    expect(amazon.map((s) => [s.kind, s.amountCents, s.transactionIds.length])).toEqual([['subscription', -1499, 8]]);
  });

  it('finds nothing in everyday purchases, and says a stream that stopped has ended', () => {
    const coffee = Array.from({ length: 60 }, (_, i) =>
      row(addDays('2025-01-01', Math.floor(i * 2.7)), -(450 + (i % 4) * 35), 'Blue Bottle', { category: 'dining' }),
    );
    const cancelled = monthly(5, 9).map((d) => row(d, -1199, 'Peacock', { category: 'subscriptions' }));
    const streams = detectStreams([...coffee, ...cancelled], '2025-12-01');
    expect(streams.map((s) => [s.merchant, s.status])).toEqual([['Peacock', 'ended']]);
  });

  it('makes a regular move between own accounts one transfer stream, whichever way it goes', () => {
    const dates = monthly(10, 28);
    const rows = dates.map((d, i) =>
      row(d, i === 4 ? 20_000 : -(30_000 + i * 1000), 'Eigenes Tagesgeld', { transferAccountId: 7, category: 'transfer' }),
    );
    const [s] = detectStreams(rows, '2025-10-30');
    expect(s).toMatchObject({ kind: 'transfer', cadence: 'monthly' });
    expect(s!.transactionIds).toHaveLength(10);
  });

  it('tells the latest price rise of a steady charge, and none for a bill that varies', () => {
    const dates = monthly(10, 14, 'none');
    const netflix = dates.map((d, i) => row(d, i < 7 ? -1549 : -1799, 'Netflix', { category: 'subscriptions' }));
    const water = dates.map((d, i) => row(d, -(4000 + (i % 3) * 900), 'City Water'));
    const streams = detectStreams([...netflix, ...water], '2025-10-20');
    const rise = streams.find((s) => s.merchant === 'Netflix')!;
    expect(rise.priceChange).toEqual({ fromCents: -1549, toCents: -1799, date: dates[7], transactionId: netflix[7]!.id });
    expect(rise.amountCents).toBe(-1799);
    expect(streams.find((s) => s.merchant === 'City Water')!.priceChange).toBeNull();
    // A charge that went up and came back down is not a rise that held.
    const back = dates.map((d, i) => row(d, i === 8 ? -1799 : -1549, 'Hulu', { category: 'subscriptions' }));
    expect(detectStreams(back, '2025-10-20')[0]!.priceChange).toBeNull();
  });
});
