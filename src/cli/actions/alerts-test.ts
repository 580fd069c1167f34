import type { Command } from 'commander';
import { testAlertChannels } from '../../app/alert-test';
import type { AppContext } from '../../app/context';
import { ReportedError } from '../render/error';
import type { Output } from '../render/output';

/** `alerts test [--channel name]`: `[{channel, ok, error}]`; exit 1 when a channel failed. */
export default async function alertsTest(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const only = command.opts<{ channel?: string }>().channel;
  const results = await testAlertChannels(ctx, only);
  if (out.json) out.data(results);
  else if (results.length === 0)
    out.line('no alert channel is configured besides the terminal: see finagg config (alerts.email.*, alerts.push.ntfy, ...)');
  else
    for (const r of results) {
      const name = r.channel.padEnd(8);
      if (!r.ok) out.line(`${name}${out.color.red('failed')}: ${r.error}`);
      else out.line(`${name}${out.color.green(r.error ? 'skipped' : 'sent')}${r.error ? `: ${r.error}` : ''}`);
    }
  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0)
    // The --json list already says which failed and why: stderr gets the line, stdout keeps one document.
    throw new ReportedError(
      'provider_error',
      `${failed.length} of ${results.length} alert channel${results.length === 1 ? '' : 's'} failed: ${failed.map((r) => r.channel).join(', ')}`,
    );
}
