import type { Config } from '../../src/config/config.js';
import { parseConfig } from '../../src/config/load-config.js';

/** A Config parsed from exactly these variables (nothing from the real environment). */
export function configFrom(environment: Record<string, string | undefined>): Config {
  const parsed = parseConfig({ ADENGINE_HOME: '/tmp/adengine-test-home', ...environment }, '/tmp');
  if (!parsed.ok) throw new Error(`test config rejected: ${JSON.stringify(parsed.problems)}`);
  return parsed.config;
}

/** Every provider configured, with fake values only. */
export const allProvidersEnvironment = {
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  BEDROCK_VIDEO_OUTPUT_S3_URI: 's3://videos/nova-reel/',
  SAGEMAKER_QWEN_IMAGE_ENDPOINT: 'qwen-image',
  SAGEMAKER_WAN_VIDEO_ENDPOINT: 'wan-video',
  SAGEMAKER_ASYNC_S3_URI: 's3://async/in/',
  GEMINI_API_KEY: 'fake-gemini-key',
  OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
  OPENAI_MODEL: 'llama3.1:8b',
} as const;
