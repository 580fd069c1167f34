import { builtinTopOf } from '../../src/core/categories/taxonomy';

/**
 * A simulated payee's category is the household's spending line it is budgeted on
 * (src/providers/sim/household.ts, sized on the CES), which is coarser than finagg's
 * detailed categories: the CES's food away from home holds coffee shops, and the
 * household's utilities line holds the phone and the internet. These are the detailed
 * categories each line also holds; anything else is wrong.
 */
const SIM_LINE_ALSO_HOLDS: Readonly<Record<string, readonly string[]>> = {
  dining: ['coffee'],
  shopping: ['home-improvement', 'hair-and-beauty', 'pet-supplies'],
  health: ['toiletries', 'health-insurance'],
  utilities: ['phone-and-internet'],
  home: ['home-insurance', 'property-tax'],
};

/** Right is the expected category or one under it: `shopping` is answered right by `clothing`. */
export const rightOrFiner = (got: string, expected: string): boolean => got === expected || builtinTopOf(got) === expected;

/** Whether finagg's category fits the simulation's spending line. */
export const fitsSimLine = (got: string, line: string): boolean =>
  rightOrFiner(got, line) || (SIM_LINE_ALSO_HOLDS[line]?.includes(got) ?? false);
