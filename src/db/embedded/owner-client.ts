import { connect, type Socket } from 'node:net';
import type { QueryResult } from 'kysely';
import {
  fromWireError,
  type OwnerRequest,
  type OwnerResponse,
  readFrames,
  type WriteOutcome,
  writeFrame,
} from './wire.js';

/**
 * The owner went away before answering. `executed` says whether the request may have run: `no` when
 * the owner refused it while closing, `maybe` when the connection dropped with it outstanding.
 */
export class OwnerLost extends Error {
  constructor(readonly executed: 'no' | 'maybe') {
    super(executed === 'no' ? 'the database owner is closing' : 'the database owner went away');
    this.name = 'OwnerLost';
  }
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Body = WithoutId<OwnerRequest>;
type Answer = Extract<OwnerResponse, { ok: true }>;

/** One connection from this process to the owner of the home's database. */
export class OwnerClient {
  private readonly pending = new Map<
    number,
    { resolve: (answer: Answer) => void; reject: (error: Error) => void }
  >();
  private nextId = 1;
  private gone = false;
  /** The owner said it is closing: no new work goes here, open transactions may finish. */
  private retiring = false;

  private constructor(private readonly socket: Socket) {
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.gone = true;
      for (const waiter of this.pending.values()) waiter.reject(new OwnerLost('maybe'));
      this.pending.clear();
    });
    readFrames<OwnerResponse>(socket, (response) => {
      const waiter = this.pending.get(response.id);
      if (waiter === undefined) return;
      this.pending.delete(response.id);
      if (response.ok) waiter.resolve(response);
      else if (response.closing === true) {
        this.retiring = true;
        waiter.reject(new OwnerLost('no'));
      } else waiter.reject(fromWireError(response.error));
    });
  }

  /** Connects, or rejects with the socket error (`ENOENT`, `ECONNREFUSED`: nobody owns the home). */
  static connect(socketPath: string): Promise<OwnerClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(socketPath);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new OwnerClient(socket));
      });
    });
  }

  /** Whether new work may be sent here. */
  get usable(): boolean {
    return !this.gone && !this.retiring;
  }

  request(body: Body): Promise<Answer> {
    if (this.gone) return Promise.reject(new OwnerLost('no'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      writeFrame(this.socket, { ...body, id } as OwnerRequest);
    });
  }

  async execute(sql: string, parameters: readonly unknown[], key?: string): Promise<QueryResult<unknown>> {
    const answer = await this.request(
      key === undefined ? { op: 'execute', sql, parameters } : { op: 'execute', sql, parameters, key },
    );
    return answer.result ?? { rows: [] };
  }

  async outcome(key: string): Promise<WriteOutcome> {
    return (await this.request({ op: 'outcome', key })).outcome ?? { applied: false };
  }

  close(): void {
    this.socket.end();
  }
}
