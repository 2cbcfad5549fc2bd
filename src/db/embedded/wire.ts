import type { Socket } from 'node:net';
import { deserialize, serialize } from 'node:v8';
import type { QueryResult, TransactionSettings } from 'kysely';

/**
 * What a process sends the owner of an embedded database. Queries travel compiled (SQL text and
 * parameters); `key` makes a write or a commit answerable after the owner died (see `outcome`).
 */
export type OwnerRequest =
  | { id: number; op: 'execute'; sql: string; parameters: readonly unknown[]; key?: string }
  | { id: number; op: 'begin'; tx: number; settings: TransactionSettings }
  | { id: number; op: 'query'; tx: number; sql: string; parameters: readonly unknown[] }
  | { id: number; op: 'commit'; tx: number; key: string }
  | { id: number; op: 'rollback'; tx: number }
  | { id: number; op: 'outcome'; key: string };

export type OwnerResponse =
  | { id: number; ok: true; result?: QueryResult<unknown>; outcome?: WriteOutcome }
  | { id: number; ok: false; error: WireError; closing?: true };

/** Whether a keyed write or commit happened, and the write's answer. */
export type WriteOutcome = { applied: false } | { applied: true; result: QueryResult<unknown> | undefined };

/** A database error as fields: `code` and `constraint` are what callers test (unique violations…). */
export interface WireError {
  name: string;
  message: string;
  fields: Record<string, string | number>;
}

const copiedFields = [
  'code',
  'constraint',
  'detail',
  'severity',
  'table',
  'column',
  'schema',
  'hint',
  'position',
];

export function toWireError(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, string | number> = {};
  for (const field of copiedFields) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number') fields[field] = value;
  }
  return { name: error.name, message: error.message, fields };
}

export function fromWireError(wire: WireError): Error {
  const error = new Error(wire.message);
  error.name = wire.name;
  return Object.assign(error, wire.fields);
}

/**
 * Frames are a 4-byte length and a V8-serialized value: Dates, bigints and byte arrays arrive as
 * they left, and a message is never mixed with another connection's (each socket is one client).
 */
export function writeFrame(socket: Socket, message: OwnerRequest | OwnerResponse): void {
  const body = serialize(message);
  const header = Buffer.allocUnsafe(4);
  header.writeUInt32BE(body.length, 0);
  socket.write(Buffer.concat([header, body]));
}

/** Calls `onMessage` with each whole frame read from `socket`. */
export function readFrames<T>(socket: Socket, onMessage: (message: T) => void): void {
  let pending: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (pending.length < 4 + length) break;
      const body = pending.subarray(4, 4 + length);
      pending = pending.subarray(4 + length);
      onMessage(deserialize(body) as T);
    }
  });
}

export function serializeResult(result: QueryResult<unknown>): Buffer {
  return serialize(result);
}

export function deserializeResult(bytes: Uint8Array): QueryResult<unknown> {
  return deserialize(bytes) as QueryResult<unknown>;
}
