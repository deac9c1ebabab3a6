import { hash, verify } from '@node-rs/argon2';

// Algorithm is a const enum in the package's typings, unusable under isolatedModules: 2 = Argon2id.
const ARGON2ID = 2;

// argon2id with OWASP's minimum parameters (19 MiB, 2 passes): ~30 ms here, slow for a guesser.
const options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}
