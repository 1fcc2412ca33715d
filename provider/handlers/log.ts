/**
 * Where handlers say what is not an error but the user must read: a step left to the VMM UI, an
 * HA move left in place. Handlers take it from their context (context.ts `handlerLog()`), never
 * from `console`, so tests can capture or silence it.
 */
export interface HandlerLog {
  notice(message: string): void;
}

/**
 * In the provider process, stdout: the engine shows a dynamic provider's stdout lines to the user.
 * (`pulumi.log` is no better there: that process never connects to the engine, and the SDK falls
 * back to console.log with an "info: [runtime]" prefix; handlers may not import the SDK anyway.)
 */
export const STDOUT_LOG: HandlerLog = { notice: (message) => console.log(message) };

/** Remembers every notice, for tests. */
export class CapturedLog implements HandlerLog {
  readonly notices: string[] = [];
  notice(message: string): void {
    this.notices.push(message);
  }
}
