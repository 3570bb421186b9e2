/**
 * Bytes that are not HTTP get a problem document too, not Fastify's default
 * `{"error":"Bad Request"}`: the parser's refusal happens before any route,
 * so it is answered on the raw connection (answerClientError).
 */
import { connect } from 'node:net';
import { testGateway, type TestGateway } from '../test-support/test-gateway';

/** Sends raw bytes and returns everything the server wrote before closing. */
function raw(port: number, bytes: string, hold = false): Promise<string> {
  return new Promise((resolve, reject) => {
    // `hold`: the bytes are sent, the connection stays open (a client that never finishes).
    const socket = connect(port, '127.0.0.1', () => (hold ? socket.write(bytes) : socket.end(bytes)));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('close', () => {
      resolve(text);
    });
    socket.on('error', reject);
  });
}

describe('requests Node cannot parse', () => {
  let gw: TestGateway;
  let port: number;
  beforeAll(async () => {
    gw = await testGateway({ requestTimeoutMs: 1_000 });
    await gw.app.listen({ port: 0, host: '127.0.0.1' });
    port = (gw.app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await gw.app.close();
  });

  it.each([
    ['an invalid method', 'BR\u0001W / HTTP/1.1\r\nHost: a\r\n\r\n'],
    ['an unparsable Content-Length', 'POST /v1/cards HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n'],
    ['no HTTP at all', '\u0000\u0001\u0002 110105199003072316 \r\n\r\n'],
  ])('answer %s with a 400 validation problem and close', async (_what, bytes) => {
    const answer = await raw(port, bytes);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(head).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    expect(head).toMatch(/\r\nconnection: close/i);
    expect(JSON.parse(body)).toMatchObject({ type: 'urn:idcard:problem:validation', status: 400 });
    expect(answer).not.toContain('110105199003072316');
  });

  it('answers a request whose body never arrives in full with a 408 problem, then closes', async () => {
    const declared = [
      'POST /v1/verifications HTTP/1.1',
      'Host: a',
      `Authorization: Bearer ${gw.keys.verifier}`,
      'Content-Type: application/json',
      'Content-Length: 300',
      '',
      '{"idNumber":"110105199003072316"',
    ].join('\r\n');
    const answer = await raw(port, declared, true);
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    expect(JSON.parse(body)).toMatchObject({ type: 'urn:idcard:problem:request-timeout', status: 408 });
    expect(answer).not.toContain('110105199003072316');
  });
});
