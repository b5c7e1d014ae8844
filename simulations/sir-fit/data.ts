/**
 * Influenza in an English boarding school, January–February 1978: 763 boys, one index case; the
 * number confined to bed on each of 14 consecutive days. Source: Anonymous, "Influenza in a
 * boarding school", British Medical Journal 1(6112), 587 (4 March 1978),
 * doi:10.1136/bmj.1.6112.587. Day 1 is 22 January 1978. These are prevalence counts (the same
 * boys are counted on several days), not new cases.
 */
export const boardingSchool1978 = {
  source: 'Anonymous, "Influenza in a boarding school", British Medical Journal 1(6112), 587 (1978), doi:10.1136/bmj.1.6112.587',
  population: 763,
  day: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
  inBed: [3, 8, 26, 76, 225, 298, 258, 233, 189, 128, 68, 29, 14, 4],
} as const;

/** The same counts in the shape the fitting code takes. */
export const boardingSchoolCounts: { readonly day: readonly number[]; readonly count: readonly number[] } = {
  day: boardingSchool1978.day,
  count: boardingSchool1978.inBed,
};
