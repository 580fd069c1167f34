import { Text } from 'ink';
import type { DashboardSnapshot } from '../app/dashboard';
import { formatMoney } from '../core/money';
import { fit, shortTime } from './format';
import { useTheme } from './theme';

/** One line: net worth per currency, last sync, next scheduled sync, unread alerts. */
export function Header({
  snapshot,
  timeZone,
  width,
  syncing,
}: {
  snapshot: DashboardSnapshot;
  timeZone: string;
  width: number;
  syncing: boolean;
}) {
  const { paint } = useTheme();
  const worth = snapshot.netWorth.map(([currency, cents]) => formatMoney(cents, currency)).join(' · ') || '—';
  const next = snapshot.daemon.running
    ? snapshot.daemon.next_run_at
      ? `next ${shortTime(snapshot.daemon.next_run_at, timeZone)}`
      : 'daemon on'
    : 'no daemon';
  const last = syncing ? 'syncing…' : `synced ${shortTime(snapshot.lastSyncAt, timeZone)}`;
  const alerts = snapshot.alerts.length;
  const alertText = `${alerts} alert${alerts === 1 ? '' : 's'}`;
  // Labels go first when the line is too long; the figures stay.
  const variants = [
    ['finagg', `net worth ${worth}`, last, next, alertText],
    ['finagg', worth, last, next, alertText],
    ['finagg', worth, last.replace('synced ', ''), next, alertText],
    ['finagg', worth, last.replace('synced ', ''), alertText],
    [worth, alertText],
  ].map((parts) => parts.join(' │ '));
  const plain = fit(variants.find((v) => v.length <= width) ?? variants.at(-1)!, width);
  // Colour is applied after fitting, so the cut never lands inside an escape code.
  const painted = plain
    .replace(/^finagg/, paint.bold.cyan('finagg'))
    .replace(alertText, alerts > 0 ? paint.yellow.bold(alertText) : alertText);
  return <Text wrap="truncate">{painted}</Text>;
}
