import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { AppError } from '../../errors/app-error.js';
import { mapVendorFailure } from '../provider-error.js';
import {
  errorField,
  isCommonModelFailure,
  mapCommonModelFailure,
  unwrapThrottled,
} from '../strands-model-errors.js';

const provider = 'openai-compatible';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Turns what the `openai` client (or Strands' OpenAIModel around it) throws into an AppError.
 * Only the lazily loaded chat model imports this, so the SDK stays off the start-up path.
 */
export function mapOpenAiError(error: unknown, signal?: AbortSignal): AppError {
  if (error instanceof AppError) return error;
  if (signal?.aborted || error instanceof APIUserAbortError || errorField(error, 'name') === 'AbortError') {
    return new AppError('CANCELLED', 'the chat completion was cancelled', { cause: error });
  }
  const throttled = unwrapThrottled(error);
  if (throttled !== undefined) return mapOpenAiError(throttled, signal);
  if (isCommonModelFailure(error) || !(error instanceof Error))
    return mapCommonModelFailure(provider, error, 'context_length_exceeded');
  const cause = errorField(error, 'cause');
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
    const code = text(errorField(errorField(cause, 'cause'), 'code')) ?? text(errorField(cause, 'code'));
    const reason = text(errorField(cause, 'message'));
    return mapVendorFailure({
      provider,
      status: undefined,
      message: [error.message, reason, code].filter(Boolean).join(': '),
      cause: error,
    });
  }
  if (error instanceof APIError) {
    const body = error.error;
    const vendorCode = text(errorField(body, 'code')) ?? text(error.code) ?? text(errorField(body, 'type'));
    const message = text(errorField(body, 'message')) ?? error.message;
    return mapVendorFailure({ provider, status: error.status, vendorCode, message, cause: error });
  }
  return mapVendorFailure({ provider, status: undefined, message: error.message, cause: error });
}
