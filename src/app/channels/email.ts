import { type Alert, isBudgetAlert } from '../../core/alert';
import { isLoopbackHost } from '../../core/settings';
import { type ChannelOutcome, delivered, failed } from './outcome';

/** What the email channel needs, from the settings and the secrets. */
export interface MailSettings {
  to: readonly string[];
  from: string | null;
  host: string;
  port: number;
  /** Null: TLS on port 465, STARTTLS on any other. */
  tls: 'tls' | 'starttls' | null;
  user: string | null;
  /** The opened `alerts.email.password`; undefined when it is not set. */
  password: string | undefined;
}

export interface MailTuning {
  /** To connect, for the greeting, and for each reply. */
  timeoutMs: number;
  /** CAs to trust besides the system's (tests; people use NODE_EXTRA_CA_CERTS). */
  ca?: string;
}

export const MAIL_DEFAULTS: MailTuning = { timeoutMs: 15_000 };

const TITLES: Record<Alert['type'], string> = {
  budget_threshold: 'budget',
  budget_withdrawn: 'budget',
  needs_relink: 'a bank needs relinking',
  stream_late: 'a bill or pay is late',
  new_subscription: 'a new subscription',
  stream_ended: 'payments stopped',
  low_balance: 'a low balance ahead',
  consent_expiring: 'a bank consent ends soon',
  backup_failed: 'a backup was not written',
};

/** The mail of an alert: a subject that says what it is, the message, and how to acknowledge it. */
export function alertMail(alert: Alert): { subject: string; text: string; messageId: string } {
  const what = TITLES[alert.type];
  // A test alert (`alerts test`) has no id and says so.
  const subject =
    alert.id === 0
      ? 'finagg: test alert'
      : `finagg: ${isBudgetAlert(alert.type) && alert.category ? `${what} ${alert.category}` : what}`;
  const text = [
    alert.message,
    '',
    `type: ${alert.type}${alert.category ? `, category: ${alert.category}` : ''}`,
    `raised: ${alert.createdAt}`,
    '',
    alert.id > 0 ? `acknowledge it: finagg alerts ack ${alert.id}` : 'a test alert from finagg alerts test',
  ].join('\n');
  // The same id on a second delivery of the same alert (the outbox is at least once):
  // mail clients show one message.
  const messageId = `<alert-${alert.id}-${Date.parse(alert.createdAt) || 0}@finagg.invalid>`;
  return { subject, text, messageId };
}

/**
 * Sends an alert by SMTP (nodemailer, loaded only when mail is sent). TLS from the first
 * byte (port 465, or `alerts.email.tls tls`), or else a STARTTLS upgrade that must succeed,
 * except to a loopback host, where a plain connection is allowed (a local relay).
 * Certificates are always verified.
 * One try per call: a failure is recorded and the outbox tries again later.
 */
export async function sendAlertMail(
  settings: MailSettings,
  alert: Alert,
  tuning: MailTuning = MAIL_DEFAULTS,
): Promise<ChannelOutcome> {
  const where = `${settings.host}:${settings.port}`;
  if (settings.user && settings.password === undefined)
    return failed('alerts.email.password is not set: finagg config set-secret alerts.email.password');
  const implicit = settings.tls === 'tls' || (settings.tls === null && settings.port === 465);
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: implicit,
    requireTLS: !implicit && !isLoopbackHost(settings.host),
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password } } : {}),
    tls: { rejectUnauthorized: true, servername: settings.host, ...(tuning.ca ? { ca: tuning.ca } : {}) },
    connectionTimeout: tuning.timeoutMs,
    greetingTimeout: tuning.timeoutMs,
    socketTimeout: tuning.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const mail = alertMail(alert);
  try {
    await transport.sendMail({
      from: settings.from ?? settings.to[0]!,
      to: [...settings.to],
      subject: mail.subject,
      text: mail.text,
      messageId: mail.messageId,
    });
    return delivered;
  } catch (error) {
    return failed(describeMailError(error, where, tuning.timeoutMs));
  } finally {
    transport.close();
  }
}

/**
 * One line from nodemailer's error codes, naming the server and what it said, never the
 * password (the server's reply to a login is a code and a phrase, kept to its first line).
 */
export function describeMailError(error: unknown, where: string, timeoutMs: number): string {
  const e = (error ?? {}) as { code?: string; responseCode?: number; response?: string; rejected?: string[]; message?: string };
  const reply = typeof e.response === 'string' ? ` (${e.response.split(/\r?\n/)[0]!.slice(0, 120)})` : '';
  const message = typeof e.message === 'string' ? e.message : '';
  switch (e.code) {
    case 'EAUTH':
      return `login refused by ${where}${reply}`;
    case 'EENVELOPE':
      return `recipient refused by ${where}: ${(e.rejected ?? []).join(', ') || 'no recipient taken'}${reply}`;
    case 'EDNS':
      return `host not found: ${where}`;
    case 'ETIMEDOUT':
      return `no answer from ${where} within ${timeoutMs / 1000} s`;
    case 'ETLS':
      return /STARTTLS/i.test(message)
        ? `${where} does not offer STARTTLS: a plain connection is allowed only to this machine (for TLS from the start: finagg config set alerts.email.tls tls)`
        : `TLS failed with ${where}${tlsReason(message)}`;
    case 'ESOCKET':
    case 'ECONNECTION': {
      if (/ECONNREFUSED/.test(message)) return `connection refused by ${where}`;
      if (/ENOTFOUND|EAI_AGAIN/.test(message)) return `host not found: ${where}`;
      if (/certificate|self[- ]signed|CERT|SSL|TLS|wrong version/i.test(message))
        return `TLS failed with ${where}${tlsReason(message)}`;
      return `connection to ${where} failed`;
    }
    default:
      return e.responseCode ? `${where} refused the mail${reply}` : `sending to ${where} failed`;
  }
}

function tlsReason(message: string): string {
  if (/self[- ]signed|unable to (get|verify)|UNABLE_TO_VERIFY|unknown ca/i.test(message))
    return ': its certificate is not trusted';
  if (/altnames|hostname|Host: /i.test(message)) return ': its certificate is for another host';
  if (/expired/i.test(message)) return ': its certificate has expired';
  if (/wrong version number|packet length/i.test(message))
    return ': it does not speak TLS from the start on this port (finagg config set alerts.email.tls starttls)';
  return '';
}
