import { createHash, randomBytes } from 'node:crypto';
import fastifyMultipart from '@fastify/multipart';
import { publicReportSchema, REPORT_PHOTO_MAX_BYTES } from '@onemap/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServerState } from '../context.js';
import { PhotoRefusal, type PreparedPhoto, preparePhoto } from '../services/report-photos.js';
import { ReportFloodError, reportPhoto, submitReport } from '../services/reports.js';
import { scopeOf } from '../services/scope.js';
import { sendInvalid } from './errors.js';

/**
 * Where a report came from, as the flood rule (REPORTS_PER_SOURCE_PER_HOUR) counts it: SHA-256 of
 * the client address with a salt drawn when the process starts. The hash is stored with the
 * report, so it must not give the address back: unsalted, hashing all 2³² IPv4 addresses would.
 * The price of a salt that lives only as long as the process: the count starts over after a
 * restart, and each API replica counts on its own.
 */
const SOURCE_SALT = randomBytes(32);

export function sourceHashOf(ip: string): string {
  return createHash('sha256').update(SOURCE_SALT).update(ip).digest('hex');
}

/** Requests a minute to the report intake per client address: a witness sends one or two. */
const REPORTS_PER_MINUTE = 10;

/**
 * Multipart limits. A field's text is cut at FIELD_BYTES, beyond the longest a report's fields
 * allow, so a cut field still fails its schema rather than passing shortened.
 */
const FIELD_BYTES = 8 * 1024;
const MULTIPART_LIMITS = {
  fileSize: REPORT_PHOTO_MAX_BYTES,
  files: 1,
  fields: 10,
  parts: 12,
  fieldSize: FIELD_BYTES,
};

/** A form field's number arrives as text; anything but a number's text is left for the schema to name. */
const formNumber = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

const formReportSchema = publicReportSchema.extend({
  lon: z.preprocess(formNumber, publicReportSchema.shape.lon),
  lat: z.preprocess(formNumber, publicReportSchema.shape.lat),
});

const photoParamsSchema = z.object({
  id: z
    .string()
    .regex(/^\d{1,9}$/, 'expected a report id')
    .transform(Number),
});

/** A request refused before anything is stored, with the field it names. */
class IntakeRefusal extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 429,
    readonly error: string,
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/** The multipart plugin's refusals of a form, by their codes. */
const FORM_REFUSALS: Record<string, () => IntakeRefusal> = {
  FST_REQ_FILE_TOO_LARGE: () =>
    new IntakeRefusal(413, 'too_large', `the photo may be at most ${REPORT_PHOTO_MAX_BYTES} bytes`, 'photo'),
  FST_FILES_LIMIT: () => new IntakeRefusal(413, 'too_large', 'send at most one photo', 'photo'),
  FST_FIELDS_LIMIT: () =>
    new IntakeRefusal(413, 'too_large', `send at most ${MULTIPART_LIMITS.fields} fields`, '(body)'),
  FST_PARTS_LIMIT: () =>
    new IntakeRefusal(413, 'too_large', `send at most ${MULTIPART_LIMITS.parts} parts`, '(body)'),
};

interface Intake {
  fields: unknown;
  photo: { bytes: Buffer; type: string } | null;
  multipart: boolean;
}

/** A multipart form's fields (values as sent: text, or JSON where a part says so) and its photo. */
async function readForm(request: FastifyRequest): Promise<Intake> {
  const fields: Record<string, unknown> = {};
  let photo: Intake['photo'] = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'photo') {
          throw new IntakeRefusal(
            400,
            'bad_request',
            'the only file a report takes is `photo`',
            part.fieldname,
          );
        }
        const bytes = await part.toBuffer();
        // A form whose file input was left empty still sends the part, with no name and no bytes.
        if (bytes.length > 0 || part.filename !== '') photo = { bytes, type: part.mimetype };
      } else {
        if (part.fieldname in fields) {
          throw new IntakeRefusal(
            400,
            'bad_request',
            `${part.fieldname} is sent more than once`,
            part.fieldname,
          );
        }
        fields[part.fieldname] = part.value;
      }
    }
  } catch (error) {
    if (error instanceof IntakeRefusal) throw error;
    const code = (error as { code?: string }).code ?? '';
    const known = FORM_REFUSALS[code];
    if (known) throw known();
    // Anything else here is a body that is not a well-formed form: the sender's doing.
    throw new IntakeRefusal(
      400,
      'bad_request',
      `the form could not be read: ${(error as Error).message}`.slice(0, 300),
      '(body)',
    );
  }
  return { fields, photo, multipart: true };
}

/** A photo refused by its content: too large (bytes or pixels) is 413, anything else 415. */
async function checkedPhoto(photo: Intake['photo']): Promise<PreparedPhoto | null> {
  if (!photo) return null;
  try {
    return await preparePhoto(photo.bytes, photo.type);
  } catch (error) {
    if (!(error instanceof PhotoRefusal)) throw error;
    throw error.problem === 'too_large'
      ? new IntakeRefusal(413, 'too_large', error.message, 'photo')
      : new IntakeRefusal(415, 'unsupported_media_type', error.message, 'photo');
  }
}

function refuse(reply: FastifyReply, refusal: IntakeRefusal) {
  return reply
    .code(refusal.status)
    .send({ error: refusal.error, message: refusal.message, fields: [refusal.field] });
}

/**
 * Public reports on the open interface: anyone may send one (JSON, or a form with a photo), and
 * operators fetch a report's photo.
 */
export function registerReportRoutes(app: FastifyInstance, state: () => ServerState): void {
  // Forms are parsed only for the intake, inside this plugin's scope; the rest of the API keeps
  // refusing multipart bodies.
  app.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: MULTIPART_LIMITS });
    scope.post(
      '/api/v1/reports',
      {
        // A JSON report is a few KB at most; a form streams through the multipart limits instead.
        bodyLimit: 16 * 1024,
        config: {
          access: 'public',
          rateLimit: { max: REPORTS_PER_MINUTE, timeWindow: '1 minute' },
        },
      },
      async (request, reply) => {
        try {
          const intake: Intake = request.isMultipart()
            ? await readForm(request)
            : { fields: request.body, photo: null, multipart: false };
          const parsed = (intake.multipart ? formReportSchema : publicReportSchema).safeParse(intake.fields);
          if (!parsed.success) return sendInvalid(reply, parsed.error);
          const photo = await checkedPhoto(intake.photo);
          const { db, operations } = state();
          const report = await submitReport(db.sql, parsed.data, photo, sourceHashOf(request.ip)).catch(
            (error: unknown) => {
              if (!(error instanceof ReportFloodError)) throw error;
              throw new IntakeRefusal(429, 'too_many_reports', error.message, '(body)');
            },
          );
          operations.publish([
            { kind: 'report', id: report.id, status: report.receipt.status, regionCode: report.regionCode },
          ]);
          return reply.code(202).send(report.receipt);
        } catch (error) {
          if (error instanceof IntakeRefusal) return refuse(reply, error);
          throw error;
        }
      },
    );
  });

  app.get('/api/v1/reports/:id/photo', { config: { access: 'incidents.manage' } }, async (request, reply) => {
    const params = photoParamsSchema.safeParse(request.params);
    if (!params.success) return sendInvalid(reply, params.error);
    const photo = await reportPhoto(state().db.sql, scopeOf(request.principal), params.data.id);
    if (!photo) {
      return reply.code(404).send({ error: 'not_found', message: `no photo of report ${params.data.id}` });
    }
    return reply.type(photo.mime).header('cache-control', 'private, max-age=3600').send(photo.bytes);
  });
}
