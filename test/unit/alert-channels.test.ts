import { describe, expect, it } from 'vitest';
import { alertMail, describeMailError } from '../../src/app/channels/email';
import { ntfyPost } from '../../src/app/channels/push';
import type { Alert } from '../../src/core/alert';

const alert: Alert = {
  id: 7,
  type: 'low_balance',
  category: null,
  threshold: null,
  percent: null,
  message: 'Everyday Checking is projected at -$120.00 on 2026-12-14 (below $100.00)',
  createdAt: '2026-11-23T12:00:00.000Z',
  deliveredAt: null,
  acknowledgedAt: null,
};

describe('ntfy publishes', () => {
  it('go to the server root with the topic in the body, under a path when the server has one', () => {
    const post = ntfyPost('https://push.example.com/ntfy/family%20alerts', alert, 'tk_x');
    expect(post.url).toBe('https://push.example.com/ntfy/');
    expect(post.headers).toEqual({ 'content-type': 'application/json', authorization: 'Bearer tk_x' });
    expect(JSON.parse(post.body)).toEqual({
      topic: 'family alerts',
      title: 'finagg · Low balance ahead',
      message: alert.message,
      priority: 4,
      tags: ['chart_with_downwards_trend', 'finagg'],
    });
    expect(ntfyPost('https://ntfy.sh/t', alert, undefined).headers).toEqual({ 'content-type': 'application/json' });
  });
});

describe('alert mail', () => {
  it('says what happened in the subject, and how to acknowledge in the body', () => {
    const mail = alertMail(alert);
    expect(mail.subject).toBe('finagg: a low balance ahead');
    expect(mail.text.split('\n')[0]).toBe(alert.message);
    expect(mail.text).toContain('finagg alerts ack 7');
    expect(mail.messageId).toBe(`<alert-7-${Date.parse(alert.createdAt)}@finagg.invalid>`);
  });

  it('describes SMTP failures in one line from their codes', () => {
    const at = 'smtp.example.com:587';
    expect(describeMailError({ code: 'EAUTH', response: '535 5.7.8 Authentication failed\r\nmore' }, at, 15_000)).toBe(
      'login refused by smtp.example.com:587 (535 5.7.8 Authentication failed)',
    );
    expect(describeMailError({ code: 'EENVELOPE', rejected: ['x@y.z'], response: '550 no such user' }, at, 15_000)).toBe(
      'recipient refused by smtp.example.com:587: x@y.z (550 no such user)',
    );
    expect(describeMailError({ code: 'EDNS' }, at, 15_000)).toBe('host not found: smtp.example.com:587');
    expect(describeMailError({ code: 'ETIMEDOUT' }, at, 15_000)).toBe('no answer from smtp.example.com:587 within 15 s');
    expect(describeMailError({ code: 'ESOCKET', message: 'wrong version number' }, at, 15_000)).toBe(
      'TLS failed with smtp.example.com:587: it does not speak TLS from the start on this port (finagg config set alerts.email.tls starttls)',
    );
    expect(describeMailError(new Error('boom'), at, 15_000)).toBe('sending to smtp.example.com:587 failed');
  });
});
