/** The models `adengine deploy` can put on endpoints of their own. */
export const deployableModels = ['qwen-image', 'wan2.2'] as const;
export type DeployableModel = (typeof deployableModels)[number];

/** What the operator asks for; whatever is left out comes from the settings or the documented defaults. */
export interface DeploymentRequest {
  model: DeployableModel;
  endpointName?: string | undefined;
  instanceType?: string | undefined;
  /** IAM role the endpoint runs as (reads the container and weights, writes async output). */
  roleArn?: string | undefined;
  /** Container image; defaults to the documented inference container. */
  imageUri?: string | undefined;
  /** Wan2.2 only: `s3://bucket/prefix/` under which async outputs and failures go. */
  asyncS3Uri?: string | undefined;
}

/** One control-plane call as it will be sent: the operation's name and its exact input. */
export interface DeploymentStep {
  operation: string;
  input: Record<string, unknown>;
}

export interface DeploymentOutcome {
  endpointName: string;
  /** `created`: this run created the endpoint; `existing`: it was already there (nothing was created). */
  result: 'created' | 'existing';
  status: string;
  /** Each call this run made that changed something, in order. */
  made: string[];
}

export interface UndeploymentOutcome {
  endpointName: string;
  /** The resources deleted; those already gone are skipped, so a second run deletes nothing. */
  deleted: string[];
}

/** Puts a model on a managed endpoint and takes it down again; `progress` lines go to stderr. */
export interface ModelDeployer {
  plan(request: DeploymentRequest): DeploymentStep[];
  planRemoval(request: DeploymentRequest): DeploymentStep[];
  deploy(request: DeploymentRequest, progress: (line: string) => void): Promise<DeploymentOutcome>;
  undeploy(request: DeploymentRequest, progress: (line: string) => void): Promise<UndeploymentOutcome>;
}
