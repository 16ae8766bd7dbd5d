/**
 * argon2id password hashing, with a dummy verification for unknown accounts so that their
 * timing matches a wrong password.
 */
import argon2 from 'argon2';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the time of a verification without an account. */
  burn(password: string): Promise<void>;
}

export function createPasswordHasher(cost: {
  memoryCost: number;
  timeCost: number;
}): PasswordHasher {
  const options = {
    type: argon2.argon2id as 2,
    memoryCost: Math.max(cost.memoryCost, 19_456),
    timeCost: Math.max(cost.timeCost, 2),
    parallelism: 1,
  };
  let dummy: Promise<string> | undefined;
  const hasher: PasswordHasher = {
    hash: (password) => argon2.hash(password, options),
    verify: async (hash, password) => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    },
    burn: async (password) => {
      dummy ??= argon2.hash('not-a-real-password', options);
      await hasher.verify(await dummy, password);
    },
  };
  return hasher;
}
