/**
 * One HTTPS request with a deadline and a size cap. Certificates are always verified
 * against Node's trust store (plus NODE_EXTRA_CA_CERTS, Node's standard way to add a
 * CA); there is no switch to turn verification off. node:https is loaded on the first
 * request, so commands that never reach SimpleFIN or Enable Banking never pay for it.
 */

export interface HttpsAnswer {
  status: number;
  body: string;
  /** The answer's headers, names in lower case (Node's own form). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

export type HttpsFailureKind = 'timeout' | 'network' | 'certificate' | 'too_large' | 'not_https';

/** A request that got no usable answer. The message names the host only. */
export class HttpsFailure extends Error {
  constructor(
    readonly kind: HttpsFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'HttpsFailure';
  }
}

export interface HttpsRequest {
  method: 'GET' | 'POST' | 'DELETE';
  /** Without credentials: they go in `authorization`. */
  url: URL;
  authorization?: string;
  /** A JSON text to send (Enable Banking's POSTs); SimpleFIN's requests have none. */
  json?: string;
  timeoutMs: number;
  maxBytes: number;
}

const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|HOSTNAME|ERR_TLS/;

export async function httpsRequest(request: HttpsRequest): Promise<HttpsAnswer> {
  if (request.url.protocol !== 'https:')
    throw new HttpsFailure('not_https', `refused a request that is not https (${request.url.host})`);
  const https = await import('node:https');
  const host = request.url.host;
  return new Promise<HttpsAnswer>((resolve, reject) => {
    const headers: Record<string, string> = { accept: 'application/json, text/plain', 'user-agent': 'finagg' };
    if (request.authorization) headers.authorization = request.authorization;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(request.json));
    } else if (request.method !== 'GET') headers['content-length'] = '0';
    const req = https.request(
      request.url,
      { method: request.method, headers, timeout: request.timeoutMs, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > request.maxBytes) {
            req.destroy(new HttpsFailure('too_large', `${host} sent more than ${request.maxBytes} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
        );
        res.on('error', (error) => reject(failure(error, host)));
      },
    );
    // `timeout` is idle time on the socket; the deadline bounds the whole exchange.
    const deadline = setTimeout(
      () => req.destroy(new HttpsFailure('timeout', `${host} did not answer within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    req.on('timeout', () => req.destroy(new HttpsFailure('timeout', `${host} did not answer within ${request.timeoutMs} ms`)));
    req.on('error', (error) => reject(failure(error, host)));
    req.on('close', () => clearTimeout(deadline));
    req.end(request.json);
  });
}

function failure(error: unknown, host: string): HttpsFailure {
  if (error instanceof HttpsFailure) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (CERTIFICATE_CODES.test(code)) return new HttpsFailure('certificate', `${host}: its certificate is not trusted (${code})`);
  return new HttpsFailure('network', `${host} could not be reached${code ? ` (${code})` : ''}`);
}
