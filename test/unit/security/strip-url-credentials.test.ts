import { describe, expect, it } from 'vitest';
import { stripUrlCredentials } from '../../../src/security/redact';

describe('stripUrlCredentials', () => {
  it('masks the user and password of every URL in a text, and nothing else', () => {
    expect(stripUrlCredentials('GET https://user123:pass456@bridge.simplefin.org/simplefin/accounts failed')).toBe(
      'GET https://***@bridge.simplefin.org/simplefin/accounts failed',
    );
    expect(stripUrlCredentials('a https://u:p@a.example and http://x@b.example/y?q=1')).toBe(
      'a https://***@a.example and http://***@b.example/y?q=1',
    );
    expect(stripUrlCredentials('{"url":"https://u:p%40ss@h:8443/x"}')).toBe('{"url":"https://***@h:8443/x"}');
    expect(stripUrlCredentials('mail me at me@example.com, see https://example.com/a@b')).toBe(
      'mail me at me@example.com, see https://example.com/a@b',
    );
  });
});
