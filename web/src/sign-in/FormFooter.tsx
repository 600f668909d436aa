/** The end of every sign-in form: the one error line (announced when it changes) and the submit button. */
export function FormFooter(props: {
  errorId: string;
  message: string | null;
  disabled: boolean;
  pending: boolean;
  submit: string;
  submitting: string;
  testId?: string;
}) {
  return (
    <>
      <p className="form-error" id={props.errorId} role="alert" data-testid={props.testId}>
        {props.message}
      </p>
      <button className="button button-primary" type="submit" disabled={props.disabled}>
        {props.pending ? props.submitting : props.submit}
      </button>
    </>
  );
}
