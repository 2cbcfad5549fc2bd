/** The guide section for each doctor check that fails, warns, or finds a provider not configured. */
const providerGuides: Record<string, string> = {
  bedrock: 'docs/aws-setup.md#bedrock-access',
  sagemaker: 'docs/aws-setup.md#sagemaker-deploy',
  gemini: 'docs/gcp-setup.md#gemini-key',
  'openai-compatible': 'docs/troubleshooting.md#provider-not-configured',
};

const checkGuides: Record<string, string> = {
  config: 'docs/troubleshooting.md#doctor-config',
  database: 'docs/troubleshooting.md#doctor-database',
  'storage (local)': 'docs/troubleshooting.md#doctor-storage-local',
  'storage (s3)': 'docs/troubleshooting.md#doctor-storage-s3',
  'storage (gcs)': 'docs/troubleshooting.md#doctor-storage-gcs',
};

/** Every guide doctor can name (a test checks each file and anchor exists). */
export const doctorGuideTargets: readonly string[] = [
  ...Object.values(checkGuides),
  ...Object.values(providerGuides),
  'docs/troubleshooting.md#doctor-model-lifecycle',
];

export function doctorGuide(check: {
  name: string;
  ok: boolean;
  warning?: boolean;
  detail: string;
}): string | undefined {
  if (check.name.startsWith('model '))
    return check.warning === true ? 'docs/troubleshooting.md#doctor-model-lifecycle' : undefined;
  if (check.name.startsWith('provider ')) {
    return check.detail.startsWith('not configured')
      ? providerGuides[check.name.slice('provider '.length)]
      : undefined;
  }
  return check.ok && check.warning !== true ? undefined : checkGuides[check.name];
}
