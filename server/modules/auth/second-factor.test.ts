import { describe, it, expect } from 'vitest';
import { createHmac } from 'node:crypto';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpCode, totpStep, totpUri } from './second-factor.js';

/** RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", 8-digit codes; we use 6 digits,
 *  the last six of those. */
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // base32 of "12345678901234567890"

describe('TOTP (RFC 6238)', () => {
  it('gives the RFC test vectors', () => {
    expect(totpCode(rfcSecret, 59_000)).toBe('287082'); // 94287082
    expect(totpCode(rfcSecret, 1_111_111_109_000)).toBe('081804'); // 07081804
    expect(totpCode(rfcSecret, 1_234_567_890_000)).toBe('005924'); // 89005924
    expect(totpCode(rfcSecret, 20_000_000_000_000)).toBe('353130'); // 65353130
  });

  it('matches an independent HOTP computation and accepts one step of clock drift only', () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 11, 7, 12, 0, 10);
    const step = Math.floor(now / 30_000);
    // RFC 4226 by hand with node:crypto
    const key = base32(secret);
    const msg = Buffer.alloc(8);
    msg.writeBigUInt64BE(BigInt(step));
    const h = createHmac('sha1', key).update(msg).digest();
    const o = h[19] & 0xf;
    const bin = ((h[o] & 0x7f) << 24) | (h[o + 1] << 16) | (h[o + 2] << 8) | h[o + 3];
    expect(totpCode(secret, now)).toBe(String(bin % 1_000_000).padStart(6, '0'));
    expect(totpStep(secret, totpCode(secret, now), now)).toBe(step);
    expect(totpStep(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(totpStep(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
    expect(totpStep(secret, totpCode(secret, now - 90_000), now)).toBeNull();
  });

  it('writes the otpauth URI authenticator apps read', () => {
    expect(totpUri(rfcSecret, 'admin')).toMatch(/^otpauth:\/\/totp\/.+:admin\?issuer=.+&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA1&digits=6&period=30$/);
  });

  it('makes distinct recovery codes and hashes them regardless of case and dashes', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(hashRecoveryCode(codes[0])).toBe(hashRecoveryCode(codes[0].toLowerCase().replace(/-/g, ' ')));
    expect(hashRecoveryCode(codes[0])).not.toBe(hashRecoveryCode(codes[1]));
  });
});

function base32(s: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of s) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  return Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
}
