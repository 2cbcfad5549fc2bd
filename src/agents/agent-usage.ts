/** Tokens one or more model calls consumed; what chat tools charge for. */
export interface AgentUsage {
  inputTokens: number;
  outputTokens: number;
}

export const noUsage: AgentUsage = Object.freeze({ inputTokens: 0, outputTokens: 0 });

/** Sums usage over model calls; missing or non-finite counts add nothing. */
export function sumUsage(...usages: ReadonlyArray<Partial<AgentUsage> | undefined>): AgentUsage {
  let inputTokens = 0;
  let outputTokens = 0;
  for (const usage of usages) {
    inputTokens += finiteCount(usage?.inputTokens);
    outputTokens += finiteCount(usage?.outputTokens);
  }
  return { inputTokens, outputTokens };
}

function finiteCount(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : 0;
}
