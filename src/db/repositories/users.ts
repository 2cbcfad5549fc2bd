import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { openAccount } from '../../credits/open-account.js';
import { AppError } from '../../errors/app-error.js';
import type { Tables, User } from '../tables.js';

type Executor = Kysely<Tables> | Transaction<Tables>;

const emailSchema = z.email();

export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (!emailSchema.safeParse(trimmed).success) {
    throw new AppError('INVALID_INPUT', `email is invalid: "${email}" is not an email address`);
  }
  return trimmed;
}

/** Creates a user and its (empty) credit account in one transaction. */
export async function createUser(
  db: Kysely<Tables>,
  input: { email: string; name?: string; isLocal?: boolean; id?: string },
): Promise<User> {
  const email = normaliseEmail(input.email);
  return db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, email);
    if (existing !== undefined) throw new AppError('CONFLICT', `a user with email ${email} already exists`);
    const user = await trx
      .insertInto('users')
      .values({
        id: input.id ?? randomUUID(),
        email,
        name: input.name ?? null,
        is_local: input.isLocal ?? false,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await openAccount(trx, user.id, new Date());
    return user;
  });
}

export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: Executor, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function requireUserByEmail(db: Executor, email: string): Promise<User> {
  const user = await findUserByEmail(db, email);
  if (user === undefined) {
    throw new AppError(
      'NOT_FOUND',
      `no user with email ${email}. Fix: adengine users create --email ${email}`,
    );
  }
  return user;
}

export async function findLocalUser(db: Executor): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('is_local', '=', true)
    .orderBy('created_at')
    .executeTakeFirst();
}

export const localUserEmail = 'local@adengine.localhost';
