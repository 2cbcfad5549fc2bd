import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { AppError } from '../../errors/app-error.js';
import { mapVendorFailure } from '../provider-error.js';

const provider = 'openai-compatible';

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Turns what the `openai` client (or Strands' OpenAIModel around it) throws into an AppError.
 * Only the lazily loaded chat model imports this, so the SDK stays off the start-up path.
 */
export function mapOpenAiError(error: unknown, signal?: AbortSignal): AppError {
  if (error instanceof AppError) return error;
  if (signal?.aborted || error instanceof APIUserAbortError || field(error, 'name') === 'AbortError') {
    return new AppError('CANCELLED', 'the chat completion was cancelled', { cause: error });
  }
  // Strands rewraps throttling; the SDK error with the status is its cause.
  const cause = field(error, 'cause');
  if (field(error, 'name') === 'ModelThrottledError' && cause instanceof Error)
    return mapOpenAiError(cause, signal);
  if (!(error instanceof Error))
    return mapVendorFailure({ provider, status: undefined, message: String(error), cause: error });
  if (error.name === 'ContextWindowOverflowError') {
    return mapVendorFailure({
      provider,
      status: 400,
      vendorCode: 'context_length_exceeded',
      message: 'the prompt is too long for the model',
      cause: error,
    });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return mapVendorFailure({
      provider,
      status: undefined,
      vendorCode: 'timeout',
      message: 'the request timed out',
      cause: error,
    });
  }
  if (error instanceof SyntaxError) {
    return mapVendorFailure({
      provider,
      status: undefined,
      vendorCode: 'MALFORMED_RESPONSE',
      message: 'the server sent a malformed response',
      cause: error,
    });
  }
  if (error instanceof APIConnectionError) {
    // "Connection error." alone hides why; the socket error code says it (ECONNREFUSED…).
    const code = text(field(field(cause, 'cause'), 'code')) ?? text(field(cause, 'code'));
    const reason = text(field(cause, 'message'));
    return mapVendorFailure({
      provider,
      status: undefined,
      message: [error.message, reason, code].filter(Boolean).join(': '),
      cause: error,
    });
  }
  if (error instanceof APIError) {
    const body = error.error;
    const vendorCode = text(field(body, 'code')) ?? text(error.code) ?? text(field(body, 'type'));
    const message = text(field(body, 'message')) ?? error.message;
    return mapVendorFailure({ provider, status: error.status, vendorCode, message, cause: error });
  }
  return mapVendorFailure({ provider, status: undefined, message: error.message, cause: error });
}
