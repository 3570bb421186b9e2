/** A form bound to an action that reads it: submit runs the action, then its problem or result shows. */
import type { ComponentChildren } from 'preact';
import { ActionForm } from './fields';
import { Outcome } from './outcome';
import type { Action } from './use-action';

/** The form (titled when `title` is given), its fields as children, and `show(result)` after a success. */
export function ActionPanel<T>(props: {
  readonly action: Action<[FormData], T>;
  readonly title?: string;
  readonly submit: string;
  readonly show?: (result: T) => ComponentChildren;
  readonly children: ComponentChildren;
}) {
  const { action } = props;
  return (
    <>
      <ActionForm
        title={props.title}
        submit={props.submit}
        busy={action.busy}
        onSubmit={(form) => void action.run(form)}
      >
        {props.children}
      </ActionForm>
      <Outcome of={action} show={props.show ?? (() => null)} />
    </>
  );
}
