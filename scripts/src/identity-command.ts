/** `idcard identity`: registers and enrols a client identity at a running organisation CA. */
import { clientAttributes, ensurePrograms, identityDir, registerAndEnroll } from '@idcard/network';
import { configFrom, type NetworkOptions } from './network-options';

/** Options of `idcard identity`. */
export interface IdentityOptions extends NetworkOptions {
  org: string;
  name: string;
  role: 'officer' | 'operator' | 'verifier' | 'auditor';
  unit?: string;
}

/** Registers (or re-enrols) the identity and prints where its material is. */
export async function registerIdentityCommand(opts: IdentityOptions): Promise<void> {
  const cfg = configFrom(opts);
  const org = cfg.organisations.find((o) => o.name === opts.org);
  if (org?.kind !== 'peer')
    throw new Error(`--org must name a peer organisation of the config, not '${opts.org}'`);
  if ((opts.role === 'verifier' || opts.role === 'officer') && opts.unit === undefined) {
    throw new Error(`a ${opts.role} needs --unit`);
  }
  const programs = await ensurePrograms(cfg, () => undefined, ['fabric-ca']);
  const id = await registerAndEnroll(
    cfg,
    programs,
    org.name,
    org.mspId,
    identityDir(cfg, org.name, opts.name),
    {
      name: opts.name,
      type: 'client',
      attributes: clientAttributes({ role: opts.role, unit: opts.unit }),
    },
  );
  process.stdout.write(`${JSON.stringify(id, null, 2)}\n`);
}
