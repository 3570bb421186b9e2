/** Labelled form fields (every input has a visible label and optional help text). */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { useConsole } from '../context';

interface FieldProps {
  readonly label: string;
  readonly name: string;
  readonly help?: string;
  readonly required?: boolean;
  readonly value?: string;
  readonly type?: string;
  readonly pattern?: string;
  readonly autoComplete?: string;
}

/** A text input with its label. */
export function TextField(props: FieldProps) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        required={props.required ?? true}
        value={props.value}
        pattern={props.pattern}
        autoComplete={props.autoComplete ?? 'off'}
        aria-describedby={props.help === undefined ? undefined : `${id}-help`}
      />
      {props.help === undefined ? null : (
        <small id={`${id}-help`} class="help">
          {props.help}
        </small>
      )}
    </div>
  );
}

/** A choice among ledger codes, shown by name. */
export function SelectField(props: {
  readonly label: string;
  readonly name: string;
  readonly codes: readonly string[];
  readonly value?: string;
}) {
  const id = useId();
  const { l } = useConsole();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} value={props.value}>
        {props.codes.map((c) => (
          <option key={c} value={c}>
            {l(c)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Several ledger codes to tick, in a labelled group. */
export function CheckboxGroup(props: {
  readonly legend: string;
  readonly name: string;
  readonly codes: readonly string[];
  readonly checked: readonly string[];
}) {
  const { l } = useConsole();
  return (
    <fieldset class="checks">
      <legend>{props.legend}</legend>
      {props.codes.map((c) => (
        <label key={c}>
          <input type="checkbox" name={props.name} value={c} defaultChecked={props.checked.includes(c)} />{' '}
          {l(c)}
        </label>
      ))}
    </fieldset>
  );
}

/** A form that hands its fields to `onSubmit` and shows a busy submit button. */
export function ActionForm(props: {
  readonly title?: string;
  readonly submit: string;
  readonly busy: boolean;
  readonly onSubmit: (form: FormData) => void;
  readonly children: ComponentChildren;
}) {
  const { t } = useConsole();
  return (
    <form
      class="action-form"
      aria-label={props.title ?? props.submit}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(new FormData(e.currentTarget));
      }}
    >
      {props.title === undefined ? null : <h3>{props.title}</h3>}
      {props.children}
      <button type="submit" disabled={props.busy}>
        {props.busy ? t('loading') : props.submit}
      </button>
    </form>
  );
}

/** A form field's text ('' when absent). */
export function textOf(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
}

/** The named form fields' texts, as a request body. */
export function fieldsOf(form: FormData, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, textOf(form, n)]));
}
