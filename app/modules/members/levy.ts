/** Levy (Umlage): the same rate per inhabitant for every member, whatever its size. Integer cents. */
export const YEARLY_LEVY_CENTS_PER_INHABITANT = 150;
export const JOINING_FEE_CENTS_PER_INHABITANT = 50;

export function yearlyLevyCents(inhabitants: number): number {
  assertInhabitants(inhabitants);
  return inhabitants * YEARLY_LEVY_CENTS_PER_INHABITANT;
}

export function joiningFeeCents(inhabitants: number): number {
  assertInhabitants(inhabitants);
  return inhabitants * JOINING_FEE_CENTS_PER_INHABITANT;
}

function assertInhabitants(n: number) {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`inhabitants must be a non-negative integer, got ${n}`);
}

/** German style, from integer cents: 123450 → "1.234,50 €" (no floating point on the way). */
export function formatEuro(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be an integer, got ${cents}`);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const rest = (abs % 100).toString().padStart(2, "0");
  return `${negative ? "-" : ""}${euros},${rest}\u00a0€`;
}

export function formatNumber(n: number): string {
  return Math.trunc(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}
