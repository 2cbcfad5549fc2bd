import type { BaseModelConfig, Message, ModelStreamEvent, StreamOptions } from '@strands-agents/sdk';
import { Model } from '@strands-agents/sdk';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, plainCaller } from '../../src/core/caller.js';
import { CreditLedger } from '../../src/credits/ledger.js';
import { AppError, isAppError } from '../../src/errors/app-error.js';
import type { StorageBackend } from '../../src/storage/storage-backend.js';
import { ScriptedStrandsModel, structuredTurn } from '../fakes/scripted-strands-model.js';
import { type CoreHarness, createCoreHarness } from '../support/core-harness.js';
import { verifyInvariants } from '../support/ledger-invariants.js';
import { sampleInsight } from '../support/sample-answers.js';

const insight = sampleInsight;

/** A chat model that answers the insight forever, reporting whatever usage the run drew. */
class EndlessInsight extends Model<BaseModelConfig> {
  usage: unknown = { inputTokens: 800, outputTokens: 300 };
  updateConfig(): void {}
  getConfig(): BaseModelConfig {
    return { modelId: 'endless' };
  }
  async *stream(messages: Message[], options?: StreamOptions): AsyncGenerator<ModelStreamEvent> {
    const inner = new ScriptedStrandsModel([structuredTurn(insight)]);
    for await (const event of inner.stream(messages, options)) {
      if (event.type !== 'modelMetadataEvent') yield event;
      else if (this.usage !== 'absent') yield { ...event, usage: this.usage } as ModelStreamEvent;
    }
  }
}

type Fault = 'none' | 'provider' | 'storage' | 'capture' | 'record' | 'cancel' | 'bad-text';

const call = fc.record({
  op: fc.constantFrom('image', 'market'),
  count: fc.integer({ min: 1, max: 4 }),
  key: fc.constantFrom(undefined, 'k1', 'k2'),
  maxCredits: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
  fault: fc.constantFrom<Fault>(
    'none',
    'none',
    'provider',
    'storage',
    'capture',
    'record',
    'cancel',
    'bad-text',
  ),
  cancelAt: fc.integer({ min: 0, max: 4 }),
  usage: fc.constantFrom<unknown>(
    { inputTokens: 800, outputTokens: 300 },
    'absent',
    { inputTokens: -3, outputTokens: 5 },
    { inputTokens: 'x', outputTokens: null },
    { inputTokens: 90_000, outputTokens: 90_000 },
  ),
});

/**
 * Random sequences of paying calls with a fault injected at every step the call has: the
 * provider, storage, the database at the capture and at recording the answer (after the capture
 * statement ran, in the same transaction), cancellation at each progress point, unstorable text.
 * Whatever happens, money and assets stay exact.
 */
describe('paid calls under injected faults', () => {
  let h: CoreHarness;
  const faults = { storage: false, capture: false };
  const chat = new EndlessInsight();

  beforeAll(async () => {
    h = await createCoreHarness({
      chatModel: chat,
      ledger: (options) =>
        new (class extends CreditLedger {
          override capture(...args: Parameters<CreditLedger['capture']>) {
            if (faults.capture) {
              faults.capture = false;
              return Promise.reject(
                new AppError('UNAVAILABLE', 'injected capture failure', { retryable: false }),
              );
            }
            return super.capture(...args);
          }
        })(options),
      storage: (local) =>
        Object.assign(Object.create(local) as StorageBackend, {
          put: (params: Parameters<StorageBackend['put']>[0]) => {
            if (faults.storage) {
              faults.storage = false;
              return Promise.reject(
                new AppError('UNAVAILABLE', 'injected storage failure', { retryable: false }),
              );
            }
            return local.put(params);
          },
        }),
    });
    await sql`create sequence record_seq`.execute(h.test.db);
    await sql`create table record_faults (until bigint not null)`.execute(h.test.db);
    await sql`insert into record_faults values (0)`.execute(h.test.db);
    await sql`create function refuse_record() returns trigger language plpgsql as $$
      begin
        if new.status = 'succeeded' and nextval('record_seq') <= (select until from record_faults) then
          raise exception 'injected: the answer cannot be recorded';
        end if;
        return new;
      end $$`.execute(h.test.db);
    await sql`create trigger refuse_record before update on tool_calls
      for each row execute function refuse_record()`.execute(h.test.db);
  }, 120_000);
  afterAll(() => h?.close());

  it('keep balance = ledger, no hold left open, every visible asset paid, no key charged twice, no charge above its hold or maxCredits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 120 }),
        fc.array(call, { minLength: 1, maxLength: 6 }),
        async (credits, calls) => {
          const user = await h.core.createUser({ email: `p-${h.clock.newId()}@example.com`, credits });
          const charges = new Map<string, number>();
          let imagesPaid = 0;
          for (const step of calls) {
            const controller = new AbortController();
            const caller: Caller = {
              ...plainCaller(user.id, controller.signal),
              progress: async (progress) => {
                if (step.fault === 'cancel' && progress === Math.min(step.cancelAt, step.count))
                  controller.abort('cancel');
              },
            };
            if (step.fault === 'provider')
              h.imageHooks.failures.push(new AppError('PROVIDER_ERROR', 'injected', { retryable: false }));
            faults.storage = step.fault === 'storage';
            faults.capture = step.fault === 'capture';
            if (step.fault === 'record') {
              await sql`update record_faults set until = (select last_value from record_seq) + 1`.execute(
                h.test.db,
              );
            }
            chat.usage = step.usage;
            const text = step.fault === 'bad-text' ? 'bad\u0000text' : 'a lighthouse';
            const before = await h.core.readCredits(plainCaller(user.id), { historyLimit: 0 });
            let answer: { creditsCharged: number; replayed?: boolean; assets?: unknown[] } | undefined;
            try {
              answer =
                step.op === 'image'
                  ? await h.core.generateImages(caller, {
                      prompt: text,
                      aspectRatio: '1:1',
                      count: step.count,
                      idempotencyKey: step.key,
                      maxCredits: step.maxCredits,
                    })
                  : await h.core.analyseMarket(caller, {
                      product: text,
                      idempotencyKey: step.key,
                      maxCredits: step.maxCredits,
                    });
            } catch (error) {
              if (!isAppError(error) || (error.code === 'INTERNAL' && step.fault !== 'record')) throw error;
            }
            // Leftover injections of a call refused early must not leak into the next step.
            h.imageHooks.failures.length = 0;
            faults.storage = false;
            faults.capture = false;
            await sql`update record_faults set until = 0`.execute(h.test.db);
            const after = await h.core.readCredits(plainCaller(user.id), { historyLimit: 0 });
            const charged = before.balance - after.balance;
            expect(after.held).toBe(0);
            if (answer === undefined) expect(charged).toBe(0);
            else {
              expect(charged).toBe(answer.replayed ? 0 : answer.creditsCharged);
              if (step.maxCredits !== undefined) expect(charged).toBeLessThanOrEqual(step.maxCredits);
              if (step.op === 'image' && !answer.replayed) imagesPaid += answer.assets?.length ?? 0;
              if (step.key !== undefined && !answer.replayed) {
                const name = `${step.op}:${step.key}`;
                expect(charges.has(name), `${name} charged twice`).toBe(false);
                charges.set(name, charged);
              }
            }
          }
          expect(await verifyInvariants(h.test.db, { userIds: [user.id] })).toEqual([]);
          const visible = await h.core.listAssets(plainCaller(user.id), { limit: 100 });
          expect(visible.assets.length).toBe(imagesPaid);
          const hidden = await sql<{ count: number }>`
          select count(*)::int as count from assets where user_id = ${user.id} and pending_call is not null`.execute(
            h.test.db,
          );
          expect(hidden.rows[0]?.count).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });
});
