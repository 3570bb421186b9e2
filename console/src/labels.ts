/**
 * Names of the ledger's codes (states, results, reasons, purposes, ...) in
 * each language. A code without a name is shown as itself.
 */
import type { Lang } from './i18n';

/** Code → [Chinese, English]. */
export const LABELS: Readonly<Record<string, readonly [string, string]>> = {
  // card states and kinds
  VALID: ['有效', 'Valid'],
  LOST: ['已挂失', 'Lost'],
  STOLEN: ['被盗', 'Stolen'],
  REPLACED: ['已换领', 'Replaced'],
  REVOKED: ['已注销', 'Revoked'],
  EXPIRED: ['已过期', 'Expired'],
  RESIDENT_CARD: ['居民身份证', 'Resident ID card'],
  TEMPORARY_CERTIFICATE: ['临时居民身份证', 'Temporary certificate'],
  // card actions and issue reasons
  ISSUE: ['签发', 'Issued'],
  REPORT_LOST: ['挂失', 'Reported lost'],
  REPORT_STOLEN: ['报告被盗', 'Reported stolen'],
  WITHDRAW_LOSS: ['撤销挂失', 'Loss withdrawn'],
  REVOKE: ['注销', 'Revoked'],
  REPLACE: ['换领', 'Replaced'],
  FIRST_ISSUE: ['首次申领', 'First issue'],
  RENEWAL: ['到期换领', 'Renewal'],
  FOUND: ['已找回', 'Found'],
  // revocation reasons
  DEATH: ['死亡', 'Death'],
  HOUSEHOLD_DEREGISTRATION: ['户口注销', 'Household deregistration'],
  FRAUD: ['骗领', 'Fraud'],
  ISSUED_IN_ERROR: ['错误签发', 'Issued in error'],
  // verification results and reasons
  INVALID: ['无效', 'Invalid'],
  DENIED: ['拒绝', 'Denied'],
  NOT_FOUND: ['未找到', 'Not found'],
  NAME_MISMATCH: ['姓名不符', 'Name mismatch'],
  TOKEN_USED: ['凭证已使用', 'Token used'],
  TOKEN_EXPIRED: ['凭证已过期', 'Token expired'],
  UNIT_UNKNOWN: ['单位未登记', 'Unit unknown'],
  UNIT_SUSPENDED: ['单位已暂停', 'Unit suspended'],
  PURPOSE_NOT_ALLOWED: ['用途未获准', 'Purpose not allowed'],
  // purposes
  ACCOUNT_OPENING: ['开户', 'Account opening'],
  LOAN_APPLICATION: ['贷款申请', 'Loan application'],
  PERIODIC_REVIEW: ['定期复核', 'Periodic review'],
  HOTEL_CHECKIN: ['住宿登记', 'Hotel check-in'],
  LIBRARY_MEMBERSHIP: ['办理借书证', 'Library membership'],
  UTILITY_CONTRACT: ['公用事业开户', 'Utility contract'],
  TELECOM_SUBSCRIPTION: ['电信入网', 'Telecom subscription'],
  GOVERNMENT_SERVICE: ['政务服务', 'Government service'],
  // unit categories and states
  BANK: ['银行', 'Bank'],
  LIBRARY: ['图书馆', 'Library'],
  HOTEL: ['旅馆', 'Hotel'],
  UTILITY: ['公用事业', 'Utility'],
  TELECOM: ['电信', 'Telecom'],
  SERVICE_HALL: ['政务服务大厅', 'Service hall'],
  ACTIVE: ['正常', 'Active'],
  SUSPENDED: ['已暂停', 'Suspended'],
  // fraud categories
  FORGED_CARD: ['伪造证件', 'Forged card'],
  IMPERSONATION: ['冒用他人证件', 'Impersonation'],
  ALTERED_CARD: ['变造证件', 'Altered card'],
  REPORTED_LOST_IN_USE: ['使用已挂失证件', 'Lost card in use'],
  OTHER: ['其他', 'Other'],
  // channels
  CARD: ['证件', 'Card'],
  EID_TOKEN: ['电子身份凭证', 'eID token'],
  // trail read purposes
  CITIZEN_REQUEST: ['本人申请', 'Citizen request'],
  FRAUD_INVESTIGATION: ['欺诈调查', 'Fraud investigation'],
  CRIMINAL_INVESTIGATION: ['刑事侦查', 'Criminal investigation'],
  COURT_ORDER: ['法院裁定', 'Court order'],
  COMPLAINT_HANDLING: ['投诉处理', 'Complaint handling'],
  // roles
  officer: ['民警', 'Officer'],
  operator: ['运营人员', 'Operator'],
  verifier: ['用证单位', 'Relying unit'],
  auditor: ['审计员', 'Auditor'],
  'unit-admin': ['单位管理员', 'Unit admin'],
  'pseudonym-client': ['化名服务', 'Pseudonym client'],
};

/** The name of a code in a language (the code itself when it has none). */
export function label(lang: Lang, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  const names = LABELS[code];
  return names === undefined ? code : names[lang === 'zh' ? 0 : 1];
}

/** A verification's result and its reason, if any, by name: "无效 (已挂失)". */
export function resultLabel(lang: Lang, result: string, reason: string | null): string {
  return reason === null ? label(lang, result) : `${label(lang, result)} (${label(lang, reason)})`;
}
