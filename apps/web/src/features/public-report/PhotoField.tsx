import { reportPhotoTypes } from '@onemap/domain';
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { checkPhoto, type FieldProblem, PHOTO_HEAD_BYTES, PHOTO_MAX_MB } from './report-request';

/**
 * The optional photo: checked here (type, size, and its first bytes) before it is kept, shown as a
 * thumbnail, and removable. A refused file is not kept, so nothing the API would refuse is sent.
 */
export function PhotoField({
  photo,
  error,
  onChange,
}: {
  photo: File | null;
  error: FieldProblem | undefined;
  onChange(photo: File | null, problem: FieldProblem | null): void;
}) {
  const { t } = useT();
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<string | null>(null);

  useEffect(() => {
    if (!photo) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(photo);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);

  const clearInput = () => {
    if (input.current) input.current.value = '';
  };

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const head = await file
      .slice(0, PHOTO_HEAD_BYTES)
      .arrayBuffer()
      .then((b) => new Uint8Array(b))
      // A file that cannot be read (gone from the phone, no permission) is no photo.
      .catch(() => new Uint8Array());
    const problem = checkPhoto(file, head);
    if (problem) clearInput();
    onChange(problem ? null : file, problem);
  };

  const remove = () => {
    clearInput();
    onChange(null, null);
  };

  return (
    <fieldset className={`public-report-field${error ? ' has-error' : ''}`}>
      <legend>{t('report.photo')}</legend>
      {photo && preview ? (
        <div className="public-report-photo-chosen">
          <img className="public-report-photo-preview" src={preview} alt={t('report.photoPreview')} />
          <button
            type="button"
            className="public-report-button"
            data-testid="report-photo-remove"
            onClick={remove}
          >
            {t('report.photoRemove')}
          </button>
        </div>
      ) : null}
      {/* The native input is hidden from sight, not from the keyboard: it takes the focus, and
          the label around it is the big button a finger finds. */}
      <label className="public-report-button public-report-photo-pick">
        <input
          ref={input}
          id="report-field-photo"
          className="visually-hidden"
          type="file"
          accept={reportPhotoTypes.join(',')}
          data-testid="report-photo"
          aria-describedby={error ? 'report-photo-hint report-photo-error' : 'report-photo-hint'}
          aria-invalid={error ? true : undefined}
          onChange={choose}
        />
        <span className="public-report-camera-icon" aria-hidden="true" />
        {t('report.photoAdd')}
      </label>
      <p className="field-hint" id="report-photo-hint">
        {t('report.photoHint', { max: PHOTO_MAX_MB })}
      </p>
      {error && (
        <p className="field-error" id="report-photo-error" data-testid="report-error-photo" role="alert">
          {t(error.key, error.params)}
        </p>
      )}
    </fieldset>
  );
}
