import { z } from 'zod';
import { latSchema, lonSchema } from './incidents.js';
import type { IncidentType, ReportStatus } from './vocabulary.js';
import { type CodeOf, vocabulary } from './vocabulary.js';

/**
 * Public reports (全民感知) as pure rules: what the public may report, the intake schema of
 * `POST /api/v1/reports`, the limits on a photo, and the operator's review of the queue.
 */

/** What members of the public report, in their words rather than the national classification. */
export const publicReportCategories = vocabulary({
  fire: { zh: '着火', en: 'Fire' },
  flood: { zh: '积水/洪水', en: 'Flooding' },
  landslide: { zh: '山体滑坡/泥石流', en: 'Landslide / mudslide' },
  road_collapse: { zh: '道路塌陷', en: 'Road collapse' },
  chemical_smell: { zh: '化学品异味', en: 'Chemical smell' },
  injured_people: { zh: '有人受伤', en: 'Injured people' },
  other: { zh: '其他', en: 'Other' },
});
export type PublicReportCategory = CodeOf<typeof publicReportCategories>;

/**
 * The incident type an operator is offered first when opening an incident from a report; null
 * where the category says too little: an injury may be a traffic accident or a fall, and a road
 * collapse may be ground subsidence (geological) or a works accident.
 */
export const reportCategoryIncidentType: Readonly<Record<PublicReportCategory, IncidentType | null>> = {
  fire: 'fire',
  flood: 'flood',
  landslide: 'landslide',
  road_collapse: null,
  chemical_smell: 'hazchem_leak',
  injured_people: null,
  other: null,
};

/** The JSON (or multipart fields) of a public report; the photo is checked separately (I/O). */
export const publicReportSchema = z.object({
  category: publicReportCategories.schema,
  description: z
    .string()
    .trim()
    .min(1, 'description must not be empty')
    .max(1000, 'description must be at most 1000 characters'),
  lon: lonSchema,
  lat: latSchema,
  /** A phone number or any other way to reach the reporter; an empty field is no contact. */
  contact: z
    .string()
    .trim()
    .max(100, 'contact must be at most 100 characters')
    .optional()
    .transform((s) => (s === '' ? undefined : s)),
});
export type PublicReportInput = z.input<typeof publicReportSchema>;
export type PublicReport = z.output<typeof publicReportSchema>;

/** A photo may be at most this large as uploaded; it is re-encoded smaller. */
export const REPORT_PHOTO_MAX_BYTES = 8 * 1024 * 1024;
/** The longest edge of a stored photo, px: enough to judge a scene, small enough to keep. */
export const REPORT_PHOTO_MAX_EDGE = 1600;
/** What phones send: JPEG, PNG, WebP (HEIC is converted by the phone's browser for uploads). */
export const reportPhotoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** Reports from one source within an hour beyond which more are refused (a flood, not a witness). */
export const REPORTS_PER_SOURCE_PER_HOUR = 20;

/** What the reporter is told: the reference to quote when calling, and when it was received. */
export interface ReportReceipt {
  reference: string;
  receivedAt: string;
  status: ReportStatus;
}

export const reportQueueQuerySchema = z.object({
  status: z
    .array(z.enum(['pending', 'verified', 'rejected', 'merged']))
    .max(4)
    .default(['pending']),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const reportRejectSchema = z.object({
  ids: z.array(z.number().int().positive()).min(1).max(200),
  note: z.string().trim().min(1, 'say why it is rejected').max(500),
});

/** Attach reports to an existing incident (they confirm or add to it). */
export const reportMergeSchema = z.object({
  ids: z.array(z.number().int().positive()).min(1).max(200),
  incidentId: z.number().int().positive(),
  note: z.string().trim().max(500).optional(),
});

export interface ReportView {
  id: number;
  reference: string;
  category: PublicReportCategory;
  description: string;
  /** Masked unless the caller may read sensitive data. */
  contact: string | null;
  status: ReportStatus;
  regionCode: string | null;
  regionName: string | null;
  incidentId: number | null;
  incidentCode: string | null;
  receivedAt: string;
  reviewedBy: string | null;
  reviewNote: string | null;
  lon: number;
  lat: number;
  hasPhoto: boolean;
  /** The id of the cluster of nearby pending reports this one belongs to, if any. */
  cluster: number | null;
}

/** Nearby pending reports that together suggest an incident. */
export interface ReportCluster {
  id: number;
  reportIds: number[];
  lon: number;
  lat: number;
  /** The categories present, most frequent first. */
  categories: PublicReportCategory[];
  /** What to open it as, when the categories say so. */
  suggestedType: IncidentType | null;
}

/** Reports within this distance of each other (chained) form a cluster. */
export const REPORT_CLUSTER_RADIUS_KM = 1;
/** A cluster needs this many reports to suggest an incident. */
export const REPORT_CLUSTER_MIN = 3;
