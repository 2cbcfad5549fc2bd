import { z } from 'zod';
import { defineTool } from './tool-definition.js';

export const creditEntrySchema = z.object({
  at: z.string(),
  kind: z.string(),
  amount: z.number().int(),
  balanceAfter: z.number().int(),
  reason: z.string().nullable(),
});

export const getCreditBalanceTool = defineTool({
  name: 'get_credit_balance',
  title: 'Credit balance',
  description:
    'Your credit balance: total, held by calls in progress, available to spend, and the latest ledger entries. Free.',
  input: z.object({}),
  output: z.object({
    balance: z.number().int(),
    held: z.number().int(),
    available: z.number().int(),
    recent: z.array(creditEntrySchema),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler(_input, { core, caller }) {
    const { history, ...balance } = await core.readCredits(caller, { historyLimit: 10 });
    return { structured: { ...balance, recent: history.map(({ id: _id, ...entry }) => entry) } };
  },
});
