import { redactUrl } from '../config/redact.js';
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

/** What the server log gets of a provider failure (never the client): in `AppError.details`. */
export interface ProviderFailureDetails {
  provider: string;
  status: number | undefined;
  vendorCode: string | undefined;
  /** The vendor's own words, secrets hidden, cut to a bounded length. */
  providerMessage: string;
}

const throttlingNames = /throttl|too ?many|rate|resource_exhausted|quota/i;
const timeoutNames = /timeout|timed ?out|deadline/i;
const networkErrors =
  /ECONNRESET|ECONNREFUSED|EPIPE|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up|fetch failed|network/i;

/** Secrets a vendor may echo back: keys, tokens, credentials in URLs, `name=value` pairs. */
const secretPatterns: Array<[RegExp, string]> = [
  [/\b(sk|pk|rk)-[A-Za-z0-9_-]{6,}/g, '$1-***'],
  [/\bae_[A-Za-z0-9_-]{8,}/g, 'ae_***'],
  [/\b(AKIA|ASIA)[0-9A-Z]{12,}/g, '$1***'],
  [/\bAIza[0-9A-Za-z_-]{20,}/g, 'AIza***'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 ***'],
  [
    /\b(api[_-]?key|access[_-]?key|secret|token|password|passwd|pwd|signature|credential)s?(["']?\s*[:=]\s*["']?)[^\s"',;&}]+/gi,
    '$1$2***',
  ],
];

const longestLogged = 2_000;

/** A vendor's message fit for the server log: URL credentials and secret-looking values hidden. */
export function redactProviderText(text: string): string {
  const withoutUrls = text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (url) => redactUrl(url));
  const redacted = secretPatterns.reduce(
    (result, [pattern, replacement]) => result.replace(pattern, replacement),
    withoutUrls,
  );
  return redacted.length > longestLogged ? `${redacted.slice(0, longestLogged)}…` : redacted;
}

/** A vendor code shown to clients only when it is a plain identifier (never free text). */
function safeCode(vendorCode: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(vendorCode) ? vendorCode : undefined;
}

function httpPart(status: number | undefined, vendorCode: string): string {
  const parts = [status === undefined ? undefined : `HTTP ${status}`, safeCode(vendorCode)].filter(Boolean);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/**
 * The one table from vendor failures to project codes. Adapters extract status, vendor
 * code and message from their SDK's error shape and call this; nothing else decides.
 * The client gets a stable code and a generic message; the vendor's words (which may hold
 * keys, internal addresses or tracebacks) stay in `details` for the server log.
 */
export function mapVendorFailure(failure: VendorFailure): AppError {
  const { provider, status, vendorCode = '', cause } = failure;
  const details: ProviderFailureDetails = {
    provider,
    status,
    vendorCode: vendorCode || undefined,
    providerMessage: redactProviderText(failure.message),
  };
  const options = { cause, details: { ...details } };
  const http = httpPart(status, vendorCode);
  if (status === 429 || throttlingNames.test(vendorCode)) {
    return new AppError('RATE_LIMITED', `${provider} is limiting requests${http}; retry later`, {
      ...options,
      retryable: true,
    });
  }
  if (status === 408 || status === 504 || timeoutNames.test(vendorCode)) {
    return new AppError('TIMEOUT', `${provider} did not answer in time${http}`, {
      ...options,
      retryable: true,
    });
  }
  if (
    status === 401 ||
    status === 403 ||
    /AccessDenied|Unrecognized|InvalidSignature|Credentials|API_KEY_INVALID/i.test(vendorCode)
  ) {
    return new AppError(
      'PROVIDER_ERROR',
      `${provider} rejected the server's credentials${http}; the operator must check its configuration`,
      { ...options, retryable: false },
    );
  }
  if (status !== undefined && status >= 500) {
    return new AppError('PROVIDER_ERROR', `${provider} failed${http}; retry later`, {
      ...options,
      retryable: true,
    });
  }
  if (status === undefined && networkErrors.test(failure.message)) {
    const errno = /\bE[A-Z]{4,}\b/.exec(failure.message)?.[0];
    return new AppError(
      'PROVIDER_ERROR',
      `${provider} could not be reached${errno === undefined ? '' : ` (${errno})`}`,
      { ...options, retryable: true },
    );
  }
  if (status === undefined && /MALFORMED_RESPONSE/.test(vendorCode)) {
    return new AppError('PROVIDER_ERROR', `${provider} sent a malformed response`, {
      ...options,
      retryable: false,
    });
  }
  return new AppError('PROVIDER_ERROR', `${provider} refused the request${http}`, {
    ...options,
    retryable: false,
  });
}

/** The server-log part of a provider failure, when `error` is one. */
export function providerFailureDetails(error: AppError): ProviderFailureDetails | undefined {
  const details = error.details as Partial<ProviderFailureDetails> | undefined;
  return typeof details?.providerMessage === 'string' ? (details as ProviderFailureDetails) : undefined;
}
