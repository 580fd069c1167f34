import { planPairs, scorePair, type PairPlan, type TransferCandidate } from '../core/transfer-match';
import { TransferStore } from '../storage/transfers-repo';
import type { AppContext } from './context';

/**
 * Pairs the rows that move money between the person's own accounts (core/transfer-match.ts),
 * after each sync and import. Only what is new since the last pairing is looked at, and
 * from the side that is rare: inflows. Every new inflow meets its possible outflows by
 * the amount-and-date index; a new outflow is matched against older unpaired inflows only
 * (a new inflow already met it). So a sync costs its new rows, and a home upgraded with
 * years of history pairs once, at its next sync, from its inflows alone.
 */
export function pairNewRows(ctx: AppContext): PairPlan {
  // One immediate transaction from reading to writing: two processes syncing one home
  // (the daemon and a person) pair in turn, and the second sees the first's pairs.
  return ctx.sqlite.transaction(() => pairWithinTransaction(ctx)).immediate();
}

/** New outflows whose counterparts are asked for one by one before the inflows' amounts are read. */
const ASK_EACH_UP_TO = 1_000;

function pairWithinTransaction(ctx: AppContext): PairPlan {
  const store = new TransferStore(ctx.sqlite);
  const { through, at } = store.progress();
  const maxId = (ctx.sqlite.prepare('SELECT coalesce(max(id), 0) FROM transactions').pluck().get() as number) ?? 0;
  const candidates = new Map<string, TransferCandidate>();
  const add = (c: TransferCandidate | undefined) => {
    if (c) candidates.set(`${c.out.id}|${c.in.id}`, c);
  };
  for (const into of store.unpairedSince(through, at, 'in')) {
    for (const out of store.counterparts(into)) add(scorePair(out, into));
  }
  if (through > 0) {
    // A statement of years brings hundreds of thousands of new outflows, and hardly any
    // has an older inflow of its amount: past the first thousand, the amounts of the older
    // unpaired inflows are read once and an outflow of none of them is not asked about
    // (3.8 s of a 300,000-line import). Below that, asking each costs less than the read.
    let seen = 0;
    let inflowAmounts: Set<number> | undefined;
    for (const out of store.unpairedSince(through, at, 'out')) {
      if (++seen === ASK_EACH_UP_TO) inflowAmounts = store.unpairedInflowAmounts(through);
      if (inflowAmounts && !inflowAmounts.has(-out.amountCents)) continue;
      for (const into of store.counterparts(out)) if (into.id <= through) add(scorePair(out, into));
    }
  }
  const plan = planPairs([...candidates.values()]);
  store.save(plan.pairs, 'auto', maxId, new Date(ctx.clock.nowMs()).toISOString());
  return plan;
}

/** A pair as `finagg transfers` shows it (the Transfer shape of CLI.md). */
export interface TransferView {
  /** null for a candidate offered for review. */
  id: number | null;
  outTransactionId: number;
  inTransactionId: number;
  fromAccountId: number;
  toAccountId: number;
  fromAccount: string;
  toAccount: string;
  /** Positive cents. */
  amountCents: number;
  currency: string;
  outDate: string;
  inDate: string;
  confidence: number;
  source: 'auto' | 'user' | null;
  reasons: string[];
}

/** The pairs made, newest first, optionally those touching one account. */
export function listTransfers(ctx: AppContext, accountId?: number): TransferView[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT p.id, p.out_transaction_id AS outId, p.in_transaction_id AS inId, o.account_id AS fromId, i.account_id AS toId,
              fa.name AS fromName, ta.name AS toName, i.amount_cents AS cents, i.currency, o.date AS outDate, i.date AS inDate,
              p.confidence, p.source, p.reasons
       FROM transfers p
       JOIN transactions o ON o.id = p.out_transaction_id JOIN transactions i ON i.id = p.in_transaction_id
       JOIN accounts fa ON fa.id = o.account_id JOIN accounts ta ON ta.id = i.account_id
       WHERE ? IS NULL OR o.account_id = ? OR i.account_id = ?
       ORDER BY o.date DESC, p.id DESC`,
    )
    .all(accountId ?? null, accountId ?? null, accountId ?? null) as {
    id: number;
    outId: number;
    inId: number;
    fromId: number;
    toId: number;
    fromName: string;
    toName: string;
    cents: number;
    currency: string;
    outDate: string;
    inDate: string;
    confidence: number;
    source: 'auto' | 'user';
    reasons: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    outTransactionId: r.outId,
    inTransactionId: r.inId,
    fromAccountId: r.fromId,
    toAccountId: r.toId,
    fromAccount: r.fromName,
    toAccount: r.toName,
    amountCents: r.cents,
    currency: r.currency,
    outDate: r.outDate,
    inDate: r.inDate,
    confidence: r.confidence,
    source: r.source,
    reasons: JSON.parse(r.reasons) as string[],
  }));
}

/**
 * Candidates not paired automatically: too weak, or contested by another row of the same
 * amount. Looked for among every unpaired inflow (the rare side), not stored: the person
 * pairs one by hand, and the rest stay questions.
 */
export function reviewCandidates(ctx: AppContext, accountId?: number): TransferView[] {
  const store = new TransferStore(ctx.sqlite);
  const candidates: TransferCandidate[] = [];
  for (const into of store.unpairedSince(0, '', 'in')) {
    for (const out of store.counterparts(into)) {
      const c = scorePair(out, into);
      if (c) candidates.push(c);
    }
  }
  const names = new Map(
    (ctx.sqlite.prepare('SELECT id, name FROM accounts').all() as { id: number; name: string }[]).map((a) => [a.id, a.name]),
  );
  return planPairs(candidates)
    .review.filter((c) => accountId === undefined || c.out.accountId === accountId || c.in.accountId === accountId)
    .map((c) => ({
      id: null,
      outTransactionId: c.out.id,
      inTransactionId: c.in.id,
      fromAccountId: c.out.accountId,
      toAccountId: c.in.accountId,
      fromAccount: names.get(c.out.accountId) ?? String(c.out.accountId),
      toAccount: names.get(c.in.accountId) ?? String(c.in.accountId),
      amountCents: c.in.amountCents,
      currency: c.in.currency,
      outDate: c.out.date,
      inDate: c.in.date,
      confidence: c.confidence,
      source: null,
      reasons: c.reasons,
    }));
}
