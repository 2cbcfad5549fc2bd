import type { Config } from '../config/config.js';
import type { ModelDeployer } from '../providers/model-deployer.js';
import { once } from '../providers/once.js';

/** The SageMaker deployer of `adengine deploy`; its SDK loads only when a real call is made. */
export async function openModelDeployer(config: Config): Promise<ModelDeployer> {
  const { sageMakerSettings } = await import('../providers/sagemaker/sagemaker-settings.js');
  const { createSageMakerDeployer } = await import('../providers/sagemaker/sagemaker-deployer.js');
  const settings = sageMakerSettings(config);
  return createSageMakerDeployer({
    client: once(async () =>
      (await import('../providers/sagemaker/sagemaker-control-client.js')).createSageMakerControlClient(
        settings,
      ),
    ),
    settings: {
      region: settings.aws.region,
      qwenImageEndpoint: settings.qwenImageEndpoint,
      wanVideoEndpoint: settings.wanVideoEndpoint,
      asyncS3Uri: settings.asyncS3Uri,
    },
  });
}
