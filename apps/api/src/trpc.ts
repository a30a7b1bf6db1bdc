import { type Access, allows } from '@onemap/domain';
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { AppContext } from './context.js';
import { actorOf } from './services/actor.js';
import { appendAudit } from './services/audit.js';
import { Refusal } from './services/refusal.js';

/**
 * The one procedure builder every router uses. Each procedure states its access rule —
 * `procedure('public')` or `procedure('users.manage')` — and a procedure without one is refused at
 * call time (fail closed), so a new route cannot forget authorization. Every mutation is written to
 * the audit trail with its outcome; denials are too.
 */
interface Meta {
  access?: Access;
}

const t = initTRPC
  .context<AppContext>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const fields =
        cause instanceof ZodError
          ? cause.issues.map((issue) => ({ path: issue.path.join('.') || '(input)', message: issue.message }))
          : cause instanceof FieldError
            ? [{ path: cause.field, message: cause.message }]
            : undefined;
      return {
        ...shape,
        message: fields
          ? `invalid input: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`
          : shape.message,
        data: { ...shape.data, stack: undefined, fields },
      };
    },
  });

/** A service's "this field is wrong", answered as 400 naming the field like a schema failure. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export function badField(field: string, message: string): TRPCError {
  return new TRPCError({ code: 'BAD_REQUEST', message, cause: new FieldError(field, message) });
}

const TRPC_CODES = { not_found: 'NOT_FOUND', forbidden: 'FORBIDDEN', conflict: 'CONFLICT' } as const;

/**
 * A service's refusal as a tRPC error (404, 403, 409, or 400 naming the field); anything else is
 * rethrown. `fieldPrefix` names a bad field from the procedure's input when the service saw a
 * nested part of it.
 */
export const asTrpcError =
  (fieldPrefix = '') =>
  (error: unknown): never => {
    if (error instanceof Refusal) {
      if (error.kind === 'invalid')
        throw badField(`${fieldPrefix}${error.field ?? '(input)'}`, error.message);
      throw new TRPCError({ code: TRPC_CODES[error.kind], message: error.message });
    }
    throw error;
  };

const SECRET_KEYS = /password|token|secret/i;

/** The input as the audit trail keeps it: secrets replaced, long text cut. */
export function redact(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 500 ? `${value.slice(0, 500)}…` : value;
  if (Array.isArray(value)) return value.slice(0, 50).map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}

const guarded = t.procedure.use(async ({ ctx, meta, path, type, next, getRawInput }) => {
  const access = meta?.access;
  const audit = (outcome: 'success' | 'denied' | 'failure', details: Record<string, unknown> | null) =>
    appendAudit(ctx.db.sql, { ...actorOf(ctx.principal), action: path, ip: ctx.ip, outcome, details });
  if (!access || !allows(ctx.principal, access)) {
    if (ctx.principal.kind === 'anonymous') {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
    }
    await audit('denied', { reason: access ? `needs ${access}` : 'procedure has no access rule' });
    throw new TRPCError({ code: 'FORBIDDEN', message: access ? `needs ${access}` : 'no access rule' });
  }
  const result = await next();
  if (type === 'mutation') {
    const input = await getRawInput().catch(() => undefined);
    await audit(result.ok ? 'success' : 'failure', {
      input: redact(input) ?? null,
      ...(result.ok ? {} : { error: result.error.code }),
    });
  }
  return result;
});

export const router = t.router;

/** A procedure open to the given access rule: 'public' for the public zone, else a permission. */
export function procedure(access: Access) {
  return guarded.meta({ access });
}

/** For the authorization matrix test: the procedures and their rules, discovered from the router. */
export type { Meta as ProcedureMeta };
