import { pinyin } from 'pinyin-pro';

/** Pinyin without tones or spaces, lower case, for search: "杭州市" → "hangzhoushi". */
export function toPinyin(name: string): string {
  return pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }).join('').toLowerCase();
}
