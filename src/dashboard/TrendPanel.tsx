import { Text } from 'ink';
import type { Trends } from '../app/dashboard';
import { currencyExponent, formatMoney } from '../core/money';
import { rangeSparkline, sparkline } from './charts';
import { fit, monthName } from './format';
import { Panel } from './Panel';
import { useTheme } from './theme';

/** A compact amount for a chart label: $1.2k, $530, -$136k, 530 CHF. */
export function compact(cents: number, currency: string): string {
  const whole = Math.round(cents / 10 ** currencyExponent(currency));
  const size = Math.abs(whole);
  // At most five characters and a sign: $950, $4.7k, $136k, $1.4M.
  const short =
    size >= 1_000_000
      ? `${(size / 1_000_000).toFixed(1)}M`
      : size >= 100_000
        ? `${Math.round(size / 1000)}k`
        : size >= 1000
          ? `${(size / 1000).toFixed(1)}k`
          : String(size);
  const sign = whole < 0 ? '-' : '';
  const zero = formatMoney(0, currency);
  return /^\d/.test(zero) ? `${sign}${short} ${currency}` : `${sign}${zero.replace(/[\d.,]/g, '')}${short}`;
}

export type TrendMode = 'spending' | 'worth';

/**
 * The last six months of spending, or of net worth at each month end (`w` switches), main
 * currency first. One row: a month name and a block per month; with three rows, a wide
 * sparkline and the amounts under it.
 */
export function TrendPanel({
  trends,
  mode,
  width,
  rows,
}: {
  trends: Trends | undefined;
  mode: TrendMode;
  width: number;
  rows: number;
}) {
  const { paint } = useTheme();
  const inner = width - 2;
  const trend = trends?.[mode];
  const main = trend?.[0];
  const lines: string[] = [];
  if (main) {
    const cents = main.months.map((m) => m.cents);
    const blocks = [...(mode === 'worth' ? rangeSparkline(cents) : sparkline(cents))];
    const cell = Math.max(3, Math.floor(inner / main.months.length));
    if (rows >= 3) {
      lines.push(blocks.map((b) => b.repeat(cell - 1).padEnd(cell)).join(''));
      lines.push(main.months.map((m) => fit(monthName(m.month), cell)).join(''));
      lines.push(main.months.map((m) => fit(compact(m.cents, main.currency), cell - 1).padEnd(cell)).join(''));
    } else {
      lines.push(main.months.map((m, i) => `${monthName(m.month)}${blocks[i]}`).join(' '));
    }
  }
  return (
    <Panel
      title={`${mode === 'worth' ? 'Net worth' : '6-month trend'}${main ? ` (${main.currency})` : ''}`}
      width={width}
      rows={rows}
      focused={false}
    >
      {trend === undefined && <Text dimColor>reading…</Text>}
      {trend !== undefined && !main && <Text dimColor>{mode === 'worth' ? 'no history yet' : 'no spending yet'}</Text>}
      {lines.slice(0, rows).map((l, i) => (
        <Text key={i} wrap="truncate">
          {i === 0 ? paint.cyan(fit(l, inner)) : fit(l, inner)}
        </Text>
      ))}
    </Panel>
  );
}
