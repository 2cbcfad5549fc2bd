import { AppError } from '../../errors/app-error.js';
import type { DeployableModel, DeploymentRequest, DeploymentStep } from '../model-deployer.js';

/**
 * Defaults per model (docs/aws-setup.md, "Deploying the SageMaker models", gives their sources and
 * which of them could not be verified offline). The containers must answer the contracts in
 * docs/providers-aws.md; the stock images need our handler added (see the guide).
 */
export const sageMakerModelDefaults: Record<
  DeployableModel,
  { endpointName: string; instanceType: string; image: (region: string) => string; hfModelId: string }
> = {
  'qwen-image': {
    endpointName: 'adengine-qwen-image',
    instanceType: 'ml.g6e.2xlarge',
    image: (region) =>
      `763104351884.dkr.ecr.${region}.amazonaws.com/huggingface-pytorch-inference:2.6.0-transformers4.49.0-gpu-py312-cu124-ubuntu22.04`,
    hfModelId: 'Qwen/Qwen-Image',
  },
  'wan2.2': {
    endpointName: 'adengine-wan2-2',
    instanceType: 'ml.g6e.12xlarge',
    image: (region) => `763104351884.dkr.ecr.${region}.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128`,
    hfModelId: 'Wan-AI/Wan2.2-T2V-A14B-Diffusers',
  },
};

/** What the deployer reads from the config: region, and the endpoint names and async URI already set. */
export interface SageMakerDeploySettings {
  region: string;
  qwenImageEndpoint: string | undefined;
  wanVideoEndpoint: string | undefined;
  asyncS3Uri: string | undefined;
}

export interface SageMakerDeploymentPlan {
  model: DeployableModel;
  endpointName: string;
  modelName: string;
  configName: string;
  createModel: DeploymentStep;
  createEndpointConfig: DeploymentStep;
  createEndpoint: DeploymentStep;
}

const namePattern = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,55}$/;
const rolePattern = /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[a-zA-Z0-9+=,.@_/-]{1,512}$/;
const instancePattern = /^ml\.[a-z0-9]+\.[a-z0-9]+$/;
const s3Pattern = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const imagePattern = /^[a-zA-Z0-9.-]+(:[0-9]+)?\/[a-z0-9._/-]+(:[a-zA-Z0-9._-]+|@sha256:[0-9a-f]{64})?$/;

function invalid(option: string, why: string, fix: string): AppError {
  return new AppError('INVALID_INPUT', `${option} ${why}. Fix: ${fix}`, { details: { field: option } });
}

/** The endpoint's name: the option, else the one the server is configured to call, else the default. */
export function endpointNameFor(request: DeploymentRequest, settings: SageMakerDeploySettings): string {
  const configured = request.model === 'qwen-image' ? settings.qwenImageEndpoint : settings.wanVideoEndpoint;
  const name = request.endpointName ?? configured ?? sageMakerModelDefaults[request.model].endpointName;
  if (!namePattern.test(name)) {
    throw invalid(
      '--endpoint-name',
      'must be 1–56 letters, digits and hyphens, starting and ending with a letter or digit',
      'e.g. --endpoint-name adengine-qwen-image (the model and config names add "-model" and "-config")',
    );
  }
  return name;
}

function asyncPrefix(request: DeploymentRequest, settings: SageMakerDeploySettings): string {
  const uri = request.asyncS3Uri ?? settings.asyncS3Uri;
  if (uri === undefined) {
    throw invalid(
      '--async-s3-uri',
      'is needed for wan2.2 (its outputs and failures are written to S3)',
      'pass --async-s3-uri s3://bucket/prefix/ or set SAGEMAKER_ASYNC_S3_URI',
    );
  }
  if (!s3Pattern.test(uri))
    throw invalid(
      '--async-s3-uri',
      'must be an s3://bucket/prefix URI',
      'e.g. s3://my-bucket/sagemaker-async/',
    );
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** The three create calls, exactly as they will be sent; checks every option first. */
export function sageMakerDeploymentPlan(
  request: DeploymentRequest,
  settings: SageMakerDeploySettings,
): SageMakerDeploymentPlan {
  const defaults = sageMakerModelDefaults[request.model];
  const endpointName = endpointNameFor(request, settings);
  const roleArn = request.roleArn;
  if (roleArn === undefined || !rolePattern.test(roleArn)) {
    throw invalid(
      '--role-arn',
      roleArn === undefined ? 'is required' : 'must be an IAM role ARN',
      'pass the execution role of docs/aws-setup.md, e.g. --role-arn arn:aws:iam::123456789012:role/adengine-sagemaker-execution',
    );
  }
  const instanceType = request.instanceType ?? defaults.instanceType;
  if (!instancePattern.test(instanceType))
    throw invalid(
      '--instance-type',
      'must be a SageMaker instance type',
      'e.g. --instance-type ml.g6e.2xlarge',
    );
  const image = request.imageUri ?? defaults.image(settings.region);
  if (!imagePattern.test(image))
    throw invalid(
      '--image-uri',
      'must be a container image URI',
      'e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/qwen-image:1',
    );
  const modelName = `${endpointName}-model`;
  const configName = `${endpointName}-config`;
  const tags = [
    { Key: 'managed-by', Value: 'adengine' },
    { Key: 'adengine-model', Value: request.model },
  ];
  const asyncConfig =
    request.model === 'wan2.2'
      ? (() => {
          const prefix = asyncPrefix(request, settings);
          return {
            AsyncInferenceConfig: {
              OutputConfig: { S3OutputPath: `${prefix}output/`, S3FailurePath: `${prefix}failures/` },
              ClientConfig: { MaxConcurrentInvocationsPerInstance: 1 },
            },
          };
        })()
      : {};
  return {
    model: request.model,
    endpointName,
    modelName,
    configName,
    createModel: {
      operation: 'CreateModel',
      input: {
        ModelName: modelName,
        ExecutionRoleArn: roleArn,
        PrimaryContainer: {
          Image: image,
          Environment: { HF_MODEL_ID: defaults.hfModelId, ADENGINE_MODEL: request.model },
        },
        Tags: tags,
      },
    },
    createEndpointConfig: {
      operation: 'CreateEndpointConfig',
      input: {
        EndpointConfigName: configName,
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            ModelName: modelName,
            InstanceType: instanceType,
            InitialInstanceCount: 1,
            // Weights of tens of GB: the default health-check and download windows are too short.
            ContainerStartupHealthCheckTimeoutInSeconds: 1800,
            ModelDataDownloadTimeoutInSeconds: 1800,
          },
        ],
        ...asyncConfig,
        Tags: tags,
      },
    },
    createEndpoint: {
      operation: 'CreateEndpoint',
      input: { EndpointName: endpointName, EndpointConfigName: configName, Tags: tags },
    },
  };
}

/** The three delete calls, endpoint first (a model in use cannot be removed before it). */
export function sageMakerRemovalSteps(endpointName: string): DeploymentStep[] {
  return [
    { operation: 'DeleteEndpoint', input: { EndpointName: endpointName } },
    { operation: 'DeleteEndpointConfig', input: { EndpointConfigName: `${endpointName}-config` } },
    { operation: 'DeleteModel', input: { ModelName: `${endpointName}-model` } },
  ];
}
