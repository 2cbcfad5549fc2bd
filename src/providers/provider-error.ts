import { AppError } from '../errors/app-error.js';

export interface VendorFailure {
  /** Catalogue provider name: `bedrock`, `sagemaker`, `gemini`, `openai-compatible`, `client-sampling`. */
  provider: string;
  status: number | undefined;
  /** Vendor's own error name (`ThrottlingException`, `RESOURCE_EXHAUSTED`…), when it gave one. */
  vendorCode?: string | undefined;
  message: string;
  cause?: unknown;
}

const throttlingNames = /throttl|too ?many|rate|resource_exhausted|quota/i;
const timeoutNames = /timeout|timed ?out|deadline/i;

/**
 * The one table from vendor failures to project codes. Adapters extract status, vendor
 * code and message from their SDK's error shape and call this; nothing else decides.
 */
export function mapVendorFailure(failure: VendorFailure): AppError {
  const { provider, status, vendorCode = '', cause } = failure;
  const message = `${provider}: ${failure.message || vendorCode || `HTTP ${status ?? '?'}`}`;
  if (status === 429 || throttlingNames.test(vendorCode)) {
    return new AppError('RATE_LIMITED', message, { cause, retryable: true });
  }
  if (status === 408 || status === 504 || timeoutNames.test(vendorCode)) {
    return new AppError('TIMEOUT', message, { cause, retryable: true });
  }
  if (
    status === 401 ||
    status === 403 ||
    /AccessDenied|Unrecognized|InvalidSignature|Credentials/i.test(vendorCode)
  ) {
    return new AppError('PROVIDER_ERROR', `${message} (the provider rejected the credentials)`, {
      cause,
      retryable: false,
    });
  }
  if (status !== undefined && status >= 500) {
    return new AppError('PROVIDER_ERROR', message, { cause, retryable: true });
  }
  if (
    status === undefined &&
    /ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|fetch failed|network/i.test(failure.message)
  ) {
    return new AppError('PROVIDER_ERROR', message, { cause, retryable: true });
  }
  return new AppError('PROVIDER_ERROR', message, { cause, retryable: false });
}
