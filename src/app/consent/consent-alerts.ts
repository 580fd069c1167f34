import type { Alert } from '../../core/alert';
import { plural } from '../../core/words';
import { insertMarkedAlert } from '../../storage/alerts-repo';
import type { AppContext } from '../context';
import { alertChannels } from '../deliver-alerts';
import { getSettings } from '../settings';
import { parseInstitution } from './consent-link';

/** Days before a consent ends that the person is told, each once per consent. */
export const CONSENT_WARNINGS_DAYS = [7, 1] as const;

const DAY_MS = 86_400_000;

/**
 * After a sync (and each daemon round): a connection whose consent ends within 7 days,
 * then within 1 day, raises one alert each through the outbox (so by mail and push too),
 * with the command that renews it. A renewed consent has a new end, so it warns afresh.
 */
export async function evaluateConsents(ctx: AppContext): Promise<Alert[]> {
  const rows = await ctx.db
    .selectFrom('connections')
    .select(['id', 'provider', 'institution', 'consent_expires_at'])
    .where('status', '<>', 'revoked')
    .where('consent_expires_at', 'is not', null)
    .execute();
  if (rows.length === 0) return [];
  const channels = alertChannels(await getSettings(ctx));
  const nowMs = ctx.clock.nowMs();
  const nowIso = new Date(nowMs).toISOString();
  const fired: Alert[] = [];
  for (const row of rows) {
    const endsMs = Date.parse(row.consent_expires_at!);
    if (!(endsMs > nowMs)) continue; // ended: the sync marks it needs_relink, which alerts on its own
    // The nearest warning only: a consent first seen a day before its end warns once, not twice.
    const days = CONSENT_WARNINGS_DAYS.filter((d) => endsMs - nowMs <= d * DAY_MS).at(-1);
    if (days === undefined) continue;
    const bank = parseInstitution(row.institution)?.name ?? row.provider;
    const left = Math.max(1, Math.ceil((endsMs - nowMs) / DAY_MS));
    const alert = insertMarkedAlert(ctx.sqlite, {
      mark: `consent:${row.id}:${row.consent_expires_at}:${days}`,
      type: 'consent_expiring',
      category: null,
      message: consentEndingText({
        bank,
        connectionId: row.id,
        provider: row.provider,
        endsOn: row.consent_expires_at!.slice(0, 10),
        daysLeft: left,
      }),
      createdAt: nowIso,
      channels,
    });
    if (alert) fired.push(alert);
  }
  return fired;
}

/** The warning that a connection's consent ends soon, with the command that renews it. */
export function consentEndingText(c: {
  bank: string;
  connectionId: number;
  provider: string;
  endsOn: string;
  daysLeft: number;
}): string {
  return `the consent for ${c.bank} (connection ${c.connectionId}) ends on ${c.endsOn}, in ${plural(c.daysLeft, 'day')}; renew it: finagg link ${c.provider} --relink ${c.connectionId}`;
}
