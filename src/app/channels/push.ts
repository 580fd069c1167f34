import { type Alert, type AlertType, isBudgetAlert } from '../../core/alert';
import type { ChannelOutcome } from './outcome';
import { type HttpPost, postWithRetries, type WebhookOptions } from './webhook';

/** How urgent each alert is on a phone (ntfy's 1 to 5; 3 is its default). */
const PRIORITY: Record<AlertType, number> = {
  needs_relink: 4,
  low_balance: 4,
  stream_late: 4,
  budget_threshold: 3,
  budget_withdrawn: 2,
  new_subscription: 3,
  stream_ended: 2,
  consent_expiring: 4,
  backup_failed: 4,
};

/** A short title and an ntfy tag (shown as an emoji) for each alert type. */
const LOOK: Record<AlertType, { title: string; tag: string }> = {
  budget_threshold: { title: 'Budget', tag: 'moneybag' },
  budget_withdrawn: { title: 'Budget', tag: 'leftwards_arrow_with_hook' },
  needs_relink: { title: 'Bank needs relinking', tag: 'warning' },
  stream_late: { title: 'Bill or pay late', tag: 'hourglass' },
  new_subscription: { title: 'New subscription', tag: 'repeat' },
  stream_ended: { title: 'Payments stopped', tag: 'stop_sign' },
  low_balance: { title: 'Low balance ahead', tag: 'chart_with_downwards_trend' },
  consent_expiring: { title: 'Bank consent ends soon', tag: 'hourglass_flowing_sand' },
  backup_failed: { title: 'Backup not written', tag: 'floppy_disk' },
};

/**
 * The ntfy publish of an alert: JSON to the server's root with the topic in the body, so
 * that a title or message in any script reaches the phone as written (ntfy's headers
 * would have to be ASCII). A server under a path (`https://host/ntfy/topic`) is posted
 * at that path.
 */
export function ntfyPost(topicUrl: string, alert: Alert, token: string | undefined): HttpPost {
  const url = new URL(topicUrl);
  const parts = url.pathname.split('/').filter((p) => p !== '');
  const topic = decodeURIComponent(parts.pop()!);
  const root = `${url.origin}/${parts.map((p) => `${p}/`).join('')}`;
  const look = LOOK[alert.type];
  const title =
    alert.id === 0 ? 'Test alert' : isBudgetAlert(alert.type) && alert.category ? `${look.title}: ${alert.category}` : look.title;
  return {
    url: root,
    body: JSON.stringify({
      topic,
      title: `finagg · ${title}`,
      message: alert.message,
      priority: PRIORITY[alert.type],
      tags: [look.tag, 'finagg'],
    }),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  };
}

/** Pushes an alert through ntfy, with the webhook's timeout, retries and host-only errors. */
export function pushNtfy(
  topicUrl: string,
  token: string | undefined,
  alert: Alert,
  options: WebhookOptions,
): Promise<ChannelOutcome> {
  return postWithRetries(ntfyPost(topicUrl, alert, token), options);
}
