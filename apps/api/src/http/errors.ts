import type { FastifyReply } from 'fastify';
import type { ZodError } from 'zod';

/** 400 naming every failing field, the shape all of /api/v1 uses for bad input. */
export function sendInvalid(reply: FastifyReply, error: ZodError) {
  const fields = error.issues.map((i) => i.path.join('.') || '(input)');
  return reply.code(400).send({
    error: 'bad_request',
    message: error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; '),
    fields,
  });
}
