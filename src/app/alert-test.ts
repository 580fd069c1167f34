import type { Alert } from '../core/alert';
import { alertChannels } from '../core/alert-delivery';
import { invalidInput } from '../core/errors';
import { MAIL_DEFAULTS } from './channels/email';
import { WEBHOOK_DEFAULTS } from './channels/webhook';
import { COMMAND_TIMEOUT_MS } from './channels/command';
import type { AppContext } from './context';
import { type ChannelTuning, sendAlert } from './deliver-alerts';
import { getSettings } from './settings';

/** The channels `alerts test` can try; the terminal is where its answer is printed. */
export const TESTABLE_CHANNELS = ['desktop', 'webhook', 'command', 'email', 'push'] as const;
export type TestableChannel = (typeof TESTABLE_CHANNELS)[number];

export interface ChannelTest {
  channel: TestableChannel;
  ok: boolean;
  /** One line: why it failed, or (ok) what was skipped; null when sent. */
  error: string | null;
}

/** What each channel needs before it is on. */
const HOW_TO_TURN_ON: Record<TestableChannel, string> = {
  desktop: 'finagg config set alerts.desktop on',
  webhook: 'finagg config set alerts.webhook <URL>',
  command: 'finagg config set alerts.command <command>',
  email: 'finagg config set alerts.email.to <address> and alerts.email.host <SMTP host>',
  push: 'finagg config set alerts.push.ntfy <topic URL>',
};

/**
 * `alerts test`: a test alert through every configured channel (or the one asked for),
 * sent at once, not through the outbox: nothing is stored, and each channel says what
 * happened to it.
 */
export async function testAlertChannels(
  ctx: AppContext,
  only: string | undefined,
  tuning: Partial<ChannelTuning> = {},
): Promise<ChannelTest[]> {
  if (only !== undefined && !(TESTABLE_CHANNELS as readonly string[]).includes(only))
    throw invalidInput(`invalid --channel ${JSON.stringify(only.slice(0, 40))}: must be one of ${TESTABLE_CHANNELS.join(', ')}`);
  const settings = await getSettings(ctx);
  const configured = alertChannels(settings).filter((c): c is TestableChannel => c !== 'terminal');
  const channels: readonly TestableChannel[] = only ? [only as TestableChannel] : configured;
  const alert = testAlert(ctx);
  const full: ChannelTuning = {
    webhook: WEBHOOK_DEFAULTS,
    mail: MAIL_DEFAULTS,
    commandTimeoutMs: COMMAND_TIMEOUT_MS,
    ...tuning,
  };
  const results: ChannelTest[] = [];
  for (const channel of channels) {
    if (!configured.includes(channel)) {
      results.push({ channel, ok: false, error: `not configured: ${HOW_TO_TURN_ON[channel]}` });
      continue;
    }
    const outcome = await sendAlert(ctx, channel, alert, settings, full);
    results.push({
      channel,
      ok: outcome.kind !== 'failed',
      error: outcome.kind === 'failed' ? outcome.error : outcome.kind === 'skipped' ? outcome.note : null,
    });
    ctx.log.log(outcome.kind === 'failed' ? 'warn' : 'info', 'alert.test', {
      channel,
      outcome: outcome.kind,
      ...(outcome.kind === 'failed' ? { error: outcome.error } : {}),
    });
  }
  return results;
}

function testAlert(ctx: AppContext): Alert {
  return {
    id: 0,
    type: 'budget_threshold',
    category: null,
    threshold: null,
    percent: null,
    message: 'finagg test alert: budget alerts, bills and balances will reach you here',
    createdAt: new Date(ctx.clock.nowMs()).toISOString(),
    deliveredAt: null,
    acknowledgedAt: null,
  };
}
