import { describe, expect, it } from 'vitest';
import { runCli, syncedHousehold } from '../helpers/cli';

const NOW = '2026-11-23T12:00:00Z';

interface UpcomingJson {
  items: { date: string; account_id: number; merchant: string; kind: string; amount: number; stream_id: number; late: boolean }[];
  accounts: { account_id: number; balance: number; projected_low: number; projected_low_date: string; projected_end: number }[];
}

const cents = (n: number) => Math.round(n * 100);

describe('finagg upcoming', () => {
  it('lists the next bills and pay in date order and projects each balance', async () => {
    const { env } = await syncedHousehold(5, 400, NOW);
    const r = await runCli(['upcoming', '--days', '30', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    const u = JSON.parse(r.stdout) as UpcomingJson;
    expect(u.items.map((i) => i.date)).toEqual([...u.items.map((i) => i.date)].sort());
    expect(u.items.every((i) => i.date >= '2026-11-23' && i.date <= '2026-12-23')).toBe(true);
    const rent = u.items.filter((i) => i.merchant.includes('Rent'));
    expect(rent).toHaveLength(1);
    expect(rent[0]!.date).toBe('2026-12-01');
    expect(u.items.filter((i) => i.kind === 'income').length).toBeGreaterThanOrEqual(4);
    const accounts = JSON.parse((await runCli(['accounts', '--json'], env)).stdout) as {
      id: number;
      type: string;
      balance: number;
    }[];
    expect(u.accounts.map((a) => a.account_id)).toEqual(accounts.map((a) => a.id));
    for (const a of u.accounts) {
      expect(a.projected_low).toBeLessThanOrEqual(Math.min(a.balance, a.projected_end));
      expect(a.projected_low_date >= '2026-11-23').toBe(true);
    }
    // A savings account has no everyday spending: it ends at its balance plus what is expected in it.
    const savings = accounts.find((a) => a.type === 'savings')!;
    const expected = u.items.filter((i) => i.account_id === savings.id).reduce((s, i) => s + cents(i.amount), 0);
    expect(cents(u.accounts.find((a) => a.account_id === savings.id)!.projected_end)).toBe(cents(savings.balance) + expected);

    const bad = await runCli(['upcoming', '--days', '0'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--days/);
  });
});
