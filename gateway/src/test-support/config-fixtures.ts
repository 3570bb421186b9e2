/** Configuration objects for tests: the smallest valid file, and a CA section. */

/** The smallest valid configuration (paths relative to the folder it is parsed against). */
export const MINIMAL_CONFIG = {
  http: { port: 8080 },
  fabric: {
    peers: [{ name: 'peer0.bigdata', endpoint: '127.0.0.1:7051', tlsCaPath: 'tls/ca.pem' }],
    probeIdentity: { mspId: 'BigDataBureauMSP', certPath: 'ids/op/cert.pem', keyPath: 'ids/op/key.pem' },
  },
  privacy: { keyId: 'k1', keyFile: 'secrets/hmac.key' },
  callerRegistryFile: 'callers.json',
  identitiesDir: 'ids',
} as const;

/** A `certificateAuthority` section naming the relying parties' CA. */
export const CERTIFICATE_AUTHORITY = {
  url: 'https://127.0.0.1:17300',
  caName: 'ca-relyingparty',
  mspId: 'RelyingPartyMSP',
  tlsCertPath: 'ca/tls-cert.pem',
  registrarHome: 'ca/registrar',
  clientProgram: 'bin/fabric-ca-client',
} as const;
