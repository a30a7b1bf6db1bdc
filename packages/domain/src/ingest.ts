import { z } from 'zod';

/** The sensor-reading ingest contract, shared by HTTP batches and MQTT messages. */

export const MAX_INGEST_BATCH = 10_000;
/** Clock skew tolerated for readings stamped in the future. */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
/** Readings older than this are refused: late data that old belongs in a bulk import. */
export const MAX_READING_AGE_MS = 366 * 86_400_000;

export const readingValueSchema = z.number().refine(Number.isFinite, 'value must be a finite number');

export const ingestReadingSchema = z.object({
  sensorCode: z.string().trim().min(1).max(64),
  ts: z.iso.datetime({ offset: true }),
  value: readingValueSchema,
});
export type IngestReading = z.infer<typeof ingestReadingSchema>;

export interface IngestRejection {
  index: number;
  reason: string;
}

export interface IngestResult {
  accepted: number;
  rejected: IngestRejection[];
}

export const readingsQuerySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
    /** raw: the stored readings; hour: hourly aggregates (kept longer than raw readings). */
    resolution: z.enum(['raw', 'hour']).default('raw'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  });
