import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { canListenOn, receiveRedirect } from '../../../src/cli/consent/receive-redirect';

/** A free port on this machine. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('receiving the bank’s redirect on this machine', () => {
  it('listens only where the browser can be sent in the clear: http on a loopback address', () => {
    expect(canListenOn('http://localhost:8765/enablebanking')).toBe(true);
    expect(canListenOn('http://127.0.0.1:9000/cb')).toBe(true);
    expect(canListenOn('https://localhost:8765/enablebanking')).toBe(false);
    expect(canListenOn('http://me.example.org/cb')).toBe(false);
  });

  it('takes the one request that carries our state, and answers others 404', async () => {
    const port = await freePort();
    const redirect = `http://127.0.0.1:${port}/enablebanking`;
    const received = receiveRedirect(redirect, 'st4te');
    await new Promise((r) => setTimeout(r, 50));
    expect((await get(`http://127.0.0.1:${port}/favicon.ico`)).status).toBe(404);
    expect((await get(`${redirect}?state=other&code=x`)).status).toBe(404);
    const answer = await get(`${redirect}?state=st4te&code=c0de`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/go back to the terminal/);
    expect(await received).toBe(`${redirect}?state=st4te&code=c0de`);
  });

  it('says so when the port is taken, and gives up after its time', async () => {
    const port = await freePort();
    const blocker = net.createServer().listen(port, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    await expect(receiveRedirect(`http://127.0.0.1:${port}/cb`, 's')).rejects.toThrow(/port \d+ is in use/);
    blocker.close();
    await expect(receiveRedirect(`http://127.0.0.1:${await freePort()}/cb`, 's', { timeoutMs: 50 })).rejects.toThrow(
      /10 minutes/,
    );
  });
});
