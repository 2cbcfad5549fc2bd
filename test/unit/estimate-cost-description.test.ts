import { describe, expect, it } from 'vitest';
import { estimateCostTool } from '../../src/tools/estimate-cost-tool.js';
import { payingToolNames } from '../../src/tools/paying-tools.js';
import { toolList } from '../../src/tools/tool-list.js';

describe('estimate_cost', () => {
  it('names in its description every tool it can quote, and quotes every listed tool that charges', () => {
    for (const name of payingToolNames) expect(estimateCostTool.description).toContain(name);
    expect(payingToolNames).toContain('create_placement_pack');
    const listed = toolList.map((tool) => tool.name);
    for (const name of payingToolNames) expect(listed).toContain(name);
  });
});
