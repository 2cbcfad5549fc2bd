import {
  CreateEndpointCommand,
  type CreateEndpointCommandInput,
  CreateEndpointConfigCommand,
  type CreateEndpointConfigCommandInput,
  CreateModelCommand,
  type CreateModelCommandInput,
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { AppError } from '../../errors/app-error.js';
import type {
  DeploymentOutcome,
  DeploymentRequest,
  ModelDeployer,
  UndeploymentOutcome,
} from '../model-deployer.js';
import { isNotFound, toDeployError } from './sagemaker-deploy-errors.js';
import {
  endpointNameFor,
  type SageMakerDeploySettings,
  sageMakerDeploymentPlan,
  sageMakerRemovalSteps,
} from './sagemaker-deployment-plan.js';

export interface SageMakerDeployerDeps {
  /** Built on first use, so `--dry-run` needs neither credentials nor an SDK client. */
  client: () => Promise<SageMakerClient>;
  settings: SageMakerDeploySettings;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  pollIntervalMs?: number;
  /** How long to wait for InService; creation of a GPU endpoint usually takes 5–15 minutes. */
  timeoutMs?: number;
}

const busy = new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack']);

function seconds(ms: number): string {
  const total = Math.round(ms / 1000);
  return total < 60 ? `${total}s` : `${Math.floor(total / 60)}m${String(total % 60).padStart(2, '0')}s`;
}

/** CreateModel → CreateEndpointConfig → CreateEndpoint, each skipped when it already exists, then wait. */
export function createSageMakerDeployer(deps: SageMakerDeployerDeps): ModelDeployer {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = deps.now ?? Date.now;
  const pollIntervalMs = deps.pollIntervalMs ?? 15_000;
  const timeoutMs = deps.timeoutMs ?? 60 * 60_000;

  async function call<T>(work: (client: SageMakerClient) => Promise<T>): Promise<T> {
    const client = await deps.client();
    try {
      return await work(client);
    } catch (error) {
      throw toDeployError(error);
    }
  }

  /** Undefined when there is no such resource; any other failure is thrown. */
  async function whenFound<T>(work: (client: SageMakerClient) => Promise<T>): Promise<T | undefined> {
    try {
      return await call(work);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async function endpointStatus(name: string): Promise<{ status: string; reason?: string } | undefined> {
    const described = await whenFound((client) =>
      client.send(new DescribeEndpointCommand({ EndpointName: name })),
    );
    if (described === undefined) return undefined;
    return {
      status: described.EndpointStatus ?? 'Unknown',
      ...(described.FailureReason === undefined ? {} : { reason: described.FailureReason }),
    };
  }

  function failed(name: string, model: string, reason: string | undefined): AppError {
    return new AppError(
      'PROVIDER_ERROR',
      `sagemaker: endpoint ${name} failed${reason === undefined ? '' : `: ${reason}`}. ` +
        `Fix: see docs/troubleshooting.md#sagemaker-endpoint-failed, then adengine undeploy sagemaker --model ${model} and deploy again`,
      { details: { endpointName: name, failureReason: reason } },
    );
  }

  async function waitForService(name: string, model: string, progress: (line: string) => void) {
    const started = now();
    let last = '';
    for (;;) {
      let state: { status: string; reason?: string } | undefined;
      try {
        state = await endpointStatus(name);
      } catch (error) {
        // A throttled or briefly failing Describe should not abandon a creation that is going well.
        if (!(error instanceof AppError && error.retryable)) throw error;
        progress(`sagemaker: DescribeEndpoint failed (${error.code}); polling again`);
      }
      if (state !== undefined) {
        if (state.status === 'InService') {
          progress(`sagemaker: endpoint ${name} is InService after ${seconds(now() - started)}`);
          return state.status;
        }
        if (state.status === 'Failed') throw failed(name, model, state.reason);
        if (!busy.has(state.status)) {
          throw new AppError(
            'CONFLICT',
            `sagemaker: endpoint ${name} is ${state.status}. Fix: wait, or adengine undeploy sagemaker --model ${model}`,
          );
        }
        if (state.status !== last) progress(`sagemaker: endpoint ${name} is ${state.status}`);
        else progress(`sagemaker: endpoint ${name} still ${state.status} (${seconds(now() - started)})`);
        last = state.status;
      }
      if (now() - started >= timeoutMs) {
        throw new AppError(
          'TIMEOUT',
          `sagemaker: endpoint ${name} is not InService after ${seconds(timeoutMs)}; SageMaker keeps creating it. ` +
            'Fix: run the same deploy command again to wait for it',
          { retryable: true },
        );
      }
      await sleep(pollIntervalMs);
    }
  }

  return {
    plan: (request) => {
      const plan = sageMakerDeploymentPlan(request, deps.settings);
      return [plan.createModel, plan.createEndpointConfig, plan.createEndpoint];
    },

    planRemoval: (request) => sageMakerRemovalSteps(endpointNameFor(request, deps.settings)),

    async deploy(request: DeploymentRequest, progress): Promise<DeploymentOutcome> {
      const plan = sageMakerDeploymentPlan(request, deps.settings);
      const name = plan.endpointName;
      const made: string[] = [];
      const existing = await endpointStatus(name);
      if (existing?.status === 'InService') {
        progress(`sagemaker: endpoint ${name} already exists and is InService; nothing to do`);
        return { endpointName: name, result: 'existing', status: 'InService', made };
      }
      if (existing?.status === 'Failed') throw failed(name, request.model, existing.reason);
      if (existing === undefined) {
        const model = await whenFound((client) =>
          client.send(new DescribeModelCommand({ ModelName: plan.modelName })),
        );
        if (model === undefined) {
          progress(`sagemaker: CreateModel ${plan.modelName}`);
          await call((client) =>
            client.send(new CreateModelCommand(plan.createModel.input as unknown as CreateModelCommandInput)),
          );
          made.push('CreateModel');
        } else progress(`sagemaker: model ${plan.modelName} exists; kept`);
        const config = await whenFound((client) =>
          client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: plan.configName })),
        );
        if (config === undefined) {
          progress(`sagemaker: CreateEndpointConfig ${plan.configName}`);
          await call((client) =>
            client.send(
              new CreateEndpointConfigCommand(
                plan.createEndpointConfig.input as unknown as CreateEndpointConfigCommandInput,
              ),
            ),
          );
          made.push('CreateEndpointConfig');
        } else progress(`sagemaker: endpoint config ${plan.configName} exists; kept`);
        progress(`sagemaker: CreateEndpoint ${name}`);
        await call((client) =>
          client.send(
            new CreateEndpointCommand(plan.createEndpoint.input as unknown as CreateEndpointCommandInput),
          ),
        );
        made.push('CreateEndpoint');
      } else progress(`sagemaker: endpoint ${name} exists (${existing.status}); waiting for it`);
      const status = await waitForService(name, request.model, progress);
      return { endpointName: name, result: existing === undefined ? 'created' : 'existing', status, made };
    },

    async undeploy(request, progress): Promise<UndeploymentOutcome> {
      const name = endpointNameFor(request, deps.settings);
      const deleted: string[] = [];
      const [endpoint, config, model] = sageMakerRemovalSteps(name);
      if ((await endpointStatus(name)) !== undefined) {
        progress(`sagemaker: DeleteEndpoint ${name}`);
        await call((client) => client.send(new DeleteEndpointCommand({ EndpointName: name })));
        deleted.push(`endpoint ${name}`);
      }
      const configName = String(config?.input.EndpointConfigName);
      const hasConfig = await whenFound((client) =>
        client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName })),
      );
      if (hasConfig !== undefined) {
        progress(`sagemaker: DeleteEndpointConfig ${configName}`);
        await call((client) =>
          client.send(new DeleteEndpointConfigCommand({ EndpointConfigName: configName })),
        );
        deleted.push(`endpoint config ${configName}`);
      }
      const modelName = String(model?.input.ModelName);
      const hasModel = await whenFound((client) =>
        client.send(new DescribeModelCommand({ ModelName: modelName })),
      );
      if (hasModel !== undefined) {
        progress(`sagemaker: DeleteModel ${modelName}`);
        await call((client) => client.send(new DeleteModelCommand({ ModelName: modelName })));
        deleted.push(`model ${modelName}`);
      }
      if (endpoint !== undefined && deleted.length === 0)
        progress(`sagemaker: nothing named ${name} is left`);
      return { endpointName: name, deleted };
    },
  };
}
