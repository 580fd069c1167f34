import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { importRates } from '../../app/rates/import-rates';
import * as z from '../../validation/zod';
import { parseOptions, textValue } from '../options';
import type { Output } from '../render/output';

const ImportOptions = z.object({ '<file>': textValue(4096) });

/** `finagg rates import <file>`: an ECB file or price directives, stored whole or not at all. */
export default async function ratesImport(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(ImportOptions, { '<file>': command.args[0] }, 'rates import');
  const r = await importRates(ctx, o['<file>']);
  if (out.json) return out.data({ imported: r.imported, from: r.from, to: r.to, currencies: r.currencies, source: r.source });
  const days = r.from === r.to ? r.from : `${r.from} to ${r.to}`;
  const shown = r.currencies.length > 8 ? `${r.currencies.length} currencies` : r.currencies.join(', ');
  out.line(`${r.imported.toLocaleString('en-US')} rates imported (${shown}; ${days}) as ${r.source}`);
}
