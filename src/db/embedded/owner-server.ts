import type { Server, Socket } from 'node:net';
import { CompiledQuery } from 'kysely';
import type { EmbeddedEngine, EngineTransaction } from './embedded-engine.js';
import { type OwnerRequest, type OwnerResponse, readFrames, toWireError, writeFrame } from './wire.js';

/** A transaction another process leaves idle this long is rolled back: it holds everyone's session. */
const defaultIdleTransactionMs = 30_000;

interface OpenTransaction {
  trx: EngineTransaction;
  timer: NodeJS.Timeout;
}

/**
 * The owner's side of the home socket: runs other processes' queries and transactions on this
 * process's engine. Requests that arrive before the engine is open wait for it.
 */
export class OwnerServer {
  private server: Server | undefined;
  private engine: Promise<EmbeddedEngine>;
  private resolveEngine!: (engine: EmbeddedEngine) => void;
  private rejectEngine!: (error: unknown) => void;
  private readonly sockets = new Set<Socket>();
  private readonly transactions = new Set<OpenTransaction>();
  private inflight = 0;
  private closing = false;
  private settled: Array<() => void> = [];

  constructor(private readonly options: { idleTransactionMs?: number } = {}) {
    this.engine = new Promise((resolve, reject) => {
      this.resolveEngine = resolve;
      this.rejectEngine = reject;
    });
    this.engine.catch(() => undefined);
  }

  /** The connection handler, attached before the socket listens so no early client is lost. */
  readonly accept = (socket: Socket): void => {
    this.sockets.add(socket);
    const open = new Map<number, OpenTransaction>();
    let gone = false;
    socket.on('error', () => undefined);
    socket.on('close', () => {
      gone = true;
      this.sockets.delete(socket);
      for (const transaction of open.values()) void this.finish(transaction, (trx) => trx.rollback());
      open.clear();
    });
    readFrames<OwnerRequest>(socket, (request) => {
      void this.handle(request, open, () => gone).then((response) => {
        if (!socket.destroyed) writeFrame(socket, response);
      });
    });
  };

  listening(server: Server): void {
    this.server = server;
  }

  ready(engine: EmbeddedEngine): void {
    this.resolveEngine(engine);
  }

  /** The engine did not open: waiting requests are answered with the reason. */
  failed(error: unknown): void {
    this.rejectEngine(error);
  }

  private async handle(
    request: OwnerRequest,
    open: Map<number, OpenTransaction>,
    gone: () => boolean,
  ): Promise<OwnerResponse> {
    const joinsOpen = request.op === 'query' || request.op === 'commit' || request.op === 'rollback';
    if (this.closing && !joinsOpen) {
      return {
        id: request.id,
        ok: false,
        closing: true,
        error: { name: 'Error', message: 'the database owner is closing', fields: {} },
      };
    }
    this.inflight++;
    try {
      const engine = await this.engine;
      switch (request.op) {
        case 'execute': {
          const query = CompiledQuery.raw(request.sql, [...request.parameters]);
          const result =
            request.key === undefined
              ? await engine.execute(query)
              : await engine.executeOnce(query, request.key);
          return { id: request.id, ok: true, result };
        }
        case 'outcome':
          return { id: request.id, ok: true, outcome: await engine.outcome(request.key) };
        case 'begin': {
          const trx = await engine.begin(request.settings);
          const transaction: OpenTransaction = { trx, timer: this.idleTimer(request.tx, open) };
          this.transactions.add(transaction);
          open.set(request.tx, transaction);
          // The client left while we waited for the session: nobody will end this transaction.
          if (gone()) {
            open.delete(request.tx);
            await this.finish(transaction, (opened) => opened.rollback());
          }
          return { id: request.id, ok: true };
        }
        case 'query': {
          const transaction = this.openTransaction(open, request.tx);
          transaction.timer.refresh();
          const query = CompiledQuery.raw(request.sql, [...request.parameters]);
          return { id: request.id, ok: true, result: await transaction.trx.execute(query) };
        }
        case 'commit': {
          const transaction = this.openTransaction(open, request.tx);
          open.delete(request.tx);
          await this.finish(transaction, (trx) => trx.commit(request.key));
          return { id: request.id, ok: true };
        }
        case 'rollback': {
          const transaction = open.get(request.tx);
          open.delete(request.tx);
          if (transaction !== undefined) await this.finish(transaction, (trx) => trx.rollback());
          return { id: request.id, ok: true };
        }
      }
    } catch (error) {
      return { id: request.id, ok: false, error: toWireError(error) };
    } finally {
      this.inflight--;
      this.notify();
    }
  }

  private openTransaction(open: Map<number, OpenTransaction>, tx: number): OpenTransaction {
    const transaction = open.get(tx);
    if (transaction === undefined) {
      throw new Error('the transaction has ended (idle too long, or the database owner is closing)');
    }
    return transaction;
  }

  private idleTimer(tx: number, open: Map<number, OpenTransaction>): NodeJS.Timeout {
    const timer = setTimeout(() => {
      const transaction = open.get(tx);
      if (transaction === undefined) return;
      open.delete(tx);
      void this.finish(transaction, (trx) => trx.rollback());
    }, this.options.idleTransactionMs ?? defaultIdleTransactionMs);
    return timer.unref();
  }

  private async finish(
    transaction: OpenTransaction,
    end: (trx: EngineTransaction) => Promise<void>,
  ): Promise<void> {
    if (!this.transactions.delete(transaction)) return;
    clearTimeout(transaction.timer);
    try {
      await end(transaction.trx);
    } finally {
      this.notify();
    }
  }

  private notify(): void {
    if (this.inflight > 0 || this.transactions.size > 0) return;
    for (const settle of this.settled.splice(0)) settle();
  }

  /**
   * Refuses new work (clients retry with the next owner), lets running requests and open
   * transactions finish for up to `graceMs`, rolls back the rest, then closes the engine and, last,
   * the socket: a new owner can only claim the home once PGlite is closed here.
   */
  async close(options: { graceMs: number; beforeRelease: () => Promise<void> }): Promise<void> {
    this.closing = true;
    const idle = new Promise<void>((resolve) => {
      this.settled.push(resolve);
      this.notify();
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([idle, new Promise((resolve) => (timer = setTimeout(resolve, options.graceMs)))]);
    clearTimeout(timer);
    for (const transaction of [...this.transactions]) {
      await this.finish(transaction, (trx) => trx.rollback()).catch(() => undefined);
    }
    try {
      await options.beforeRelease();
    } finally {
      for (const socket of this.sockets) socket.destroy();
      await new Promise<void>((resolve) =>
        this.server === undefined ? resolve() : this.server.close(() => resolve()),
      );
    }
  }
}
