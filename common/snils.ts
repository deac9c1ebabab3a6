// СНИЛС (insurance number of an individual account): «123-456-789 01», nine digits of the
// number and two check digits.

/** Numbers up to this one were issued before the check digits existed, so any check passes. */
const LAST_UNCHECKED = 1_001_998;

/** Check digits of a nine-digit number: Σ digit × (9 − index); under 100 it is the sum itself,
 *  100 and 101 give 00, larger sums are taken mod 101 (where 100 again gives 00). */
export function snilsCheckDigits(number9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (number9.charCodeAt(i) - 48) * (9 - i);
  let check = sum < 100 ? sum : sum % 101;
  if (check === 100) check = 0;
  return String(check).padStart(2, '0');
}

/** «123-456-789 01» from an integer 0 … 999 999 999, with the check digits computed. */
export function formatSnils(number: number): string {
  const d = String(number).padStart(9, '0');
  return `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${snilsCheckDigits(d)}`;
}

/** True for «123-456-789 01» or eleven bare digits whose check digits match. */
export function isValidSnils(snils: string): boolean {
  const m = /^(\d{3})-?(\d{3})-?(\d{3})[ -]?(\d{2})$/.exec(snils.trim());
  if (!m) return false;
  const number9 = m[1] + m[2] + m[3];
  const number = Number(number9);
  if (number === 0) return false;
  if (number <= LAST_UNCHECKED) return true;
  return snilsCheckDigits(number9) === m[4];
}
