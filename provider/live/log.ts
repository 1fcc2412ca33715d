/**
 * Where handlers say what is not an error but the user must read: a step left to the VMM UI, an
 * HA move left in place. Handlers take it from their context (context.ts `handlerLog()`), never
 * from `console`, so tests can capture or silence it.
 */
export interface HandlerLog {
  notice(message: string): void;
  /** Something went wrong but the step goes on (a retried request, a failed-over endpoint). */
  warn(message: string): void;
}

/**
 * In the provider process, stdout: the engine shows a dynamic provider's stdout lines to the user.
 * (`pulumi.log` is no better there: that process never connects to the engine, and the SDK falls
 * back to console.log with an "info: [runtime]" prefix; handlers may not import the SDK anyway.)
 */
export const STDOUT_LOG: HandlerLog = {
  notice: (message) => console.log(message),
  // The engine shows a dynamic provider's stderr as errors: only warnings and worse go there.
  warn: (message) => console.error(message),
};

/** Remembers every notice, for tests. */
export class CapturedLog implements HandlerLog {
  readonly notices: string[] = [];
  readonly warnings: string[] = [];
  notice(message: string): void {
    this.notices.push(message);
  }
  warn(message: string): void {
    this.warnings.push(message);
  }
}
