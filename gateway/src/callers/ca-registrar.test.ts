import { parseConfig } from '../config';
import { CERTIFICATE_AUTHORITY, MINIMAL_CONFIG } from '../test-support/config-fixtures';
import { registrarFromConfig } from './ca-registrar';

describe('the registrar a configuration names', () => {
  it('is absent when the configuration names no certificate authority (onboarding answers 503)', () => {
    expect(registrarFromConfig(parseConfig(MINIMAL_CONFIG, '/srv/gw'))).toBeUndefined();
  });

  it('is the Fabric CA adapter when it does, contacting nothing until asked', () => {
    const config = parseConfig({ ...MINIMAL_CONFIG, certificateAuthority: CERTIFICATE_AUTHORITY }, '/srv/gw');
    expect(typeof registrarFromConfig(config)?.registerAndEnroll).toBe('function');
  });
});
