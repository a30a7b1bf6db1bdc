/** A non-2xx answer from one of the plain HTTP endpoints (tiles, links, sign-in). */
export class HttpError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(`${url}: HTTP ${status}`);
    this.name = 'HttpError';
  }
}

export interface FieldError {
  path: string;
  message: string;
}

/** The parts of a tRPC client error the UI reads; duck-typed so plain errors pass through. */
interface TrpcErrorLike {
  data?: { code?: unknown; fields?: unknown } | null;
}

/** The tRPC error code ('UNAUTHORIZED', 'FORBIDDEN', …) or the HTTP status as one, or null. */
export function errorCode(error: unknown): string | null {
  if (error instanceof HttpError) {
    if (error.status === 401) return 'UNAUTHORIZED';
    if (error.status === 403) return 'FORBIDDEN';
    return null;
  }
  const code = (error as TrpcErrorLike | null)?.data?.code;
  return typeof code === 'string' ? code : null;
}

/** The session is gone (expired, revoked, signed out elsewhere): the user must sign in again. */
export function isUnauthorized(error: unknown): boolean {
  return errorCode(error) === 'UNAUTHORIZED';
}

/**
 * React Query's retry rule: transient failures are retried a few times, an answer about who the
 * user is never is — asking again gives the same answer, only later.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  const code = errorCode(error);
  return failureCount < 3 && code !== 'UNAUTHORIZED' && code !== 'FORBIDDEN';
}

/** Validation errors of a tRPC answer by field path (the API's `data.fields`), first message per field. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const fields = (error as TrpcErrorLike | null)?.data?.fields;
  const out: Record<string, string> = {};
  if (!Array.isArray(fields)) return out;
  for (const f of fields as Partial<FieldError>[]) {
    if (typeof f?.path === 'string' && typeof f.message === 'string' && !(f.path in out)) {
      out[f.path] = f.message;
    }
  }
  return out;
}
