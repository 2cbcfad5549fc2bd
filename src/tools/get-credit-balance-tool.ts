import { z } from 'zod';
import { defineTool } from './tool-definition.js';

const entrySchema = z.object({
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
    recent: z.array(entrySchema),
  }),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
  async handler(_input, { user, services }) {
    const [balance, entries] = await Promise.all([
      services.ledger.balance(user.id),
      services.ledger.history(user.id, { limit: 10 }),
    ]);
    return {
      structured: {
        ...balance,
        recent: entries.map((entry) => ({
          at: new Date(entry.created_at).toISOString(),
          kind: entry.kind,
          amount: entry.amount,
          balanceAfter: entry.balance_after,
          reason: entry.reason,
        })),
      },
    };
  },
});
