import { describe, expect, it } from 'vitest';
import { decideRoute, isPublicPage, pageOf } from '../src/app/route';
import { CSRF_HEADER, csrfHeaders, readCookie } from '../src/data/cookies';
import { errorCode, fieldErrorsOf, HttpError, isUnauthorized, shouldRetry } from '../src/data/errors';
import { interpretSignIn } from '../src/data/session';

describe('cookies', () => {
  it('reads one cookie out of document.cookie', () => {
    const jar = 'onemap_lang=zh; onemap_csrf=abc%2Fdef; other=1';
    expect(readCookie(jar, 'onemap_csrf')).toBe('abc/def');
    expect(readCookie(jar, 'other')).toBe('1');
    expect(readCookie(jar, 'missing')).toBeNull();
    expect(readCookie('', 'onemap_csrf')).toBeNull();
  });

  it('does not match a cookie whose name only ends like the one asked for', () => {
    expect(readCookie('x_onemap_csrf=evil; onemap_csrf=good', 'onemap_csrf')).toBe('good');
    expect(readCookie('x_onemap_csrf=evil', 'onemap_csrf')).toBeNull();
  });

  it('keeps a value that is not valid percent-encoding as it is', () => {
    expect(readCookie('onemap_csrf=50%', 'onemap_csrf')).toBe('50%');
  });

  it('sends the CSRF header only when the cookie is there', () => {
    expect(csrfHeaders('onemap_csrf=t0k3n')).toEqual({ [CSRF_HEADER]: 't0k3n' });
    expect(csrfHeaders('onemap_session=secret')).toEqual({});
  });
});

describe('route guard', () => {
  it('opens the public zone to everyone without waiting for the session', () => {
    for (const session of ['pending', 'anonymous', 'signedIn'] as const) {
      expect(decideRoute('/public', session)).toEqual({ kind: 'show', page: 'public' });
      expect(decideRoute('/report', session)).toEqual({ kind: 'show', page: 'report' });
    }
    expect(pageOf('/public/')).toBe('public');
    expect(pageOf('/report/')).toBe('report');
    expect(isPublicPage('report')).toBe(true);
    expect(isPublicPage('shell')).toBe(false);
  });

  it('sends anonymous visitors of internal pages to the sign-in page', () => {
    expect(decideRoute('/', 'anonymous')).toEqual({ kind: 'redirect', to: '/login' });
    expect(decideRoute('/anything/else', 'anonymous')).toEqual({ kind: 'redirect', to: '/login' });
  });

  it('shows nothing internal before the session is known', () => {
    expect(decideRoute('/', 'pending')).toEqual({ kind: 'wait' });
    expect(decideRoute('/login', 'pending')).toEqual({ kind: 'wait' });
  });

  it('shows the shell to a signed-in user and keeps them off the sign-in page', () => {
    expect(decideRoute('/', 'signedIn')).toEqual({ kind: 'show', page: 'shell' });
    expect(decideRoute('/login', 'signedIn')).toEqual({ kind: 'redirect', to: '/' });
    expect(decideRoute('/login', 'anonymous')).toEqual({ kind: 'show', page: 'login' });
  });
});

describe('errors', () => {
  it('reads tRPC error codes and HTTP refusals alike', () => {
    expect(errorCode({ data: { code: 'FORBIDDEN' } })).toBe('FORBIDDEN');
    expect(isUnauthorized({ data: { code: 'UNAUTHORIZED' } })).toBe(true);
    expect(isUnauthorized(new HttpError('/api/v1/layers/sensors/tiles/5/1/2.bin', 401))).toBe(true);
    expect(isUnauthorized(new HttpError('/x', 500))).toBe(false);
    expect(isUnauthorized(new Error('network'))).toBe(false);
    expect(isUnauthorized(null)).toBe(false);
  });

  it('retries transient failures, never a refusal', () => {
    expect(shouldRetry(0, new Error('network'))).toBe(true);
    expect(shouldRetry(3, new Error('network'))).toBe(false);
    expect(shouldRetry(0, { data: { code: 'UNAUTHORIZED' } })).toBe(false);
    expect(shouldRetry(0, new HttpError('/x', 403))).toBe(false);
  });

  it('collects field errors, first message per field', () => {
    const error = {
      data: {
        code: 'BAD_REQUEST',
        fields: [
          { path: 'username', message: 'taken' },
          { path: 'username', message: 'second' },
          { path: 'password', message: 'too short' },
          { nonsense: true },
        ],
      },
    };
    expect(fieldErrorsOf(error)).toEqual({ username: 'taken', password: 'too short' });
    expect(fieldErrorsOf(new Error('x'))).toEqual({});
  });
});

describe('sign-in answers', () => {
  it('reads success, wrong credentials and malformed input', () => {
    expect(interpretSignIn(200, { token: 't', user: {} }, null)).toEqual({ ok: true });
    expect(interpretSignIn(401, { error: 'invalid_credentials', message: 'wrong' }, null)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(interpretSignIn(400, { error: 'bad_request', fields: ['password'] }, null)).toEqual({
      ok: false,
      reason: 'invalidInput',
      fields: ['password'],
    });
    expect(interpretSignIn(500, null, null)).toEqual({ ok: false, reason: 'failed', status: 500 });
  });

  it('says how long to wait when locked out or rate limited', () => {
    expect(interpretSignIn(429, { error: 'too_many_attempts', retryAfterSeconds: 299.2 }, '300')).toEqual({
      ok: false,
      reason: 'locked',
      retryAfterSeconds: 300,
    });
    // The rate limiter answers in its own shape; its Retry-After header still says how long.
    expect(interpretSignIn(429, { statusCode: 429, message: 'Rate limit exceeded' }, '42')).toEqual({
      ok: false,
      reason: 'locked',
      retryAfterSeconds: 42,
    });
    expect(interpretSignIn(429, null, null)).toEqual({
      ok: false,
      reason: 'locked',
      retryAfterSeconds: null,
    });
  });
});
