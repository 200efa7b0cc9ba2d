/**
 * One line of a form's error summary. Its own module so pure form code (place-form.ts…) can
 * name it without importing the components, which import the app's context (no cycle).
 */
export interface ErrorItem {
  /** The id of the field to move to (the first input of a date). */
  readonly field: string;
  readonly message: string;
}
