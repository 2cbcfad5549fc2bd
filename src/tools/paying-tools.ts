import { analyzeMarketTool } from './analyze-market-tool.js';
import { createAdCreativeTool } from './create-ad-creative-tool.js';
import { createPlacementPackTool } from './create-placement-pack-tool.js';
import { generateImageTool } from './generate-image-tool.js';
import { generateVideoTool } from './job-tools.js';

/** The tools that spend credits: what `estimate_cost` and `POST /api/v1/estimate` can quote. */
export const payingTools = {
  generate_image: generateImageTool,
  generate_video: generateVideoTool,
  analyze_market: analyzeMarketTool,
  create_ad_creative: createAdCreativeTool,
  create_placement_pack: createPlacementPackTool,
} as const;

export type PayingToolName = keyof typeof payingTools;

export const payingToolNames = Object.keys(payingTools) as [PayingToolName, ...PayingToolName[]];
