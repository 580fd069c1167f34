import { BASELINE_MONTHS } from './category-spike';
import { WINDOW_DAYS } from './unusual-amount';

/**
 * How far before a transaction the detectors read its category's rows: the unusual
 * amount's 90 days, and the category spike's six whole months before the transaction's
 * month (at most 6 x 31 days and the month's own days). Rows older than this matter only
 * at the transaction's own merchant, so a check of a few new rows loads every row of
 * this window and only the merchants' rows before it.
 */
export const CATEGORY_LOOKBACK_DAYS = Math.max(WINDOW_DAYS, (BASELINE_MONTHS + 1) * 31) + 1;
