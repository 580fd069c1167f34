import { Text } from 'ink';
import type { MonthlyTrend } from '../app/dashboard';
import { currencyExponent, formatMoney } from '../core/money';
import { sparkline } from './charts';
import { fit, monthName } from './format';
import { Panel } from './Panel';
import { useTheme } from './theme';

/** A compact amount for a chart label: $1.2k, $530, 530 CHF. */
export function compact(cents: number, currency: string): string {
  const whole = Math.round(cents / 10 ** currencyExponent(currency));
  const text = whole >= 1000 ? `${(whole / 1000).toFixed(1)}k` : String(whole);
  const zero = formatMoney(0, currency);
  return /^\d/.test(zero) ? `${text} ${currency}` : `${zero.replace(/[\d.,]/g, '')}${text}`;
}

/**
 * The last six months of spending, main currency first. One row: a month name and a
 * block per month; with three rows, a wide sparkline and the amounts under it.
 */
export function TrendPanel({ trend, width, rows }: { trend: readonly MonthlyTrend[] | undefined; width: number; rows: number }) {
  const { paint } = useTheme();
  const inner = width - 2;
  const main = trend?.[0];
  const lines: string[] = [];
  if (main) {
    const cents = main.months.map((m) => m.cents);
    const blocks = [...sparkline(cents)];
    const cell = Math.max(3, Math.floor(inner / main.months.length));
    if (rows >= 3) {
      lines.push(blocks.map((b) => b.repeat(cell - 1).padEnd(cell)).join(''));
      lines.push(main.months.map((m) => fit(monthName(m.month), cell)).join(''));
      lines.push(main.months.map((m) => fit(compact(m.cents, main.currency), cell)).join(''));
    } else {
      lines.push(main.months.map((m, i) => `${monthName(m.month)}${blocks[i]}`).join(' '));
    }
  }
  return (
    <Panel title={`6-month trend${main ? ` (${main.currency})` : ''}`} width={width} rows={rows} focused={false}>
      {trend === undefined && <Text dimColor>reading…</Text>}
      {trend !== undefined && !main && <Text dimColor>no spending yet</Text>}
      {lines.slice(0, rows).map((l, i) => (
        <Text key={i} wrap="truncate">
          {i === 0 ? paint.cyan(fit(l, inner)) : fit(l, inner)}
        </Text>
      ))}
    </Panel>
  );
}
