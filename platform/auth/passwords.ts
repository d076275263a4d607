import { hash, verify } from '@node-rs/argon2';

/** Passwords shorter than this are refused when a user is created. */
export const MIN_PASSWORD_LENGTH = 10;

// argon2id with the library's defaults (19 MiB, two passes): OWASP's minimum recommendation.
/** Hashes a password with argon2id; the result is a PHC string that carries its own salt and cost. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** Whether `password` is the one `passwordHash` was made from. A malformed hash is a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the user does not exist takes as long as a real check, so the
// answer time does not tell which user names exist.
let decoy: Promise<string> | undefined;
/** Spends the time of one verification without a user. Always false. */
export async function verifyNobody(password: string): Promise<false> {
  decoy ??= hashPassword('jingpin-decoy-password');
  await verifyPassword(await decoy, password);
  return false;
}
