import type { FeatureField, Label, Vocabulary } from '@onemap/domain';

/** A detail field showing a stored code by its label, or as it is when the vocabulary lacks it. */
export function codeField(
  key: string,
  label: Label,
  vocabulary: Vocabulary<string>,
  code: string,
): FeatureField {
  return { key, label, value: vocabulary.labelOf(code) ?? code };
}
