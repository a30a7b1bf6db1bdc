import type { FastifyReply } from 'fastify';
import type { ZodError } from 'zod';
import type { Refusal } from '../services/refusal.js';

/** 400 naming every failing field, the shape all of /api/v1 uses for bad input. */
export function sendInvalid(reply: FastifyReply, error: ZodError) {
  const fields = error.issues.map((i) => i.path.join('.') || '(input)');
  return reply.code(400).send({
    error: 'bad_request',
    message: error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; '),
    fields,
  });
}

const REFUSAL_STATUS = { not_found: 404, forbidden: 403, conflict: 409, invalid: 400 } as const;
const REFUSAL_ERROR = {
  not_found: 'not_found',
  forbidden: 'forbidden',
  conflict: 'conflict',
  invalid: 'bad_request',
};

/** A service's refusal on the open interface: 404, 403, 409, or 400 naming the field. */
export function sendRefusal(reply: FastifyReply, refusal: Refusal) {
  return reply.code(REFUSAL_STATUS[refusal.kind]).send({
    error: REFUSAL_ERROR[refusal.kind],
    message: refusal.message,
    ...(refusal.kind === 'invalid' ? { fields: [refusal.field ?? '(input)'] } : {}),
  });
}
