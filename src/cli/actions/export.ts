import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { exportData } from '../../app/export';
import { AppError, invalidInput, usageError } from '../../core/errors';
import { csvHeader, csvRows } from '../../core/export/transactions-csv';
import { partsCount } from '../../core/split';
import {
  ledgerAccountNames,
  ledgerHeader,
  ledgerOpening,
  ledgerPrice,
  ledgerTransaction,
  ledgerTransfer,
} from '../../core/export/ledger';
import { exportPrices } from '../../app/fx/export-prices';
import { localDate } from '../../core/dates';
import { categoryParents } from '../../storage/categories-repo';
import type { ExportRow } from '../../storage/export-repo';
import * as z from '../../validation/zod';
import { dateText, oneOf, parseOptions, textValue } from '../options';
import type { Output } from '../render/output';
import { showValue } from '../render/quote';
import { transactionJson } from '../render/shapes';

const ExportOptions = z.object({
  format: oneOf(['csv', 'json', 'ledger']),
  out: z.optional(textValue(4096)),
  from: z.optional(dateText()),
  to: z.optional(dateText()),
  account: z.optional(textValue()),
});

/** Rows formatted and written at a time. */
const CHUNK_ROWS = 5000;

export default async function exportAction(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(ExportOptions, command.opts(), 'export');
  if (out.json && o.out === undefined)
    throw usageError('--json prints a summary of an export to a file: add --out <file> (or use --format json)');
  const data = await exportData(ctx, { account: o.account, from: o.from, to: o.to });
  const sink = o.out === undefined ? stdoutSink(out) : fileSink(o.out);
  const progress = o.out !== undefined && out.stderr.isTTY === true;
  let rows = 0;
  try {
    const names = new Map(data.accounts.map((a) => [a.id, a.name]));
    const ledgerNames = ledgerAccountNames(data.accounts);
    if (o.format === 'csv') sink.write(csvHeader());
    if (o.format === 'json') sink.write('[');
    if (o.format === 'ledger') {
      sink.write(ledgerHeader(new Date(ctx.clock.nowMs()).toISOString(), ledgerNames.values()));
      // The rates behind finagg's one net worth, so `-X <home>` gives the same total.
      const firstDay = data.openings.reduce((a, b) => (b.date < a ? b.date : a), localDate(ctx.clock.nowMs(), ctx.timeZone));
      const prices = await exportPrices(ctx, data.accounts, {
        from: firstDay,
        to: o.to ?? localDate(ctx.clock.nowMs(), ctx.timeZone),
      });
      if (prices.length > 0) sink.write(`${prices.map((p) => ledgerPrice(p.date, p.currency, p.price, p.home)).join('')}\n`);
      for (const opening of data.openings)
        if (opening.cents !== 0)
          sink.write(ledgerOpening(opening.date, ledgerNames.get(opening.account.id)!, opening.cents, opening.account.currency));
    }
    const parents = categoryParents(ctx.sqlite);
    let chunk: ExportRow[] = [];
    const flush = () => {
      if (chunk.length === 0) return;
      if (o.format === 'csv') sink.write(csvRows(chunk, names));
      else if (o.format === 'json')
        sink.write(chunk.map((t, i) => `${rows === 0 && i === 0 ? '' : ','}\n  ${JSON.stringify(exportJson(t))}`).join(''));
      else sink.write(chunk.map((t) => ledgerEntry(t, ledgerNames, parents, { from: o.from, to: o.to })).join(''));
      rows += chunk.length;
      chunk = [];
      if (progress) out.stderr.write(`\r\u001b[2Kexporting… ${rows.toLocaleString('en-US')} transactions`);
    };
    for (const t of data.rows) {
      chunk.push(t);
      if (chunk.length >= CHUNK_ROWS) flush();
    }
    flush();
    if (o.format === 'json') sink.write(rows === 0 ? ']\n' : '\n]\n');
    if (progress) out.stderr.write('\r\u001b[2K');
    const bytes = sink.finish();
    if (o.out !== undefined) {
      const file = path.resolve(o.out);
      if (out.json) out.data({ format: o.format, path: file, rows, bytes });
      else
        out.line(`${rows.toLocaleString('en-US')} transactions to ${file} (${o.format}, ${bytes.toLocaleString('en-US')} bytes)`);
    }
  } catch (error) {
    sink.abandon();
    throw error;
  }
}

/**
 * A row's journal entry. A transfer whose other side is exported too is one transaction
 * between the two accounts, written at its outgoing side (the incoming one writes
 * nothing); otherwise the row goes through its category as any other.
 */
function ledgerEntry(
  t: ExportRow,
  names: Map<number, string>,
  parents: ReadonlyMap<string, string>,
  range: { from?: string; to?: string },
): string {
  const p = t.partner;
  const other = p && names.get(p.accountId);
  const inRange = p !== null && p.date >= (range.from ?? '0000-01-01') && p.date <= (range.to ?? '9999-12-31');
  if (p && other && inRange && p.currency === t.currency) {
    return p.rowIsOut ? ledgerTransfer(t, p, names.get(t.accountId)!, other) : '';
  }
  // Parts that no longer sum to the row (the bank changed it) would not balance: the row goes whole.
  const parts =
    t.splits && partsCount(t.splits, t.amountCents)
      ? t.splits.map((p) => ({ category: p.category, parent: parents.get(p.category) ?? null, cents: p.cents }))
      : null;
  return ledgerTransaction(t, names.get(t.accountId)!, parents.get(t.category) ?? null, parts);
}

/** The Transaction shape, with a split row's parts. */
const exportJson = (t: ExportRow) => transactionJson(t, t.splits);

interface Sink {
  write(text: string): void;
  /** Completes the output; returns the bytes written. */
  finish(): number;
  /** Leaves no half-written file behind. */
  abandon(): void;
}

function stdoutSink(out: Output): Sink {
  let bytes = 0;
  return {
    write(text) {
      bytes += Buffer.byteLength(text);
      out.stdout.write(text);
    },
    finish: () => bytes,
    abandon: () => undefined,
  };
}

/**
 * Written next to the target and renamed over it at the end, so the file is whole or
 * absent; private (0600) from the start, as it holds a person's money.
 */
function fileSink(target: string): Sink {
  const temporary = path.join(path.dirname(path.resolve(target)), `.${path.basename(target)}.${process.pid}.tmp`);
  let fd: number;
  try {
    if (fs.statSync(target, { throwIfNoEntry: false })?.isDirectory())
      throw invalidInput(`--out ${showValue(target)} is a directory`);
    fd = fs.openSync(temporary, 'w', 0o600);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw invalidInput(`--out ${showValue(target)} cannot be written (${code ?? 'error'})`);
  }
  let bytes = 0;
  return {
    write(text) {
      bytes += fs.writeSync(fd, text);
    },
    finish() {
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(temporary, target);
      return bytes;
    },
    abandon() {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
      fs.rmSync(temporary, { force: true });
    },
  };
}
