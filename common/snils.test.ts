import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatSnils, isValidSnils, snilsCheckDigits } from './snils.js';

describe('isValidSnils', () => {
  it('accepts known valid numbers', () => {
    // 1·9 + 1·8 + 2·7 + 2·6 + 3·5 + 3·4 + 4·3 + 4·2 + 5·1 = 95
    expect(isValidSnils('112-233-445 95')).toBe(true);
    expect(isValidSnils('11223344595')).toBe(true);
    // 8·9 + 7·8 + 6·7 + 5·6 + 4·5 + 3·4 + 2·3 + 1·2 = 240 → 240 mod 101 = 38
    expect(isValidSnils('876-543-210 38')).toBe(true);
    // a sum under 100 is the check itself: 9 + 6 + 2 + 2 = 19
    expect(snilsCheckDigits('100100012')).toBe('19');
  });

  it('gives 00 for sums of 100 and 101, and for a remainder of 100', () => {
    // 9·9 + 0 + … + 9·2 + 1·1 = 81 + 18 + 1 = 100
    expect(snilsCheckDigits('900000091')).toBe('00');
    // 81 + 18 + 2 = 101
    expect(snilsCheckDigits('900000092')).toBe('00');
    // 9·9 + 9·8 + 9·7 + 9·6 + 9·5 + 9·4 + 9·3 + 9·2 + 9·1 = 405; 405 mod 101 = 1
    expect(snilsCheckDigits('999999999')).toBe('01');
    // 81 + 72 + 63 + 54 + 25 + 6 + 1 = 302, which leaves 100 mod 101 and also gives 00
    expect(snilsCheckDigits('999950201')).toBe('00');
  });

  it('rejects wrong check digits, bad formats and zeros', () => {
    expect(isValidSnils('112-233-445 96')).toBe(false);
    expect(isValidSnils('112-233-445 59')).toBe(false);
    expect(isValidSnils('112-233-44 95')).toBe(false);
    expect(isValidSnils('112-233-445-9')).toBe(false);
    expect(isValidSnils('abc-def-ghi 00')).toBe(false);
    expect(isValidSnils('')).toBe(false);
    expect(isValidSnils('000-000-000 00')).toBe(false);
  });

  it('does not check numbers issued before the check digits existed', () => {
    expect(isValidSnils('001-001-998 77')).toBe(true);
    expect(isValidSnils('001-001-999 77')).toBe(false);
  });

  it('accepts every number formatSnils produces, and rejects any other check', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_001_999, max: 999_999_999 }), fc.integer({ min: 1, max: 99 }), (n, delta) => {
        const s = formatSnils(n);
        expect(s).toMatch(/^\d{3}-\d{3}-\d{3} \d{2}$/);
        expect(isValidSnils(s)).toBe(true);
        const wrong = (Number(s.slice(-2)) + delta) % 100;
        expect(isValidSnils(`${s.slice(0, -2)}${String(wrong).padStart(2, '0')}`)).toBe(false);
      }),
    );
  });
});
