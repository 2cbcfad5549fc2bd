import { AppError } from '../../errors/app-error.js';
import { mapVendorFailure } from '../provider-error.js';
import {
  errorField,
  isCommonModelFailure,
  mapCommonModelFailure,
  unwrapThrottled,
} from '../strands-model-errors.js';

const provider = 'gemini';

interface GoogleErrorBody {
  code?: number;
  message?: string;
  status?: string;
  details?: { reason?: string }[];
}

/** Reads Google's `{ error: { code, message, status, details } }`, which `ApiError` carries as its message. */
export function parseGoogleErrorBody(message: string): GoogleErrorBody | undefined {
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed = JSON.parse(message.slice(start)) as { error?: GoogleErrorBody };
    return typeof parsed.error === 'object' && parsed.error !== null ? parsed.error : undefined;
  } catch {
    return undefined;
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'APIUserAbortError');
}

/** A body that did not parse: the SDK throws SyntaxError or its own "parsing stream chunk" errors. */
function isMalformedBody(error: Error): boolean {
  return (
    error.name === 'SyntaxError' ||
    /Incomplete JSON segment|exception parsing stream chunk|Unexpected (end|token)|is not valid JSON/i.test(
      error.message,
    )
  );
}

/**
 * Turns anything `@google/genai` (or Strands' GoogleModel around it) throws into an AppError.
 * `signal` tells a caller's abort apart from a network failure that also surfaces as AbortError.
 */
export function mapGeminiError(error: unknown, signal?: AbortSignal): AppError {
  if (error instanceof AppError) return error;
  if (signal?.aborted || isAbortError(error)) {
    return new AppError('CANCELLED', 'the Gemini call was cancelled', { cause: error });
  }
  const throttled = unwrapThrottled(error);
  if (throttled !== undefined) return mapGeminiError(throttled, signal);
  if (isCommonModelFailure(error) || !(error instanceof Error))
    return mapCommonModelFailure(provider, error, 'CONTEXT_WINDOW_OVERFLOW');
  const cause = errorField(error, 'cause');
  if (error.name === 'TimeoutError') {
    return mapVendorFailure({
      provider,
      status: undefined,
      vendorCode: 'timeout',
      message: 'the request timed out',
      cause: error,
    });
  }
  const status = errorField(error, 'status');
  if (typeof status === 'number') {
    const body = parseGoogleErrorBody(error.message);
    // The API answers a wrong key with 400 INVALID_ARGUMENT; only the reason says it is a credentials problem.
    const badKey = body?.details?.some((detail) => detail.reason === 'API_KEY_INVALID') ?? false;
    return mapVendorFailure({
      provider,
      status: badKey ? 401 : status,
      vendorCode: badKey ? 'API_KEY_INVALID' : body?.status,
      message: body?.message ?? `HTTP ${status}`,
      cause: error,
    });
  }
  if (isMalformedBody(error)) {
    return mapVendorFailure({
      provider,
      status: undefined,
      vendorCode: 'MALFORMED_RESPONSE',
      message: 'the API sent a malformed response',
      cause: error,
    });
  }
  // Network failures: fetch throws TypeError('fetch failed') with the socket error as cause.
  const causeCode = errorField(cause, 'code');
  const detail = typeof causeCode === 'string' ? ` (${causeCode})` : '';
  return mapVendorFailure({
    provider,
    status: undefined,
    message: `${error.message}${detail}`,
    cause: error,
  });
}
