import { REPORT_PHOTO_MAX_BYTES, REPORT_PHOTO_MAX_EDGE } from '@onemap/domain';
import sharp from 'sharp';
import { Refusal } from './refusal.js';

/**
 * The photo of a public report, made safe to keep and to show: only a real JPEG, PNG or WebP is
 * taken, turned upright, scaled to fit REPORT_PHOTO_MAX_EDGE and re-encoded as a JPEG without any
 * of its metadata — a phone's photo carries the reporter's exact position (EXIF GPS), the device
 * and often a name, none of which an operator needs and all of which would leak if it were shown.
 */

/** A photo as stored: always a JPEG, with its pixel size. */
export interface PreparedPhoto {
  mime: 'image/jpeg';
  width: number;
  height: number;
  bytes: Buffer;
}

/** Why a photo was refused: the HTTP layer answers 413 for `too_large`, 415 otherwise. */
export type PhotoProblem = 'too_large' | 'not_an_image';

export class PhotoRefusal extends Refusal {
  override name = 'PhotoRefusal';
  constructor(
    readonly problem: PhotoProblem,
    message: string,
  ) {
    super('invalid', message, 'photo');
  }
}

/**
 * Pixels a photo may decode to (~216 MB as RGB). Phone cameras' full-resolution modes reach 64 MP
 * (9248 × 6936); the 108 and 200 MP ones rarely fit REPORT_PHOTO_MAX_BYTES as a JPEG, while a
 * small PNG claiming far more pixels is a decompression bomb meant to exhaust memory.
 */
const MAX_INPUT_PIXELS = 72_000_000;

/** Encoder quality: a scene stays easy to judge at about a tenth of the camera's size. */
const JPEG_QUALITY = 82;

/**
 * The formats taken, by their leading bytes. They are checked before sharp sees the bytes, so
 * that its loaders for everything else (SVG, PDF, TIFF, HEIF, …) never parse what the public sent.
 */
const SIGNATURES: ReadonlyArray<{ format: 'jpeg' | 'png' | 'webp'; test: (b: Buffer) => boolean }> = [
  { format: 'jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    format: 'png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    format: 'webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

const ACCEPTED = 'a JPEG, PNG or WebP image';

/**
 * Checks an uploaded photo by its content (the declared type and the file name are the sender's
 * word, so they only help word a refusal) and re-encodes it for keeping.
 *
 * @throws PhotoRefusal when it is too large (in bytes, or in the pixels it claims), not one of the
 *   accepted formats, or unreadable.
 */
export async function preparePhoto(bytes: Buffer, declaredType?: string): Promise<PreparedPhoto> {
  if (bytes.length > REPORT_PHOTO_MAX_BYTES) {
    throw new PhotoRefusal(
      'too_large',
      `the photo is ${bytes.length} bytes; at most ${REPORT_PHOTO_MAX_BYTES} bytes are accepted`,
    );
  }
  const sent = declaredType ? ` (sent as ${declaredType.slice(0, 60)})` : '';
  const signature = SIGNATURES.find((s) => s.test(bytes));
  if (!signature) throw new PhotoRefusal('not_an_image', `the photo${sent} is not ${ACCEPTED}`);
  const unreadable = (reason: string) =>
    new PhotoRefusal(
      'not_an_image',
      `the photo${sent} could not be read as ${ACCEPTED}: ${reason.slice(0, 200)}`,
    );
  // The header alone, to refuse a decompression bomb by what it claims before decoding a pixel.
  const header = await sharp(bytes, { limitInputPixels: false })
    .metadata()
    .catch((error: Error) => {
      throw unreadable(error.message);
    });
  if (header.format !== signature.format) throw unreadable(`its content reads as ${header.format}`);
  if (header.width * header.height > MAX_INPUT_PIXELS) {
    throw new PhotoRefusal(
      'too_large',
      `the photo is ${header.width} × ${header.height} pixels; at most ${MAX_INPUT_PIXELS / 1e6} megapixels are accepted`,
    );
  }
  // 'error', not sharp's strictest 'warning': phones write JPEGs with harmless quirks (a stray
  // byte after a segment), and a witness's photo is worth more than a perfect file.
  const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .autoOrient()
    .resize({
      width: REPORT_PHOTO_MAX_EDGE,
      height: REPORT_PHOTO_MAX_EDGE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    // A transparent PNG or WebP would otherwise turn black where it was clear.
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: JPEG_QUALITY })
    .toBuffer({ resolveWithObject: true })
    .catch((error: Error) => {
      throw unreadable(error.message);
    });
  return { mime: 'image/jpeg', width: info.width, height: info.height, bytes: data };
}
