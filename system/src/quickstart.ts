/**
 * The copy-paste sequence `idcard up` prints for a new user's first five
 * minutes: an officer issues a card, the configured relying unit verifies
 * it (VALID), the officer reports it lost, the unit verifies again
 * (INVALID, reason LOST). A test runs exactly these lines against a real
 * network, so what is printed is what works.
 */
import type { ResolvedConfig } from '@idcard/network';
import type { GatewayStage } from './gateway-stage';
import { clientWithRole, configuredClients } from './network-clients';

/** A caller of the sequence: its gateway (its organisation's) and its configured name. */
export interface QuickstartCaller {
  /** Base URL of the caller's gateway. */
  readonly url: string;
  /** That gateway's initial API keys file. */
  readonly apiKeysFile: string;
  /** Configured client name. */
  readonly name: string;
}

/** What the sequence needs. */
export interface QuickstartInput {
  /** An officer, at the public-security gateway. */
  readonly officer: QuickstartCaller;
  /** A relying unit, at the relying parties' gateway. */
  readonly unit: QuickstartCaller;
  /** A purpose the unit is registered for. */
  readonly purpose: string;
}

/** A made-up holder: a well-formed number (check character X) of nobody, and a common name. */
export const QUICKSTART_HOLDER = { idNumber: '44030419850615274X', name: '李四' } as const;

/** The card as printed: issued at 35, so valid 20 years. */
export const QUICKSTART_PRINTED = { validFrom: '2021-05-10', validUntil: '2041-05-10' } as const;

/** Shell lines (bash) that run the story; `#` lines say what each step does. */
export function quickstartLines(q: QuickstartInput): string[] {
  const card = `"idNumber":"${QUICKSTART_HOLDER.idNumber}","name":"${QUICKSTART_HOLDER.name}","validFrom":"${QUICKSTART_PRINTED.validFrom}","validUntil":"${QUICKSTART_PRINTED.validUntil}"`;
  const json = `-H 'Content-Type: application/json'`;
  const verify = `curl -sS $UNIT_API/v1/verifications -H "Authorization: Bearer $UNIT_KEY" ${json} -d "{$CARD,\\"purpose\\":\\"${q.purpose}\\"}"; echo`;
  return [
    "# each caller uses its own organisation's gateway",
    `OFFICER_API=${q.officer.url}`,
    `UNIT_API=${q.unit.url}`,
    `OFFICER_KEY=$(node -p "require('${q.officer.apiKeysFile}')['${q.officer.name}']")`,
    `UNIT_KEY=$(node -p "require('${q.unit.apiKeysFile}')['${q.unit.name}']")`,
    `CARD='${card}'`,
    '# 1. an officer issues the card; CARD_REF is its pseudonymous reference on the ledger',
    `CARD_REF=$(curl -sS $OFFICER_API/v1/cards -H "Authorization: Bearer $OFFICER_KEY" ${json} -d "{$CARD,\\"kind\\":\\"RESIDENT_CARD\\",\\"reasonCode\\":\\"FIRST_ISSUE\\",\\"occurredAt\\":\\"${QUICKSTART_PRINTED.validFrom}T02:00:00Z\\"}" | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).result.cardRef'); echo "$CARD_REF"`,
    '# 2. the library verifies the card: "result":"VALID"',
    verify,
    '# 3. the holder reports it lost; the officer records it',
    `curl -sS $OFFICER_API/v1/cards/$CARD_REF/report-lost -H "Authorization: Bearer $OFFICER_KEY" ${json} -d "{\\"occurredAt\\":\\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\\"}"; echo`,
    '# 4. the library verifies again: "result":"INVALID","reason":"LOST"',
    verify,
  ];
}

/**
 * The sequence for a started system: the config's officer and first
 * registered relying unit at their organisations' gateways; undefined when
 * the config has no such pair or their gateways are not among `gateways`.
 */
export function quickstartFor(cfg: ResolvedConfig, gateways: readonly GatewayStage[]): string[] | undefined {
  const unit = configuredClients(cfg).find(({ client }) => client.registration !== undefined);
  const officer = clientWithRole(cfg, 'officer');
  const purpose = unit?.client.registration?.allowedPurposes[0];
  const officerGw = gateways.find((g) => g.org === officer?.org.name);
  const unitGw = gateways.find((g) => g.org === unit?.org.name);
  if (unit === undefined || officer === undefined || purpose === undefined) return undefined;
  if (officerGw === undefined || unitGw === undefined) return undefined;
  return quickstartLines({
    officer: { url: officerGw.url, apiKeysFile: officerGw.apiKeysFile, name: officer.client.name },
    unit: { url: unitGw.url, apiKeysFile: unitGw.apiKeysFile, name: unit.client.name },
    purpose,
  });
}
