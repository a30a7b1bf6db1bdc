import { z } from 'zod';
import { type CodeOf, vocabulary } from './vocabulary.js';

/**
 * Early warnings (预警信息发布), modelled on OASIS CAP 1.2 so that what we publish and what other
 * agencies send us are the same thing: our drafts export as CAP, imported CAP is stored as a
 * warning. The CAP enumerations keep their English codes (they are the wire values); the labels
 * are the framework's words.
 */

export const capSeverities = vocabulary({
  Extreme: { zh: '特别严重（红色）', en: 'Extreme' },
  Severe: { zh: '严重（橙色）', en: 'Severe' },
  Moderate: { zh: '较重（黄色）', en: 'Moderate' },
  Minor: { zh: '一般（蓝色）', en: 'Minor' },
  Unknown: { zh: '未知', en: 'Unknown' },
});
export type CapSeverity = CodeOf<typeof capSeverities>;

export const capUrgencies = vocabulary({
  Immediate: { zh: '立即', en: 'Immediate' },
  Expected: { zh: '1小时内', en: 'Expected' },
  Future: { zh: '近期', en: 'Future' },
  Past: { zh: '已过去', en: 'Past' },
  Unknown: { zh: '未知', en: 'Unknown' },
});
export type CapUrgency = CodeOf<typeof capUrgencies>;

export const capCertainties = vocabulary({
  Observed: { zh: '已发生', en: 'Observed' },
  Likely: { zh: '很可能', en: 'Likely' },
  Possible: { zh: '可能', en: 'Possible' },
  Unlikely: { zh: '不太可能', en: 'Unlikely' },
  Unknown: { zh: '未知', en: 'Unknown' },
});
export type CapCertainty = CodeOf<typeof capCertainties>;

export const capCategories = vocabulary({
  Geo: { zh: '地质', en: 'Geophysical' },
  Met: { zh: '气象', en: 'Meteorological' },
  Safety: { zh: '安全', en: 'Public safety' },
  Security: { zh: '治安', en: 'Security' },
  Rescue: { zh: '救援', en: 'Rescue' },
  Fire: { zh: '火灾', en: 'Fire' },
  Health: { zh: '卫生', en: 'Health' },
  Env: { zh: '环境', en: 'Environment' },
  Transport: { zh: '交通', en: 'Transport' },
  Infra: { zh: '基础设施', en: 'Infrastructure' },
  CBRNE: { zh: '危化与核生', en: 'CBRNE' },
  Other: { zh: '其他', en: 'Other' },
});
export type CapCategory = CodeOf<typeof capCategories>;

/** Where a warning stands in our workflow: drafted, published (CAP Alert/Update), cancelled (CAP Cancel). */
export const warningStatuses = vocabulary({
  draft: { zh: '草稿', en: 'Draft' },
  published: { zh: '已发布', en: 'Published' },
  cancelled: { zh: '已解除', en: 'Cancelled' },
});
export type WarningStatus = CodeOf<typeof warningStatuses>;

/** Ours (drafted here) or imported from another agency's CAP feed. */
export type WarningSource = 'own' | 'imported';

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]) as z.ZodType<
  [number, number]
>;

/**
 * One part of a warning's area, as CAP 1.2 describes them: a polygon (closed ring, ≥ 4 points),
 * a circle (centre and radius in km), or administrative regions (CAP geocode, GB/T 2260 codes).
 */
export const warningAreaSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('polygon'),
    /** [lon, lat] pairs; the first and last are the same (a ring closes itself, as in CAP). */
    ring: z
      .array(lonLat)
      .min(4, 'a polygon needs at least 4 points, the last equal to the first')
      .max(2000)
      .refine(
        (r) => r.length < 4 || (r[0]?.[0] === r.at(-1)?.[0] && r[0]?.[1] === r.at(-1)?.[1]),
        'a polygon ring must end where it starts',
      ),
  }),
  z.object({
    kind: z.literal('circle'),
    center: lonLat,
    radiusKm: z.number().positive().max(2000),
  }),
  z.object({
    kind: z.literal('regions'),
    codes: z
      .array(z.string().regex(/^\d{6}$/, 'a region code is 6 digits (GB/T 2260)'))
      .min(1)
      .max(500),
  }),
]);
export type WarningArea = z.infer<typeof warningAreaSchema>;

export const warningAreasSchema = z.array(warningAreaSchema).min(1, 'a warning needs an area').max(50);

/** What a duty officer fills in to draft (or update) a warning. */
export const warningDraftSchema = z
  .object({
    event: z.string().trim().min(1, 'event must not be empty').max(100),
    category: capCategories.schema,
    severity: capSeverities.schema,
    urgency: capUrgencies.schema,
    certainty: capCertainties.schema,
    headline: z.string().trim().min(1, 'headline must not be empty').max(160),
    description: z.string().trim().max(4000).default(''),
    instruction: z.string().trim().max(2000).default(''),
    /** CAP areaDesc: the area in words, as the public reads it. */
    areaDesc: z.string().trim().min(1, 'areaDesc must not be empty').max(200),
    areas: warningAreasSchema,
    effective: z.iso.datetime({ offset: true }),
    expires: z.iso.datetime({ offset: true }),
  })
  .refine((w) => Date.parse(w.expires) > Date.parse(w.effective), {
    message: 'expires must be after effective',
    path: ['expires'],
  });
export type WarningDraft = z.input<typeof warningDraftSchema>;

export const warningIdSchema = z.object({ id: z.number().int().positive() });
export const warningUpdateSchema = z.object({ id: z.number().int().positive(), draft: warningDraftSchema });
export const warningCancelSchema = z.object({
  id: z.number().int().positive(),
  reason: z.string().trim().max(500).default(''),
});

export const warningQuerySchema = z.object({
  /** active: published and not expired (what is in force now); all: every state and time. */
  scope: z.enum(['active', 'all', 'drafts']).default('active'),
  limit: z.number().int().min(1).max(1000).default(200),
});
export type WarningQuery = z.input<typeof warningQuerySchema>;

/** Estimated population inside an area, before publishing. */
export const populationEstimateInputSchema = z.object({ areas: warningAreasSchema });

export interface PopulationEstimate {
  /** People inside the area, summed over the counties it covers, each weighted by the share covered. */
  population: number;
  /**
   * The most affected regions (counties, or prefectures without counties), most people first:
   * the people of each inside the area, and `share` the fraction (0–1) of its land the area covers.
   */
  regions: Array<{ code: string; name: string; population: number; share: number }>;
}

/** The CAP message type a warning was last sent as: first publication, a change, a cancellation. */
export type CapMsgType = 'Alert' | 'Update' | 'Cancel';

/** Which warning it is, whose, where it stands, and the CAP message it was last sent as. */
export interface WarningHeader {
  id: number;
  /** CAP identifier of the latest message sent (an Update or Cancel gets a new one), unique per sender. */
  identifier: string;
  sender: string;
  /** CAP senderName: the agency as people know it (中国气象局, 浙江省应急管理厅…); null when not given. */
  senderName: string | null;
  source: WarningSource;
  status: WarningStatus;
  msgType: CapMsgType;
  /** When it was last sent (published, updated or cancelled); null for a draft. */
  sent: string | null;
}

/** What a warning says, as CAP's `<info>` says it: the event, how grave, what to do, where and when. */
export interface WarningInfo {
  event: string;
  category: CapCategory;
  severity: CapSeverity;
  urgency: CapUrgency;
  certainty: CapCertainty;
  headline: string;
  description: string;
  instruction: string;
  /** CAP areaDesc: the area in words, as the public reads it. */
  areaDesc: string;
  areas: WarningArea[];
  effective: string;
  expires: string;
}

export interface WarningSummary extends WarningHeader, WarningInfo {
  /** The region that drafted or imported it: only that region may change it. */
  regionCode: string;
  /** Whether the caller may update, publish or cancel it: ours, of the caller's region, not cancelled. */
  editable: boolean;
  /** CAP note: the reason given when it was cancelled. */
  note: string | null;
  populationEstimate: number | null;
  createdBy: string;
  updatedAt: string;
}

/** What the public zone sees of a published warning. */
export interface PublishedWarning extends Omit<WarningInfo, 'category' | 'certainty'> {
  id: number;
  sender: string;
}

/** The properties of each feature of `GET /api/v1/warnings.geojson` (geometry: the area, a MultiPolygon). */
export interface WarningFeatureProperties
  extends WarningHeader,
    Omit<WarningInfo, 'description' | 'instruction' | 'areas'> {}

/**
 * Why a CAP document sent to `POST /api/v1/ingest/cap` was refused, as the `reason` of the 4xx body:
 * short and stable, so ingest statistics can count them (the `message` says the details).
 */
export const capRejectionReasons = [
  'unsupported_media_type',
  'too_large',
  'not_utf8',
  'encoding_not_utf8',
  'doctype_forbidden',
  'malformed_xml',
  'schema_invalid',
  'unsupported_status',
  'unsupported_msg_type',
  'unsupported_scope',
  'missing_info',
  'missing_expires',
  'expires_before_effective',
  'missing_area',
  'invalid_polygon',
  'invalid_circle',
  'area_without_geometry',
  'unknown_reference',
  'identifier_taken',
  'not_editable',
] as const;
export type CapRejectionReason = (typeof capRejectionReasons)[number];
