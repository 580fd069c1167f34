import { describe, expect, it } from 'vitest';
import { refreshStreams } from '../../src/app/recurring';
import { addDays } from '../../src/core/dates';
import { type DetectedStream, detectStreams, type RecurringRow } from '../../src/core/recurring/detect';
import { allCandidates, groupCandidates } from '../../src/storage/stream-candidates-repo';
import { listStreams } from '../../src/storage/streams-repo';
import { runCli, syncedHousehold } from '../helpers/cli';
import { cliContext } from '../helpers/context';

/** A row's payee key, as text (rows store a number into `payees`). */
const PAYEE_KEY = '(SELECT key FROM payees WHERE id = payee_id)';

/**
 * Streams kept up to date group by group (app/recurring.ts) must be what finding them all
 * again from scratch gives, after syncs that bring new rows and post pending ones, and
 * after edits that move a row to another payee, unpair a transfer or change a category.
 */
const FIRST = '2026-08-20T12:00:00Z';
const LATER = ['2026-09-02T12:00:00Z', '2026-10-06T12:00:00Z', '2026-11-23T12:00:00Z'];

/** What a person sees of a stream. */
function shape(s: DetectedStream) {
  return {
    key: s.key,
    kind: s.kind,
    status: s.status,
    nextDate: s.nextDate,
    amountCents: s.amountCents,
    lastAmountCents: s.lastAmountCents,
    ids: s.transactionIds.join(','),
    priceChange: s.priceChange,
  };
}

function compareWithScratch(home: string, env: Record<string, string>, now: string) {
  const ctx = cliContext(home, { ...env, FINAGG_NOW: now });
  try {
    const stored = listStreams(ctx.sqlite, { all: true }).map(shape);
    const scratch = detectStreams(allCandidates(ctx.sqlite), now.slice(0, 10)).map(shape);
    const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
    expect(stored.sort(byKey)).toEqual(scratch.sort(byKey));
    // Every payee's rows read group by group are the candidates of the whole read: a
    // payee too frequent to be a stream is ruled out alike, however it is counted.
    const groups = ctx.sqlite
      .prepare(`SELECT DISTINCT account_id || '|' || ${PAYEE_KEY} FROM transactions WHERE payee_id IS NOT NULL AND removed = 0`)
      .pluck()
      .all() as string[];
    const ids = (rows: { id: number; transferAccountId: number | null }[]) =>
      rows
        .filter((r) => r.transferAccountId === null)
        .map((r) => r.id)
        .sort((a, b) => a - b);
    expect(ids(groupCandidates(ctx.sqlite, new Set(groups)))).toEqual(ids(allCandidates(ctx.sqlite)));
    // And at the line: over 29 days a payee may come 11 times (6 a month over the span
    // and a month), not 12; a daily one not at all. Tried inside a savepoint, undone.
    ctx.sqlite.exec('SAVEPOINT line');
    try {
      const insert = ctx.sqlite.prepare(
        `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, category, created_ms, updated_ms, payee_id)
         VALUES (1, ?, ?, -500, 'USD', ?, 'dining', unixepoch(?) * 1000, unixepoch(?) * 1000, (SELECT id FROM payees WHERE key = ?))`,
      );
      const payeeKey = ctx.sqlite.prepare('INSERT OR IGNORE INTO payees (key) VALUES (?)');
      let hash = 9_000_000;
      const payee = (name: string, count: number, spanDays: number) => {
        payeeKey.run(name);
        for (let i = 0; i < count; i++) {
          const date = addDays('2026-06-01', Math.round((i * spanDays) / (count - 1)));
          insert.run(hash++, date, name, date, date, name);
        }
        groups.push(`1|${name}`);
      };
      payee('ELEVEN VISITS', 11, 29);
      payee('TWELVE VISITS', 12, 29);
      payee('DAILY COFFEE', 60, 59);
      const named = (rows: RecurringRow[]) => new Set(rows.map((r) => r.description));
      const picked = named(groupCandidates(ctx.sqlite, new Set(groups)));
      expect([...picked].filter((d) => d.endsWith('VISITS') || d === 'DAILY COFFEE')).toEqual(['ELEVEN VISITS']);
      expect(ids(groupCandidates(ctx.sqlite, new Set(groups)))).toEqual(ids(allCandidates(ctx.sqlite)));
    } finally {
      ctx.sqlite.exec('ROLLBACK TO line; RELEASE line');
    }
    return stored.length;
  } finally {
    void ctx.close();
  }
}

describe('streams kept up to date', () => {
  it('finds again only the touched groups, and ends where finding all from scratch ends', async () => {
    const { home, env } = await syncedHousehold(11, 500, FIRST);
    expect(compareWithScratch(home, env, FIRST)).toBeGreaterThan(10);
    // A home upgraded to payee keys (migration 010): rows without one, streams to be found again.
    const upgraded = cliContext(home, { ...env, FINAGG_NOW: FIRST });
    try {
      upgraded.sqlite.prepare('UPDATE transactions SET payee_id = NULL').run();
      upgraded.sqlite.prepare("UPDATE stream_state SET version = ''").run();
      expect(refreshStreams(upgraded).scope).toBe('all');
      expect(upgraded.sqlite.prepare('SELECT count(*) FROM transactions WHERE payee_id IS NULL').pluck().get()).toBe(0);
    } finally {
      void upgraded.close();
    }
    compareWithScratch(home, env, FIRST);

    for (const now of LATER) {
      const sync = await runCli(['sync'], { ...env, FINAGG_NOW: now });
      expect(sync.code, sync.stderr).toBe(0);
      const streams = compareWithScratch(home, env, now);
      // Found again group by group: streams of payees the sync brought nothing for were left as they were.
      const ctx = cliContext(home, { ...env, FINAGG_NOW: now });
      const refreshed = ctx.sqlite
        .prepare('SELECT count(*) FROM streams WHERE updated_at = ?')
        .pluck()
        .get(now.replace('Z', '.000Z'));
      void ctx.close();
      expect(refreshed).toBeGreaterThan(0);
      expect(refreshed).toBeLessThan(streams);
    }
    const now = LATER[LATER.length - 1]!;
    const at = { ...env, FINAGG_NOW: now };
    const streams = JSON.parse((await runCli(['recurring', '--json'], at)).stdout) as {
      kind: string;
      merchant: string;
      transaction_ids: number[];
    }[];
    const rent = streams.find((s) => s.merchant.includes('Rent'))!;
    const sweep = streams.find((s) => s.kind === 'transfer')!;
    const bill = streams.find((s) => s.kind === 'bill' && s !== rent)!;
    // A rent payment renamed, a sweep unpaired, a bill called a subscription.
    for (const argv of [
      ['tx', 'edit', String(rent.transaction_ids.at(-2)), '--merchant', 'Landlord Deposit Return'],
      ['tx', 'edit', String(sweep.transaction_ids.at(-1)), '--not-transfer'],
      ['tx', 'edit', String(bill.transaction_ids.at(-1)), '--category', 'subscriptions'],
    ]) {
      const r = await runCli(argv, at);
      expect(r.code, r.stderr).toBe(0);
    }
    const ctx = cliContext(home, at);
    try {
      const refresh = refreshStreams(ctx);
      // The renamed row's old and new payee, both sides of the sweep, the bill: a handful of groups, not all.
      expect(refresh.scope).toBe('groups');
      if (refresh.scope === 'groups') expect(refresh.groups).toBeLessThanOrEqual(8);
      expect(ctx.sqlite.prepare('SELECT count(*) FROM stream_dirty').pluck().get()).toBe(0);
    } finally {
      void ctx.close();
    }
    compareWithScratch(home, env, now);
    const after = JSON.parse((await runCli(['recurring', '--json'], at)).stdout) as typeof streams;
    expect(after.find((s) => s.merchant === rent.merchant)!.transaction_ids).not.toContain(rent.transaction_ids.at(-2));
    expect(after.find((s) => s.merchant === bill.merchant)?.kind).toBe('subscription');

    // A day later with nothing new: only the status moves with the day.
    const nextDay = '2026-11-24T12:00:00Z';
    const ctx2 = cliContext(home, { ...env, FINAGG_NOW: nextDay });
    try {
      expect(refreshStreams(ctx2).scope).toBe('none');
    } finally {
      void ctx2.close();
    }
    compareWithScratch(home, env, nextDay);
  }, 120_000);
});
