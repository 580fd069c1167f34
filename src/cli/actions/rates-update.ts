import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { updateRates } from '../../app/rates/update-rates';
import type { CliIO } from '../io';
import type { Output } from '../render/output';

/** `finagg rates update`: the ECB's latest rates, fetched and stored. */
export default async function ratesUpdate(ctx: AppContext, out: Output, _command: Command, io: CliIO): Promise<void> {
  if (!out.json) out.notice(out.color.dim('fetching the ECB’s reference rates…'));
  const r = await updateRates(ctx, { baseUrl: io.env.FINAGG_ECB_URL });
  if (out.json) return out.data({ fetched: r.fetched, imported: r.imported, from: r.from, to: r.to, file: r.file });
  const span = r.from === null ? '' : ` (${r.from} to ${r.to})`;
  out.line(
    `${r.fetched.toLocaleString('en-US')} rates fetched from ${r.file}${span}: ${r.imported === 0 ? 'nothing new' : `${r.imported.toLocaleString('en-US')} new`}`,
  );
}
