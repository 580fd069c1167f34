import { type Alert, type AlertChannel, alertJson } from '../core/alert';
import { alertChannels, deliveryBackoffMs, mailConfigured } from '../core/alert-delivery';
import { isoNow } from '../core/clock';
import type { Settings } from '../core/settings';
import {
  claimDelivery,
  closeChannel,
  type DueDelivery,
  dueDeliveries,
  recordDelivered,
  recordFailed,
} from '../storage/alert-deliveries-repo';
import { listAlerts } from '../storage/alerts-repo';
import type { AlertDeliveriesTable } from '../storage/schema';
import { runAlertCommand, COMMAND_TIMEOUT_MS } from './channels/command';
import { NO_DESKTOP_NOTIFIER, notifyDesktop } from './channels/desktop';
import { type ChannelOutcome, skipped } from './channels/outcome';
import { postWebhook, WEBHOOK_DEFAULTS, type WebhookTuning } from './channels/webhook';
import { MAIL_DEFAULTS, type MailTuning, sendAlertMail } from './channels/email';
import { pushNtfy } from './channels/push';
import { readSecret } from './secrets';
import { AppError } from '../core/errors';
import type { AppContext } from './context';
import { getSettings } from './settings';

export { alertChannels };

/** The outbox rows of a new alert, one per channel it goes to now; insert them with the alert. */
export function outboxRowsFor(alertId: number, settings: Settings): AlertDeliveriesTable[] {
  return alertChannels(settings).map((channel) => ({
    alert_id: alertId,
    channel,
    attempts: 0,
    delivered_at: null,
    last_error: null,
    next_attempt_at: null,
  }));
}

export interface DeliverOptions {
  /** The settings to deliver with; read from the database when not given. */
  settings?: Settings;
  /** At most this many deliveries per call, so a long outbox cannot hold a sync up. */
  limit?: number;
  webhook?: Partial<WebhookTuning>;
  mail?: Partial<MailTuning>;
  commandTimeoutMs?: number;
}

export interface DeliveryFailure {
  alertId: number;
  channel: AlertChannel;
  /** One line, naming no secret (a webhook's host at most). */
  error: string;
  nextAttemptAt: string;
}

export interface DeliverySummary {
  delivered: number;
  /** Closed without sending: the channel was turned off, or cannot work on this machine. */
  skipped: number;
  failed: DeliveryFailure[];
  /** Things to tell the person once (no desktop notifier here). */
  notices: string[];
}

/** The channels this module sends; the terminal is the CLI's (markTerminalDelivered). */
const SENT_HERE: readonly AlertChannel[] = ['desktop', 'webhook', 'command', 'email', 'push'];

/**
 * Sends every open, due delivery of the desktop, webhook, command, email and push channels, and
 * records each outcome on its own row: delivered, skipped with a note, or failed with
 * its error and a later time to try again. A failure never closes a row, so an alert a
 * channel did not take is tried again by the next sync or daemon run.
 *
 * A channel that fails once in a call is not tried again for other alerts in the same
 * call: a dead webhook then costs one timeout per call, not one per alert.
 */
export async function deliverPendingAlerts(ctx: AppContext, options: DeliverOptions = {}): Promise<DeliverySummary> {
  const summary: DeliverySummary = { delivered: 0, skipped: 0, failed: [], notices: [] };
  const due = await dueDeliveries(ctx.db, SENT_HERE, isoNow(ctx.clock), options.limit ?? 200);
  if (due.length === 0) return summary;
  const settings = options.settings ?? (await getSettings(ctx));
  const ids = [...new Set(due.map((d) => d.alertId))];
  const alerts = new Map((await listAlerts(ctx.db, { all: true, ids })).map((a) => [a.id, a]));
  const webhook = { ...WEBHOOK_DEFAULTS, ...options.webhook };
  // Long enough for every try of one send; after it, a send that died with its process is retried.
  const leaseMs = webhook.tries * (webhook.timeoutMs + webhook.retryDelayMs * 2 ** webhook.tries) + 60_000;
  const failedChannels = new Set<AlertChannel>();

  for (const row of due) {
    const alert = alerts.get(row.alertId);
    if (!alert || failedChannels.has(row.channel)) continue;
    if (!(await claimDelivery(ctx.db, row, new Date(ctx.clock.nowMs() + leaseMs).toISOString()))) continue;
    const outcome = await sendAlert(ctx, row.channel, alert, settings, {
      webhook,
      mail: { ...MAIL_DEFAULTS, ...options.mail },
      commandTimeoutMs: options.commandTimeoutMs ?? COMMAND_TIMEOUT_MS,
    });
    await record(ctx, row, outcome, summary);
    if (outcome.kind === 'failed') failedChannels.add(row.channel);
  }
  return summary;
}

export interface ChannelTuning {
  webhook: WebhookTuning;
  mail: MailTuning;
  commandTimeoutMs: number;
}

/** One alert through one channel, as the settings configure it now. */
export async function sendAlert(
  ctx: AppContext,
  channel: AlertChannel,
  alert: Alert,
  settings: Settings,
  tuning: ChannelTuning,
): Promise<ChannelOutcome> {
  try {
    return await sendThrough(ctx, channel, alert, settings, tuning);
  } catch (error) {
    // A secret that cannot be opened (a changed data key): the delivery fails, with why.
    if (error instanceof AppError) return { kind: 'failed', error: error.message };
    throw error;
  }
}

async function sendThrough(
  ctx: AppContext,
  channel: AlertChannel,
  alert: Alert,
  settings: Settings,
  { webhook, mail, commandTimeoutMs }: ChannelTuning,
): Promise<ChannelOutcome> {
  // A channel turned off since the alert fired: the person no longer wants it there.
  switch (channel) {
    case 'desktop':
      return settings['alerts.desktop'] ? notifyDesktop(ctx.notifier, alert) : skipped('skipped: alerts.desktop is off');
    case 'webhook': {
      const url = settings['alerts.webhook'];
      return url
        ? postWebhook(url, alertJson(alert), { clock: ctx.clock, ...webhook })
        : skipped('skipped: alerts.webhook is unset');
    }
    case 'command': {
      const command = settings['alerts.command'];
      return command ? runAlertCommand(command, alertJson(alert), commandTimeoutMs) : skipped('skipped: alerts.command is unset');
    }
    case 'email': {
      if (!mailConfigured(settings)) return skipped('skipped: alerts.email.to or alerts.email.host is unset');
      return sendAlertMail(
        {
          to: settings['alerts.email.to']!,
          from: settings['alerts.email.from'],
          host: settings['alerts.email.host']!,
          port: settings['alerts.email.port'],
          tls: settings['alerts.email.tls'],
          user: settings['alerts.email.user'],
          password: settings['alerts.email.user'] ? await readSecret(ctx, 'alerts.email.password') : undefined,
        },
        alert,
        mail,
      );
    }
    case 'push': {
      const topic = settings['alerts.push.ntfy'];
      if (!topic) return skipped('skipped: alerts.push.ntfy is unset');
      return pushNtfy(topic, await readSecret(ctx, 'alerts.push.token'), alert, { clock: ctx.clock, ...webhook });
    }
    default:
      return skipped(`skipped: unknown channel ${channel}`);
  }
}

async function record(ctx: AppContext, row: DueDelivery, outcome: ChannelOutcome, summary: DeliverySummary): Promise<void> {
  const { alertId, channel } = row;
  // Read after sending: the webhook's retries moved the clock.
  const nowMs = ctx.clock.nowMs();
  const atIso = new Date(nowMs).toISOString();
  if (outcome.kind === 'failed') {
    const nextAttemptAt = new Date(nowMs + deliveryBackoffMs(row.attempts + 1)).toISOString();
    await recordFailed(ctx.db, alertId, channel, outcome.error, nextAttemptAt);
    summary.failed.push({ alertId, channel, error: outcome.error, nextAttemptAt });
    ctx.log.log('warn', 'alert.delivery_failed', {
      alert_id: alertId,
      channel,
      error: outcome.error,
      next_attempt_at: nextAttemptAt,
    });
    return;
  }
  const note = outcome.kind === 'skipped' ? outcome.note : null;
  await recordDelivered(ctx.db, alertId, channel, atIso, note);
  if (outcome.kind === 'delivered') summary.delivered++;
  else summary.skipped++;
  if (note === NO_DESKTOP_NOTIFIER) {
    const notice =
      'desktop notifications skipped: no notify-send or osascript on this machine (finagg config set alerts.desktop off)';
    if (!summary.notices.includes(notice)) summary.notices.push(notice);
  }
  ctx.log.log('info', note ? 'alert.delivery_skipped' : 'alert.delivered', {
    alert_id: alertId,
    channel,
    ...(note ? { note } : {}),
  });
}

/** Closes the terminal rows of alerts the CLI (or the dashboard) has just shown. */
export async function markTerminalDelivered(ctx: AppContext, alertIds: readonly number[]): Promise<void> {
  await closeChannel(ctx.db, 'terminal', alertIds, isoNow(ctx.clock));
}
