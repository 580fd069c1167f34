import { Text } from 'ink';
import type { Upcoming } from '../app/upcoming';
import { formatMoney } from '../core/money';
import { fit, fitRight } from './format';
import { Panel } from './Panel';
import { useTheme } from './theme';

/**
 * What is coming in the next 30 days (`finagg upcoming`): the next bills and pay in date
 * order, then each checking account's projected low, red when it goes below zero. When
 * rows are short the next bill keeps one and the lows take the rest: "will I make it to
 * payday" is the question.
 */
export function UpcomingPanel({ upcoming, width, rows }: { upcoming: Upcoming | undefined; width: number; rows: number }) {
  const { paint } = useTheme();
  const inner = width - 2;
  const lines: { text: string; below: boolean; late: boolean }[] = [];
  if (upcoming) {
    const currency = new Map(upcoming.accounts.map((a) => [a.accountId, a.account.currency]));
    const lows = upcoming.accounts
      .filter((a) => a.account.type === 'checking')
      .map((a) => ({
        text: `${fit(`${a.account.name} low`, Math.max(1, inner - 21))} ${fitRight(formatMoney(a.lowCents, a.account.currency), 13)} ${a.lowDate.slice(5)}`,
        below: a.lowCents < 0,
        late: false,
      }));
    const room = Math.max(1, rows - lows.length);
    const items = upcoming.items
      .filter((i) => i.kind !== 'transfer')
      .slice(0, room)
      .map((i) => {
        const money = fitRight(formatMoney(i.amountCents, currency.get(i.accountId) ?? 'USD'), 13);
        return {
          text: `${i.date.slice(5)} ${fit(i.merchant, Math.max(1, inner - (i.late ? 26 : 21)))} ${money}${i.late ? ' late' : ''}`,
          below: false,
          late: i.late,
        };
      });
    lines.push(...items, ...lows);
  }
  const lowest = upcoming?.accounts.find((a) => a.account.type === 'checking' && a.lowCents < 0);
  return (
    <Panel title="Next 30 days" note={lowest ? 'dips below zero' : undefined} width={width} rows={rows} focused={false}>
      {upcoming === undefined && <Text dimColor>reading…</Text>}
      {upcoming !== undefined && lines.length === 0 && <Text dimColor>nothing recurring found yet</Text>}
      {lines.slice(0, rows).map((l, i) => {
        // Cells are fitted already: pad the line, never collapse its spaces.
        const text = l.text.slice(0, inner).padEnd(inner);
        return (
          <Text key={i} wrap="truncate">
            {l.below ? paint.red(text) : l.late ? paint.yellow(text) : text}
          </Text>
        );
      })}
    </Panel>
  );
}
