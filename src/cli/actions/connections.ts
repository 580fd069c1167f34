import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { connectionBudget } from '../../app/request-budget';
import { listConnections } from '../../storage/connections-repo';
import type { Output } from '../render/output';
import { connectionJson } from '../render/shapes';
import { renderTable } from '../render/table';

export default async function connections(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const found = await listConnections(ctx.db, { includeRevoked: command.opts().all === true });
  const rows = found.map((c) => ({ ...c, budget: connectionBudget(ctx, c.id, ctx.providers.get(c.provider)) }));
  if (out.json) return out.data(rows.map((c) => connectionJson(c, c.budget)));
  if (rows.length === 0) return out.line('no banks linked (see finagg providers, then finagg link <bank>)');
  out.line(
    renderTable(
      rows,
      [
        { header: 'ID', value: (c) => String(c.id), align: 'right' },
        {
          header: 'BANK',
          value: (c) => (c.institution ? `${c.provider}: ${c.institution.replace(/^[A-Z]{2}:/, '')}` : c.provider),
        },
        {
          header: 'STATUS',
          value: (c) => c.status,
          style: (s, c, color) => (c.status === 'active' ? color.green(s) : c.status === 'revoked' ? color.dim(s) : color.red(s)),
        },
        { header: 'LINKED', value: (c) => c.createdAt.slice(0, 10) },
        { header: 'LAST SYNC', value: (c) => c.lastSyncedAt?.slice(0, 16).replace('T', ' ') ?? 'never' },
        // Requests left today of a provider's daily budget (SimpleFIN Bridge: 24; PSD2: 4 syncs an account).
        { header: 'REQUESTS LEFT', value: (c) => (c.budget ? `${c.budget.left}/${c.budget.limit} today` : ''), align: 'right' },
        {
          header: 'CONSENT ENDS',
          value: (c) => (c.consentExpiresAt ? consentEnd(c.consentExpiresAt, ctx.clock.nowMs()) : ''),
          style: (s, c, color) =>
            c.consentExpiresAt && Date.parse(c.consentExpiresAt) - ctx.clock.nowMs() <= 7 * DAY_MS ? color.yellow(s) : s,
        },
        {
          header: 'PROBLEM',
          value: (c) =>
            [c.status === 'needs_relink' ? (c.lastError ?? 'log in again') : c.lastError, c.notice].filter(Boolean).join('; '),
        },
      ],
      out.color,
    ),
  );
}

const DAY_MS = 86_400_000;

/** `2027-06-04 (in 180 days)`, `2026-12-07 (tomorrow)`, `2026-12-01 (ended)`. */
function consentEnd(iso: string, nowMs: number): string {
  const ms = Date.parse(iso) - nowMs;
  const days = Math.ceil(ms / DAY_MS);
  const when = ms <= 0 ? 'ended' : days <= 1 ? 'within a day' : `in ${days} days`;
  return `${iso.slice(0, 10)} (${when})`;
}
