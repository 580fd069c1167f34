import { describe, expect, it } from 'vitest';
import { bankATxnId } from '../../src/providers/banka/server';
import { bankBPostedId } from '../../src/providers/bankb/server';
import { bankCIdAt } from '../../src/providers/bankc/server';
import type { SimEvent } from '../../src/providers/sim/event';
import { transferPairs } from '../../src/providers/sim/truth';
import { openDatabase } from '../../src/storage/open-database';
import { runCli, syncedHousehold } from '../helpers/cli';

/**
 * Automatic pairing of transfers between own accounts, against the simulated household's
 * ground truth (sim/truth.ts): every card payment, sweep and transfer between banks,
 * both sides, over ten years of several seeds.
 */
const NOW = '2026-11-23T12:00:00Z';
const nowMs = Date.parse(NOW);

/** The id a bank serves for a posted event, as finagg stores it. */
function storedId(e: SimEvent): string {
  if (e.account.bank === 'banka') return bankATxnId(e);
  if (e.account.bank === 'bankb') return bankBPostedId(e);
  return bankCIdAt(e, nowMs);
}

const syncedHome = (seed: number, historyDays: number) => syncedHousehold(seed, historyDays, NOW);

function storedPairs(home: string): { pairs: Set<string>; rows: { out: string; in: string; confidence: number }[] } {
  const { sqlite } = openDatabase(home, { nowIso: NOW });
  try {
    const rows = sqlite
      .prepare(
        `SELECT o.provider_txn_id AS out, i.provider_txn_id AS "in", p.confidence,
                o.transfer_id = p.id AND i.transfer_id = p.id AS linked, o.category AS outCategory, i.category AS inCategory
         FROM transfers p JOIN transactions o ON o.id = p.out_transaction_id JOIN transactions i ON i.id = p.in_transaction_id`,
      )
      .all() as { out: string; in: string; confidence: number; linked: number; outCategory: string; inCategory: string }[];
    // Both rows point at their pair and are transfers.
    for (const r of rows) {
      expect(r.linked).toBe(1);
      expect([r.outCategory, r.inCategory]).toEqual(['transfer', 'transfer']);
    }
    return { pairs: new Set(rows.map((r) => `${r.out}|${r.in}`)), rows };
  } finally {
    sqlite.close();
  }
}

describe('transfers between own accounts', () => {
  it('pairs the household’s card payments and transfers with precision and recall of 0.98 or more over ten years', async () => {
    let truePositives = 0;
    let found = 0;
    let expected = 0;
    for (const seed of [3, 42]) {
      const { home } = await syncedHome(seed, 3650);
      const truth = transferPairs({ seed, historyDays: 3650, daily: 2, nowMs });
      const wanted = new Set(truth.map((p) => `${storedId(p.out)}|${storedId(p.in)}`));
      const { pairs } = storedPairs(home);
      for (const p of pairs) if (wanted.has(p)) truePositives++;
      found += pairs.size;
      expected += wanted.size;
    }
    const precision = truePositives / found;
    const recall = truePositives / expected;
    console.log(
      `transfer pairing over ten years of two seeds: ${expected} true pairs, ${found} found, precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}`,
    );
    expect(expected).toBeGreaterThan(1000);
    expect(precision).toBeGreaterThanOrEqual(0.98);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });

  it('pairs each row at most once, and pairs a later sync’s new rows', async () => {
    const { home, env } = await syncedHome(7, 120);
    const before = storedPairs(home).pairs.size;
    expect(before).toBeGreaterThan(15);
    const later = { ...env, FINAGG_NOW: '2026-12-20T12:00:00Z' };
    const r = await runCli(['sync', '--json'], later);
    expect(r.code, r.stderr).toBe(0);
    const { rows } = storedPairs(home);
    expect(rows.length).toBeGreaterThan(before);
    const ids = rows.flatMap((p) => [p.out, p.in]);
    expect(new Set(ids).size).toBe(ids.length);
    // Categorizing the stored rows again leaves a pair a transfer (storedPairs checks both sides).
    expect((await runCli(['rules', 'apply'], later)).code).toBe(0);
    expect(storedPairs(home).rows).toHaveLength(rows.length);
  });

  it('shows the other account of a paired row in tx, its JSON and its CSV', async () => {
    const { env } = await syncedHome(5, 60);
    const [pair] = JSON.parse((await runCli(['transfers', '--json'], env)).stdout) as {
      out_transaction_id: number;
      in_transaction_id: number;
      from_account_id: number;
      to_account_id: number;
      out_date: string;
    }[];
    expect(pair).toBeDefined();
    const accounts = JSON.parse((await runCli(['accounts', '--json'], env)).stdout) as { id: number; name: string }[];
    const name = (id: number) => accounts.find((a) => a.id === id)!.name;
    const day = ['--from', pair!.out_date, '--to', pair!.out_date, '--account', String(pair!.from_account_id)];
    const rows = JSON.parse((await runCli(['tx', ...day, '--json'], env)).stdout) as {
      id: number;
      transfer_account_id: number | null;
    }[];
    expect(rows.find((r) => r.id === pair!.out_transaction_id)?.transfer_account_id).toBe(pair!.to_account_id);
    const table = (await runCli(['tx', ...day], env)).stdout;
    const line = table.split('\n').find((l) => l.trimStart().startsWith(`${pair!.out_transaction_id} `));
    expect(line).toContain(`${pair!.from_account_id} → ${pair!.to_account_id}`);
    const csv = (await runCli(['tx', ...day, '--csv'], env)).stdout.split('\n');
    expect(csv[0]).toMatch(/,account,transfer_account,splits$/);
    const csvLine = csv.find((l) => l.startsWith(`${pair!.out_transaction_id},`));
    expect(csvLine).toMatch(new RegExp(`,${name(pair!.from_account_id)},${name(pair!.to_account_id)},$`));
  });

  it('lets the person pair and unpair by hand, audited, and syncs leave their word alone', async () => {
    const { home, env } = await syncedHome(11, 90);
    const list = JSON.parse((await runCli(['transfers', '--json'], env)).stdout) as {
      id: number;
      out_transaction_id: number;
      in_transaction_id: number;
    }[];
    const [first] = list;
    expect(first).toBeDefined();
    const out = first!.out_transaction_id;
    const into = first!.in_transaction_id;

    const unpaired = await runCli(['tx', 'edit', String(out), '--not-transfer', '--json'], env);
    expect(unpaired.code, unpaired.stderr).toBe(0);
    expect(JSON.parse(unpaired.stdout)).toMatchObject({ id: out, transfer_id: null });
    // A later sync does not pair it again.
    expect((await runCli(['sync'], { ...env, FINAGG_NOW: '2026-11-25T12:00:00Z' })).code).toBe(0);
    const after = JSON.parse((await runCli(['transfers', '--json'], env)).stdout) as { out_transaction_id: number }[];
    expect(after.some((t) => t.out_transaction_id === out)).toBe(false);

    // Refusals: one line, exit 2, nothing changed.
    const same = await runCli(['tx', 'edit', String(out), '--transfer', String(out)], env);
    expect(same.code).toBe(2);
    expect(same.stderr.trim().split('\n')).toHaveLength(1);
    const sign = await runCli(
      ['tx', 'edit', String(into), '--transfer', String(first!.in_transaction_id === into ? list[1]!.in_transaction_id : into)],
      env,
    );
    expect(sign.code).toBe(2);
    expect(sign.stderr).toMatch(/^finagg: invalid --transfer \d+: one side must be money out and the other money in/);

    const paired = await runCli(['tx', 'edit', String(into), '--transfer', String(out), '--json'], env);
    expect(paired.code, paired.stderr).toBe(0);
    const t = JSON.parse(paired.stdout) as { transfer_id: number; category: string };
    expect(t.category).toBe('transfer');
    const mine = (
      JSON.parse((await runCli(['transfers', '--json'], env)).stdout) as {
        id: number;
        source: string;
        out_transaction_id: number;
      }[]
    ).find((p) => p.id === t.transfer_id);
    expect(mine).toMatchObject({ source: 'user', out_transaction_id: out });
    const { sqlite } = openDatabase(home, { nowIso: NOW });
    try {
      const audit = sqlite
        .prepare("SELECT transaction_id, old_value, new_value, source FROM audit_log WHERE field = 'transfer' ORDER BY id")
        .all();
      expect(audit).toEqual([
        { transaction_id: out, old_value: String(into), new_value: null, source: 'user' },
        { transaction_id: into, old_value: String(out), new_value: null, source: 'user' },
        { transaction_id: into, old_value: null, new_value: String(out), source: 'user' },
        { transaction_id: out, old_value: null, new_value: String(into), source: 'user' },
      ]);
    } finally {
      sqlite.close();
    }
  });
});
