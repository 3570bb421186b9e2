/** Descriptions of parameters several transactions share, as published in the contract metadata. */
import { LIMITS } from '@idcard/common';

/** The pageSize parameter. */
export const PAGE_SIZE_DOC = `1..${LIMITS.maxPageSize}; empty or 0 for ${LIMITS.defaultPageSize}`;
/** The bookmark parameter. */
export const BOOKMARK_DOC = 'from the previous page; empty for the first';
/** The requestId parameter. */
export const REQUEST_ID_DOC = "the unit's request id; a repeat of the same request returns the first answer";
/** The purpose parameter. */
export const PURPOSE_DOC = 'one of PURPOSES';
/** The earlierRefs parameter. */
export const EARLIER_REFS_DOC = `JSON array (at most ${LIMITS.maxEarlierKeys}) of { cardRef, personRef, nameCheck } under earlier pseudonym keys; [] when none`;
/** The earlierPersonRefs parameter. */
export const EARLIER_PERSON_REFS_DOC = `JSON array (at most ${LIMITS.maxEarlierKeys}) of the holder's personRef under earlier pseudonym keys; [] when none`;
