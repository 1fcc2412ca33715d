/** A schema violation in one resource's inputs (or a spec file); path is relative to that value. */
export interface SchemaIssue {
  path: string;
  message: string;
  fix: string;
}
