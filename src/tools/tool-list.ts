import { analyzeMarketTool } from './analyze-market-tool.js';
import { getBrandKitTool, setBrandKitTool } from './brand-kit-tools.js';
import { checkAdCopyTool } from './check-ad-copy-tool.js';
import { createAdCreativeTool } from './create-ad-creative-tool.js';
import { createPlacementPackTool } from './create-placement-pack-tool.js';
import { estimateCostTool } from './estimate-cost-tool.js';
import { generateImageTool } from './generate-image-tool.js';
import { getCreditBalanceTool } from './get-credit-balance-tool.js';
import { cancelJobTool, generateVideoTool, getJobTool } from './job-tools.js';
import { listAssetsTool } from './list-assets-tool.js';
import { listModelsTool } from './list-models-tool.js';
import { getModelPreferencesTool, setModelPreferencesTool } from './model-preferences-tools.js';
import type { RegisteredTool } from './tool-definition.js';

/** Every tool the MCP server (and the orchestrator) serves, in the order clients see them. */
export const toolList: readonly RegisteredTool[] = [
  createAdCreativeTool,
  createPlacementPackTool,
  checkAdCopyTool,
  analyzeMarketTool,
  generateImageTool,
  generateVideoTool,
  getJobTool,
  cancelJobTool,
  listAssetsTool,
  getCreditBalanceTool,
  estimateCostTool,
  listModelsTool,
  getModelPreferencesTool,
  setModelPreferencesTool,
  getBrandKitTool,
  setBrandKitTool,
];
