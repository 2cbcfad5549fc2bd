/** Per-call link to the connected MCP client, for `client-sampling`. */
export interface SamplingBridge {
  /** Whether the client declared the `sampling` capability. */
  supported: boolean;
  /** `sampling/createMessage` with these params, related to the current request. */
  request(params: Record<string, unknown>, signal: AbortSignal): Promise<unknown>;
}
