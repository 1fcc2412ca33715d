/**
 * When VMM starts a guest with its host: never, as it was when the host went down, always. The one
 * autorun type of the project: the spec, the inputs, the handlers and the client use it as is, and
 * only the client's guest-model.ts maps it to DSM's numbers (the index in `AUTORUNS`). A leaf, so
 * the model need not import the client to name it.
 */
export const AUTORUNS = ["off", "last", "on"] as const;

export type Autorun = (typeof AUTORUNS)[number];
