import { describe, expect, it } from 'vitest';
import { runCli, syncedHousehold } from '../helpers/cli';

const NOW = '2026-11-23T12:00:00Z';

interface StreamJson {
  id: number;
  account_id: number;
  merchant: string;
  kind: string;
  cadence: string;
  amount: number;
  amount_min: number;
  amount_max: number;
  first_date: string;
  last_date: string;
  last_amount: number;
  next_date: string;
  status: string;
  transaction_ids: number[];
}

describe('finagg recurring', () => {
  it('lists pay, bills, subscriptions and transfers, and ignores one for good, audited', async () => {
    const { env } = await syncedHousehold(5, 400, NOW);
    const list = async (...flags: string[]) => {
      const r = await runCli(['recurring', '--json', ...flags], env);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as StreamJson[];
    };
    const streams = await list();
    expect(new Set(streams.map((s) => s.kind))).toEqual(new Set(['income', 'bill', 'subscription', 'transfer']));
    const rent = streams.find((s) => s.merchant.includes('Rent'))!;
    expect(rent).toMatchObject({ kind: 'bill', cadence: 'monthly', status: 'mature' });
    expect(rent.next_date > NOW.slice(0, 10)).toBe(true);
    expect(rent.transaction_ids.length).toBeGreaterThanOrEqual(12);
    // The rows behind it are the rent's.
    const row = JSON.parse((await runCli(['tx', 'show', String(rent.transaction_ids.at(-1)), '--json'], env)).stdout);
    expect(row.amount).toBe(rent.last_amount);
    expect(
      streams
        .filter((s) => s.kind === 'income')
        .map((s) => s.cadence)
        .sort(),
    ).toEqual(expect.arrayContaining(['biweekly', 'semimonthly']));
    // Listed again: the same ids.
    expect((await list()).map((s) => s.id)).toEqual(streams.map((s) => s.id));

    const ignored = await runCli(['recurring', 'ignore', String(rent.id), '--json'], env);
    expect(ignored.code, ignored.stderr).toBe(0);
    expect((await list()).some((s) => s.id === rent.id)).toBe(false);
    expect((await list('--all')).find((s) => s.id === rent.id)).toMatchObject({ ignored: true });
    expect((await runCli(['sync'], { ...env, FINAGG_NOW: '2026-12-10T12:00:00Z' })).code).toBe(0);
    expect((await list()).some((s) => s.id === rent.id)).toBe(false);
    const audit = JSON.parse((await runCli(['audit', '--tx', String(rent.transaction_ids.at(-1)), '--json'], env)).stdout) as {
      field: string;
      new_value: string;
    }[];
    expect(audit.find((a) => a.field === 'recurring')).toMatchObject({ new_value: 'ignored' });

    for (const bad of ['0', 'x', '99999']) {
      const r = await runCli(['recurring', 'ignore', bad], env);
      expect(r.code, bad).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
