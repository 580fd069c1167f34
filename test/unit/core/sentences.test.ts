import { describe, expect, it } from 'vitest';
import { consentEndingText } from '../../../src/app/consent/consent-alerts';
import { relinkText } from '../../../src/app/daemon/relink-alert';
import { budgetMessage } from '../../../src/app/evaluate-budgets';
import { lowBalanceText, newSubscriptionText, streamEndedText, streamLateText } from '../../../src/app/evaluate-streams';
import { budgetSpentReason } from '../../../src/app/request-budget';
import { roundText } from '../../../src/cli/actions/daemon';
import { syncNotes } from '../../../src/cli/actions/sync';
import { detectAnomalies } from '../../../src/core/anomalies/detect';
import { History } from '../../../src/core/anomalies/history';
import type { AnomalyTx, AnomalyType } from '../../../src/core/anomalies/types';
import { budgetStatus, type Budget } from '../../../src/core/budget';
import { periodContaining } from '../../../src/core/budget-period';
import { addDays } from '../../../src/core/dates';
import { budgetStatus as requestBudget } from '../../../src/core/request-budget';
import type { BankProvider } from '../../../src/providers/provider';
import type { RoundSummary } from '../../../src/app/daemon/daemon-round';
import { freshHome, runCli } from '../../helpers/cli';

/**
 * Every sentence finagg writes for a person to read in alerts, anomalies, upcoming and
 * sync notes, rendered by the functions that build it, for a detailed category
 * (`pharmacy`, `phone-and-internet`) and a top-level one (`food`, `health`), with one
 * and with several of what it counts. The expected sentences are written out in full.
 */

let nextId = 1;
const tx = (date: string, dollars: number, merchant: string, category: string): AnomalyTx => ({
  id: nextId++,
  accountId: 1,
  date,
  amountCents: Math.round(dollars * 100),
  currency: 'USD',
  merchant,
  description: merchant.toUpperCase(),
  category,
  pending: false,
});
/** `count` purchases `step` days apart, the last `step` days before `end`. */
const series = (
  end: string,
  count: number,
  step: number,
  merchant: (i: number) => string,
  category: string,
  dollars: (i: number) => number,
) => Array.from({ length: count }, (_, i) => tx(addDays(end, -(count - i) * step), dollars(i), merchant(i), category));
/** The descriptions of one type found on `target`, against `history`. */
const said = (type: AnomalyType, history: AnomalyTx[], target: AnomalyTx) =>
  detectAnomalies([target], new History([...history, target]), { seenBefore: () => false })
    .filter((f) => f.type === type)
    .map((f) => f.description);

describe('anomaly sentences', () => {
  it('unusual_amount at a merchant the person knows: the purchases there, whatever their category', () => {
    const pharmacy = series(
      '2026-06-01',
      20,
      4,
      () => 'Walgreens',
      'pharmacy',
      (i) => -(24 + (i % 6) * 2),
    );
    expect(said('unusual_amount', pharmacy, tx('2026-06-01', -197.3, 'Walgreens', 'pharmacy'))).toEqual([
      '$197.30 at Walgreens; your purchases there are usually $24.00 to $34.00',
    ]);
    const phone = series(
      '2026-06-01',
      20,
      4,
      () => 'Verizon',
      'phone-and-internet',
      () => -60,
    );
    expect(said('unusual_amount', phone, tx('2026-06-01', -480, 'Verizon', 'phone-and-internet'))).toEqual([
      '$480.00 at Verizon; your purchases there are usually $60.00',
    ]);
  });

  it('unusual_amount at a new merchant: the category as a noun', () => {
    const shops = (i: number) => `Shop ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i]}`;
    const cases: [string, string][] = [
      ['pharmacy', '$300.00 at Shop New; your pharmacy purchases are usually $20.00 to $28.00'],
      ['phone-and-internet', '$300.00 at Shop New; your phone and internet bills are usually $20.00 to $28.00'],
      ['food', '$300.00 at Shop New; your food purchases are usually $20.00 to $28.00'],
      ['health', '$300.00 at Shop New; your health costs are usually $20.00 to $28.00'],
    ];
    for (const [category, sentence] of cases) {
      const history = series('2026-06-01', 20, 4, shops, category, (i) => -(20 + (i % 5) * 2));
      expect(said('unusual_amount', history, tx('2026-06-01', -300, 'Shop New', category))).toEqual([sentence]);
    }
  });

  it('category_spike: the category as a noun', () => {
    const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    const cases: [string, string][] = [
      ['pharmacy', 'pharmacy purchases this month reached $360.00; a usual month is about $120.00'],
      ['phone-and-internet', 'phone and internet bills this month reached $360.00; a usual month is about $120.00'],
      ['food', 'food purchases this month reached $360.00; a usual month is about $120.00'],
      ['health', 'health costs this month reached $360.00; a usual month is about $120.00'],
    ];
    for (const [category, sentence] of cases) {
      const usual = months.flatMap((m) =>
        [5, 15, 25].map((d) => tx(`${m}-${d < 10 ? '0' : ''}${d}`, -40, `Place ${d}`, category)),
      );
      const july = [3, 6, 9].map((d) => tx(`2026-07-0${d}`, -120, 'Place 5', category));
      const findings = detectAnomalies(july, new History([...usual, ...july]), { seenBefore: () => false });
      expect(findings.filter((f) => f.type === 'category_spike').map((f) => f.description)).toEqual([sentence]);
    }
  });

  it('duplicate_charge, new_merchant and price_increase', () => {
    const first = tx('2026-06-01', -87.22, 'CVS', 'pharmacy');
    expect(said('duplicate_charge', [first], tx('2026-06-02', -87.22, 'CVS', 'pharmacy'))).toEqual([
      '$87.22 at CVS twice: on 2026-06-01 and 2026-06-02',
    ]);
    // Twice on one day says the day once.
    expect(said('duplicate_charge', [first], tx('2026-06-01', -87.22, 'CVS', 'pharmacy'))).toEqual([
      '$87.22 at CVS twice on 2026-06-01',
    ]);
    // A fee is no shop: it is named as itself.
    const fee = tx('2026-10-22', -3.24, 'ATM fee', 'atm-fees');
    expect(said('duplicate_charge', [fee], tx('2026-10-22', -3.24, 'ATM fee', 'atm-fees'))).toEqual([
      '$3.24 ATM fee twice on 2026-10-22',
    ]);
    expect(
      said('duplicate_charge', [tx('2026-10-22', -35, 'Chase', 'bank-fees')], tx('2026-10-23', -35, 'Chase', 'bank-fees')),
    ).toEqual(['$35.00 fee from Chase twice: on 2026-10-22 and 2026-10-23']);
    const old = tx('2026-04-01', -10, 'Safeway', 'food');
    expect(said('new_merchant', [old], tx('2026-06-01', -2.5, 'ATM fee', 'atm-fees'))).toEqual(['first ATM fee: $2.50']);
    expect(said('new_merchant', [old], tx('2026-06-01', -30, 'Lupa Trattoria', 'food'))).toEqual([
      'first time at Lupa Trattoria: $30.00',
    ]);
    const monthly = ['2026-01-15', '2026-02-15', '2026-03-15', '2026-04-15'].map((d) =>
      tx(d, -55, 'Comcast', 'phone-and-internet'),
    );
    expect(said('price_increase', monthly, tx('2026-05-15', -65, 'Comcast', 'phone-and-internet'))).toEqual([
      'Comcast, a monthly charge, went up from $55.00 to $65.00 (+18%)',
    ]);
    const yearly = ['2022-03-01', '2023-03-01', '2024-02-29'].map((d) => tx(d, -100, 'Kaiser', 'health'));
    expect(said('price_increase', yearly, tx('2025-03-01', -130, 'Kaiser', 'health'))).toEqual([
      'Kaiser, a yearly charge, went up from $100.00 to $130.00 (+30%)',
    ]);
  });
});

describe('budget alerts', () => {
  const budget = (category: string, period: Budget['period']): Budget => ({
    id: 1,
    category,
    amountCents: 100_00,
    currency: 'USD',
    period,
    alertAt: [80, 100],
    rollover: false,
    allCurrencies: false,
    createdAt: '2026-06-01T00:00:00Z',
  });
  const message = (b: Budget, spent: number, daysLeft: number, threshold: number) =>
    budgetMessage(budgetStatus(b, periodContaining('2026-06-10', b.period), spent, 0, daysLeft), threshold);

  it('says the category as words and counts the days', () => {
    expect([
      message(budget('phone-and-internet', 'monthly'), 85_00, 1, 80),
      message(budget('pharmacy', 'monthly'), 90_00, 20, 80),
      message(budget('food', 'weekly'), 120_00, 3, 100),
      message(budget('health', 'weekly'), 100_00, 1, 100),
    ]).toEqual([
      'phone and internet: $85.00 of $100.00 spent this month (85%, crossed 80%); $15.00 left, 1 day to go',
      'pharmacy: $90.00 of $100.00 spent this month (90%, crossed 80%); $10.00 left, 20 days to go',
      'food: $120.00 of $100.00 spent this week (120%, crossed 100%); over by $20.00',
      'health: $100.00 of $100.00 spent this week (100%, crossed 100%); over by $0.00',
    ]);
  });
});

describe('stream, consent and relink alerts', () => {
  const stream = { merchant: 'Comcast', kind: 'bill' as const, cadence: 'monthly' as const };
  it('says each once, in full', () => {
    expect([
      streamEndedText({ ...stream, lastDate: '2026-09-15' }),
      streamLateText({ ...stream, nextDate: '2026-10-06' }, '$65.00'),
      streamLateText({ merchant: 'Acme Payroll', kind: 'income', cadence: 'biweekly', nextDate: '2026-10-09' }, '$2,400.00'),
      newSubscriptionText({ merchant: 'Netflix', kind: 'subscription', cadence: 'monthly', firstDate: '2026-09-01' }, '$15.49'),
      newSubscriptionText({ ...stream, cadence: 'annually', firstDate: '2026-08-01' }, '$120.00'),
      lowBalanceText({ name: 'Everyday', currency: 'USD' }, -120_50, '2026-11-02', 500_00),
      consentEndingText({ bank: 'Nordea', connectionId: 3, provider: 'enablebanking', endsOn: '2026-12-08', daysLeft: 1 }),
      consentEndingText({ bank: 'Nordea', connectionId: 3, provider: 'enablebanking', endsOn: '2026-12-14', daysLeft: 7 }),
      relinkText('banka', 2, false),
      relinkText('enablebanking', 3, true),
    ]).toEqual([
      'Comcast (bill, monthly) has stopped: last on 2026-09-15',
      'Comcast is late: $65.00 expected on 2026-10-06 (check it was paid)',
      'Acme Payroll is late: $2,400.00 expected on 2026-10-09',
      'new subscription: Netflix, $15.49 monthly, first charged 2026-09-01',
      'new recurring charge: Comcast, $120.00 annually, first charged 2026-08-01',
      'Everyday is projected to fall to -$120.50 on 2026-11-02, below $500.00',
      'the consent for Nordea (connection 3) ends on 2026-12-08, in 1 day; renew it: finagg link enablebanking --relink 3',
      'the consent for Nordea (connection 3) ends on 2026-12-14, in 7 days; renew it: finagg link enablebanking --relink 3',
      'banka asks you to log in again; the daemon skips it until you run: finagg link banka',
      'enablebanking asks you to log in again; the daemon skips it until you run: finagg link enablebanking --relink 3',
    ]);
  });
});

describe('sync notes', () => {
  const NOW = Date.parse('2026-12-02T19:47:00Z');
  const provider = (limits: BankProvider['limits']) => ({ id: 'bank', name: 'SimpleFIN Bridge', limits }) as BankProvider;
  const spent = (limit: number) => requestBudget(limit, { day: '2026-12-02', used: limit }, NOW);

  it('counts reads and requests', () => {
    expect([
      budgetSpentReason(provider({ requestsPerDay: 1 }), spent(1), NOW),
      budgetSpentReason(provider({ requestsPerDay: 24 }), spent(24), NOW),
      budgetSpentReason(provider({ syncsPerAccountPerDay: 1 }), spent(1), NOW),
      budgetSpentReason(provider({ syncsPerAccountPerDay: 4 }), spent(4), NOW),
    ]).toEqual([
      "SimpleFIN Bridge allows 1 request a day and today's are used; the next sync is allowed after 2026-12-03 00:00 UTC (in 4h13m)",
      "SimpleFIN Bridge allows 24 requests a day and today's are used; the next sync is allowed after 2026-12-03 00:00 UTC (in 4h13m)",
      "banks may refuse more than 1 read a day of an account without you (PSD2), and today's are used; the next sync is allowed after 2026-12-03 00:00 UTC (in 4h13m)",
      "banks may refuse more than 4 reads a day of an account without you (PSD2), and today's are used; the next sync is allowed after 2026-12-03 00:00 UTC (in 4h13m)",
    ]);
  });

  it('counts new anomalies and splits to review after a sync', () => {
    expect(syncNotes({ anomalies: 1, splitsToReview: 1 }, false)).toEqual([
      '1 new anomaly: finagg anomalies',
      '1 split transaction no longer sums to its amount (the bank changed it): finagg tx --review',
    ]);
    expect(syncNotes({ anomalies: 3, splitsToReview: 2 }, false)).toEqual([
      '3 new anomalies: finagg anomalies',
      '2 split transactions no longer sum to their amounts (the bank changed them): finagg tx --review',
    ]);
    expect(syncNotes({ anomalies: 0, splitsToReview: 2 }, true)).toEqual([]);
  });

  it("counts a daemon round's accounts, alerts and anomalies", () => {
    const round = (accounts: number, alerts: number, anomalies: number) =>
      roundText({
        runs: Array.from({ length: accounts }, () => ({ inserted: 2, status: 'success' })),
        skipped: [],
        after: { created: Array.from({ length: alerts }, () => ({})), anomalies },
      } as unknown as RoundSummary);
    expect([round(1, 1, 1), round(3, 2, 4), round(2, 0, 0)]).toEqual([
      '1 account synced, 2 new, 1 alert, 1 anomaly',
      '3 accounts synced, 6 new, 2 alerts, 4 anomalies',
      '2 accounts synced, 4 new',
    ]);
  });
});

describe('empty lists', () => {
  it('count the days of anomalies and upcoming', async () => {
    const env = { FINAGG_HOME: freshHome(), FINAGG_NOW: '2026-06-10T12:00:00.000Z', FINAGG_KEYSTORE: 'file' };
    const line = async (...argv: string[]) => (await runCli(argv, env)).stdout.trim();
    expect([
      await line('anomalies', '--days', '1'),
      await line('anomalies', '--days', '30'),
      await line('upcoming', '--days', '1'),
      await line('upcoming', '--days', '30'),
    ]).toEqual([
      'nothing stands out in the last 1 day',
      'nothing stands out in the last 30 days',
      expect.stringMatching(/^nothing recurring expected in the next 1 day\n\nACCOUNT +BALANCE +LOWEST IN 1 DAY +AT THE END/),
      expect.stringMatching(/^nothing recurring expected in the next 30 days\n\nACCOUNT +BALANCE +LOWEST IN 30 DAYS +AT THE END/),
    ]);
  });
});
