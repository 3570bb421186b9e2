/** No ID number, name, API key or Authorization header ever reaches the logs. */
import { Writable } from 'node:stream';
import { createLogger } from './logging';
import { idNumberFor } from './test-support/id-numbers';
import { testGateway } from './test-support/test-gateway';
import { ChaincodeError } from './ledger/ledger-errors';

describe('log redaction', () => {
  it('keeps personal data and keys out of request logs, success and failure alike', async () => {
    const gw = await testGateway({ captureLogs: true });
    const id = idNumberFor('510104', '19851120', '771');
    const name = '欧阳明月';
    const body = {
      idNumber: id,
      name,
      validFrom: '2015-06-01',
      validUntil: '2035-06-01',
      purpose: 'ACCOUNT_OPENING',
    };
    await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: gw.auth('verifier'),
      payload: body,
    });
    await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: gw.auth('verifier'),
      payload: { ...body, idNumber: `${id.slice(0, 17)}Z` },
    });
    await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: { authorization: `Bearer ${gw.keys.revoked}` },
      payload: body,
    });
    gw.ledger.failWith = new ChaincodeError('NOT_FOUND', 'no card');
    await gw.app.inject({
      method: 'POST',
      url: '/v1/citizen/cards',
      headers: gw.auth('officer'),
      payload: { idNumber: id },
    });
    gw.ledger.failWith = new Error('unexpected');
    await gw.app.inject({
      method: 'POST',
      url: '/v1/verifications',
      headers: gw.auth('verifier'),
      payload: body,
    });
    const onboard = await (async () => {
      gw.ledger.failWith = undefined;
      const res = await gw.app.inject({
        method: 'POST',
        url: '/v1/units',
        headers: gw.auth('operator'),
        payload: {
          unitId: 'TEL-1',
          category: 'TELECOM',
          displayName: 'T',
          allowedPurposes: ['TELECOM_SUBSCRIPTION'],
        },
      });
      return res.json<{ apiKey: string }>();
    })();
    await gw.app.close();

    const output = gw.logs.join('');
    expect(gw.logs.length).toBeGreaterThan(10);
    expect(output).toContain('request completed');
    for (const secret of [
      id,
      id.slice(0, 17),
      name,
      gw.keys.verifier,
      gw.keys.operator,
      gw.keys.revoked,
      onboard.apiKey,
      'Bearer',
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output.toLowerCase()).not.toContain('authorization');
  });

  it('censors sensitive fields passed to the logger directly', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    const id = idNumberFor('110101', '19700101', '001');
    logger.info(
      {
        idNumber: id,
        card: { name: '张伟', idNumber: id },
        req: { headers: { authorization: 'Bearer idk_x' } },
        apiKey: 'idk_secret',
      },
      'oops',
    );
    const out = lines.join('');
    expect(out).not.toContain(id);
    expect(out).not.toContain('张伟');
    expect(out).not.toContain('idk_');
    expect(out).toContain('[redacted]');
  });
});
