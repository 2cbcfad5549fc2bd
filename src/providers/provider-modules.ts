import { bedrockModule } from './bedrock/bedrock-module.js';
import { geminiModule } from './gemini/gemini-module.js';
import { openAiCompatibleModule } from './openai-compatible/openai-compatible-module.js';
import type { ProviderModule } from './provider-module.js';
import { sageMakerModule } from './sagemaker/sagemaker-module.js';
import { samplingModule } from './sampling/sampling-module.js';

/** The one list of providers. A new provider is its folder, one line here and its catalogue rows. */
export const providerModules: readonly ProviderModule[] = [
  bedrockModule,
  sageMakerModule,
  geminiModule,
  openAiCompatibleModule,
  samplingModule,
];
