/** The exclusion codes live in the vocabulary; re-exported for the steering domain. */
export { EXCLUSION_CODES, type ExclusionCode } from '../../vocabulary/vocabulary.js';
