import { sql } from 'kysely';
import {
  authenticate,
  authenticateKey,
  createUser,
  ensureLocalUser,
  issueApiKey,
  listApiKeys,
  listUsers,
  liveKeyIds,
  requireUser,
  revokeApiKey,
} from './accounts.js';
import { writeAdCopy } from './ad-copy.js';
import { type AdCopyCheckInput, checkAdCopy } from './ad-copy-check.js';
import { listAssetEntries, listAssets, readAsset } from './assets.js';
import { getBrandKit, setBrandKit } from './brand-kit.js';
import { chatTurn } from './chat-turn.js';
import { listConversations, readConversation } from './conversations.js';
import type { CoreDeps } from './core-deps.js';
import { grantCredits, readCredits } from './credits.js';
import { estimateCost } from './estimate.js';
import { generateImages } from './images.js';
import { analyseMarket } from './market.js';
import { modelLifecycleWarnings, syncModels } from './model-sync.js';
import { listModels } from './models.js';
import { discardStalePendingAssets } from './pending-assets.js';
import { createPlacementPack } from './placement-pack.js';
import { getPreferences, setPreferences } from './preferences.js';
import { startVideoJob } from './video-job-start.js';
import { advanceDueJobs, advanceVideoJob, cancelJob, readJob, readTimedJob } from './video-jobs.js';

type Bound<Operation> = Operation extends (deps: never, ...rest: infer Rest) => infer Result
  ? (...rest: Rest) => Result
  : never;

function bind<Operation extends (deps: CoreDeps, ...rest: never[]) => unknown>(
  deps: CoreDeps,
  operation: Operation,
): Bound<Operation> {
  return ((...rest: never[]) => operation(deps, ...rest)) as Bound<Operation>;
}

/**
 * Every operation of AdEngine, bound to its dependencies. MCP tools and resources, REST routes,
 * CLI commands and the job worker call these and nothing below them.
 */
export function createCore(deps: CoreDeps) {
  return {
    generateImages: bind(deps, generateImages),
    writeAdCopy: bind(deps, writeAdCopy),
    analyseMarket: bind(deps, analyseMarket),
    createPlacementPack: bind(deps, createPlacementPack),
    checkAdCopy: (input: AdCopyCheckInput) => checkAdCopy(input),
    chatTurn: bind(deps, chatTurn),
    listConversations: bind(deps, listConversations),
    readConversation: bind(deps, readConversation),
    getBrandKit: bind(deps, getBrandKit),
    setBrandKit: bind(deps, setBrandKit),
    startVideoJob: bind(deps, startVideoJob),
    readJob: bind(deps, readJob),
    readTimedJob: bind(deps, readTimedJob),
    cancelJob: bind(deps, cancelJob),
    advanceVideoJob: bind(deps, advanceVideoJob),
    advanceDueJobs: bind(deps, advanceDueJobs),
    listAssets: bind(deps, listAssets),
    listAssetEntries: bind(deps, listAssetEntries),
    readAsset: bind(deps, readAsset),
    readCredits: bind(deps, readCredits),
    grantCredits: bind(deps, grantCredits),
    getPreferences: bind(deps, getPreferences),
    setPreferences: bind(deps, setPreferences),
    listModels: bind(deps, listModels),
    estimateCost: bind(deps, estimateCost),
    syncModels: bind(deps, syncModels),
    modelLifecycleWarnings: bind(deps, modelLifecycleWarnings),
    createUser: bind(deps, createUser),
    issueApiKey: bind(deps, issueApiKey),
    authenticate: bind(deps, authenticate),
    authenticateKey: bind(deps, authenticateKey),
    liveKeyIds: bind(deps, liveKeyIds),
    listUsers: () => listUsers(deps),
    listApiKeys: bind(deps, listApiKeys),
    revokeApiKey: bind(deps, revokeApiKey),
    requireUser: bind(deps, requireUser),
    ensureLocalUser: () => ensureLocalUser(deps),
    /** Readiness: the database answers. */
    checkDatabase: async (): Promise<void> => {
      await sql`select 1`.execute(deps.db);
    },
    /**
     * The sweeper's round: holds past their lifetime are returned, and what calls that died
     * before their capture stored (hidden) is removed. Counts both.
     */
    sweep: async (): Promise<number> =>
      (await deps.ledger.sweepExpiredHolds(deps.clock.now())) + (await discardStalePendingAssets(deps)),
    /** Waits for paid calls in progress, then cancels what is left so each releases its hold. */
    drain: (graceMs: number) => deps.inflight.drain(graceMs),
    /** Writes, reads and deletes a probe object in the configured storage. */
    probeStorage: async (): Promise<{ ok: boolean; detail: string }> => {
      const { probeStorage } = await import('../storage/probe-storage.js');
      return probeStorage(await deps.storage());
    },
  };
}

export type Core = ReturnType<typeof createCore>;
