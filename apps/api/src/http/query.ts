import { parseBBox } from '@onemap/geo';
import { z } from 'zod';

/** `bbox=west,south,east,north` of a layer request, null when not given; a bad box names the field. */
export const bboxQuerySchema = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined) return null;
    const bbox = parseBBox(text);
    if (typeof bbox === 'string') {
      ctx.addIssue({ code: 'custom', message: bbox });
      return z.NEVER;
    }
    return bbox;
  });
