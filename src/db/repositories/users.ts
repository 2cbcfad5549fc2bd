import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import type { Tables, User } from '../tables.js';

export type Executor = Kysely<Tables> | Transaction<Tables>;

const emailSchema = z.email();

export function normaliseEmail(email: string): string {
  const trimmed = email.trim().toLowerCase();
  if (!emailSchema.safeParse(trimmed).success) {
    throw new AppError('INVALID_INPUT', `email is invalid: "${email}" is not an email address`);
  }
  return trimmed;
}

/** Inserts a user; run it in the transaction that opens the user's credit account. */
export async function insertUser(
  executor: Executor,
  input: { id: string; email: string; name?: string | undefined; isLocal?: boolean },
): Promise<User> {
  const email = normaliseEmail(input.email);
  const existing = await findUserByEmail(executor, email);
  if (existing !== undefined) throw new AppError('CONFLICT', `a user with email ${email} already exists`);
  return executor
    .insertInto('users')
    .values({ id: input.id, email, name: input.name ?? null, is_local: input.isLocal ?? false })
    .returningAll()
    .executeTakeFirstOrThrow();
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

export async function findLocalUser(db: Executor): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('is_local', '=', true)
    .orderBy('created_at')
    .executeTakeFirst();
}

/** Every user, oldest first (an operator's list; users are made by hand, so the list stays short). */
export async function listUsers(db: Executor): Promise<User[]> {
  return db.selectFrom('users').selectAll().orderBy('created_at').orderBy('email').execute();
}

export const localUserEmail = 'local@adengine.localhost';
