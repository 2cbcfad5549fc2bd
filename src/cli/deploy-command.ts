import { Command, Option } from 'commander';
import {
  type DeployableModel,
  type DeploymentRequest,
  type DeploymentStep,
  deployableModels,
  type ModelDeployer,
} from '../providers/model-deployer.js';

export interface DeployCommandDeps {
  /** From the bin: the composition root builds the deployer (the SDK loads on its first real call). */
  openDeployer: () => Promise<ModelDeployer>;
  print: (human: string, json: unknown) => void;
  /** Where progress lines go: stderr, so stdout stays one answer (or one JSON document). */
  progress?: (line: string) => void;
}

interface SageMakerOptions {
  model: DeployableModel;
  endpointName?: string;
  instanceType?: string;
  roleArn?: string;
  imageUri?: string;
  asyncS3Uri?: string;
  dryRun?: boolean;
}

function requestOf(options: SageMakerOptions): DeploymentRequest {
  return {
    model: options.model,
    endpointName: options.endpointName,
    instanceType: options.instanceType,
    roleArn: options.roleArn,
    imageUri: options.imageUri,
    asyncS3Uri: options.asyncS3Uri,
  };
}

function describeSteps(steps: DeploymentStep[]): string {
  return steps.map((step) => `${step.operation}\n${JSON.stringify(step.input, null, 2)}`).join('\n\n');
}

function modelOption(): Option {
  return new Option('--model <model>', 'the model to serve').choices(deployableModels).makeOptionMandatory();
}

function stderrLine(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** `adengine deploy sagemaker --model qwen-image|wan2.2`: create the endpoint and wait until InService. */
export function createDeployCommand(deps: DeployCommandDeps): Command {
  const progress = deps.progress ?? stderrLine;
  const deploy = new Command('deploy').description('deploy a self-hosted model on a managed endpoint');
  deploy
    .command('sagemaker')
    .description('create the SageMaker model, endpoint config and endpoint, and wait until InService')
    .addOption(modelOption())
    .option(
      '--endpoint-name <name>',
      'endpoint name (default: the configured SAGEMAKER_* endpoint, else adengine-<model>)',
    )
    .option('--instance-type <type>', 'instance type (default per model: docs/aws-setup.md)')
    .option('--role-arn <arn>', 'execution role of the endpoint (docs/aws-setup.md)')
    .option('--image-uri <uri>', 'inference container image (default per model: docs/aws-setup.md)')
    .option(
      '--async-s3-uri <uri>',
      'wan2.2: s3://bucket/prefix/ for async outputs (default SAGEMAKER_ASYNC_S3_URI)',
    )
    .option('--dry-run', 'print the requests without sending them')
    .action(async (options: SageMakerOptions) => {
      const deployer = await deps.openDeployer();
      const request = requestOf(options);
      if (options.dryRun === true) {
        const steps = deployer.plan(request);
        deps.print(describeSteps(steps), steps);
        return;
      }
      const outcome = await deployer.deploy(request, progress);
      const settingName =
        options.model === 'qwen-image' ? 'SAGEMAKER_QWEN_IMAGE_ENDPOINT' : 'SAGEMAKER_WAN_VIDEO_ENDPOINT';
      deps.print(
        `endpoint ${outcome.endpointName} is ${outcome.status}` +
          (outcome.result === 'existing' ? ' (it already existed)' : '') +
          `\nserve it with ${settingName}=${outcome.endpointName}`,
        outcome,
      );
    });
  return deploy;
}

/** `adengine undeploy sagemaker --model M`: delete the endpoint, its config and its model; a re-run deletes nothing. */
export function createUndeployCommand(deps: DeployCommandDeps): Command {
  const progress = deps.progress ?? stderrLine;
  const undeploy = new Command('undeploy').description('remove a model endpoint created by deploy');
  undeploy
    .command('sagemaker')
    .description('delete the SageMaker endpoint, its endpoint config and its model')
    .addOption(modelOption())
    .option('--endpoint-name <name>', 'endpoint name (default as for deploy)')
    .option('--dry-run', 'print the requests without sending them')
    .action(async (options: SageMakerOptions) => {
      const deployer = await deps.openDeployer();
      const request = requestOf(options);
      if (options.dryRun === true) {
        const steps = deployer.planRemoval(request);
        deps.print(describeSteps(steps), steps);
        return;
      }
      const outcome = await deployer.undeploy(request, progress);
      deps.print(
        outcome.deleted.length === 0
          ? `nothing to delete: no endpoint, config or model named after ${outcome.endpointName}`
          : `deleted ${outcome.deleted.join(', ')}`,
        outcome,
      );
    });
  return undeploy;
}
