import { Text } from 'ink';
import { fit } from './format';
import { Panel } from './Panel';
import { useTheme } from './theme';
import type { SyncState } from './use-sync';

const n = (x: number) => x.toLocaleString('en-US');

/** `s`: a line per account as its pages arrive, then what the sync found. */
export function SyncDialog({ sync, width, rows }: { sync: SyncState; width: number; rows: number }) {
  const { paint } = useTheme();
  const lines: string[] = sync.accounts.map((p) => {
    const mark =
      p.status === undefined
        ? paint.cyan('…')
        : p.status === 'success'
          ? paint.green('✓')
          : p.status === 'partial'
            ? paint.yellow('!')
            : p.status === 'skipped'
              ? '-'
              : paint.red('✗');
    return `${mark} ${fit(`${p.provider} ${p.accountName}`, 28)} ${n(p.fetched)} fetched, ${n(p.inserted)} new${p.status && p.status !== 'success' ? ` (${p.status})` : ''}`;
  });
  if (sync.running && sync.accounts.length === 0) lines.push('starting…');
  if (sync.runs) {
    const inserted = sync.runs.reduce((a, r) => a + r.inserted, 0);
    lines.push(
      '',
      sync.runs.length === 0 ? 'nothing to sync: link a bank with finagg link' : `done: ${n(inserted)} new transactions`,
    );
    for (const a of sync.alerts) lines.push(`${paint.yellow('alert')} ${a.message}`);
    if (sync.anomalies > 0) lines.push(`${sync.anomalies} new ${sync.anomalies === 1 ? 'anomaly' : 'anomalies'}`);
    for (const r of sync.runs) if (r.error) lines.push(paint.red(`account ${r.accountId}: ${r.error}`));
  }
  if (sync.error) lines.push(paint.red(`sync failed: ${sync.error}`));
  return (
    <Panel
      title={sync.running ? 'Syncing' : 'Sync'}
      note={sync.running ? 'Esc hides it; the sync goes on' : 'Esc closes'}
      width={width}
      rows={rows}
      focused
    >
      {lines.slice(-rows).map((l, i) => (
        <Text key={i} wrap="truncate">
          {l}
        </Text>
      ))}
    </Panel>
  );
}
