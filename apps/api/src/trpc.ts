import { initTRPC } from '@trpc/server';
import { ZodError } from 'zod';
import type { AppContext } from './context.js';

/**
 * The one procedure builder every router uses. Validation errors answer 400 with the failing field
 * paths in `data.fields`, so a client (or a person reading the response) sees what to fix.
 */
const t = initTRPC.context<AppContext>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const fields =
      cause instanceof ZodError
        ? cause.issues.map((issue) => ({ path: issue.path.join('.') || '(input)', message: issue.message }))
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

export const router = t.router;
export const publicProcedure = t.procedure;
