// Secrets must never reach an error message or a log line. Two layers: request parameters are redacted
// by name before they are stored on an error, and every outgoing text is scrubbed of the secret values
// this process knows (passwords, session ids, tokens), in case one slipped in some other way.

export const REDACTED = "[REDACTED]";

/** Parameter names whose values are secrets: passwd, _sid, SynoToken, otp codes, device ids, cookies. */
const SECRET_NAME = /passw|pwd|secret|token|^_?sid$|otp|^device_id$|^did$|cookie|authorization|api_?key/i;

/** A redacted copy of request parameters, values flattened to strings. */
export function redactParams(params: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    out[key] = SECRET_NAME.test(key) ? REDACTED : typeof value === "string" ? value : JSON.stringify(value);
  }
  return out;
}

/** Secret values seen by this process. Module-level because sessions are shared process-wide. */
const knownSecrets = new Set<string>();

/**
 * Very short secrets are not scrubbed by value: replacing every "on" or "ab" in a message would
 * mangle it. They are still redacted by parameter name, which is the primary defence.
 */
const MIN_SCRUB_LENGTH = 4;

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SCRUB_LENGTH) knownSecrets.add(value);
}

export function forgetSecret(value: string | undefined): void {
  if (value) knownSecrets.delete(value);
}

const SECRET_IN_TEXT = /((?:passwd|password|_sid|sid|SynoToken|synotoken|otp_code|device_id)=)[^&\s"']*/gi;

/** Removes known secret values and `name=value` secrets (as in URLs or form bodies) from a text. */
export function scrub(text: string): string {
  let out = text.replace(SECRET_IN_TEXT, `$1${REDACTED}`);
  // Longest first, so a secret containing another secret is removed whole.
  const secrets = [...knownSecrets].sort((a, b) => b.length - a.length);
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
