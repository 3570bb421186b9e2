/**
 * The test-support door of the console (`@idcard/console/testing`): the
 * texts and pages the browser suites against real gateways look for. Never
 * part of the console's bundle.
 */
export { translate } from '../i18n';
export { label } from '../labels';
export type { MessageKey } from '../messages-en';
export { pagesOf } from '../roles';
