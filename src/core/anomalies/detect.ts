import { categorySpike } from './category-spike';
import { duplicateCharge } from './duplicate-charge';
import type { AnomalyHistory } from './history';
import { newMerchant } from './new-merchant';
import { priceIncrease } from './price-increase';
import type { AnomalyTx, Finding } from './types';
import { unusualAmount } from './unusual-amount';

export interface DetectOptions {
  /** Whether any account of the household paid this merchant before the loaded history began. */
  seenBefore: (t: AnomalyTx) => boolean;
}

/**
 * Every detector over the targets, against the history (which holds the targets and
 * what came before them). At most one finding per transaction and type.
 */
export function detectAnomalies(targets: readonly AnomalyTx[], history: AnomalyHistory, options: DetectOptions): Finding[] {
  const findings: Finding[] = [];
  for (const t of targets) {
    for (const finding of [
      unusualAmount(t, history),
      newMerchant(t, history, options.seenBefore),
      duplicateCharge(t, history),
      priceIncrease(t, history),
      categorySpike(t, history),
    ]) {
      if (finding) findings.push(finding);
    }
  }
  return findings;
}
