// Endpoint addresses as users write them ("nas1", "10.0.0.5:5001", "https://nas1:5001/") reduced to
// one canonical origin, which keys every per-endpoint cache (discovery, session, limiter).

/** Canonical origin: scheme://host:port with HTTPS (5001) by default. */
export function normalizeEndpoint(raw: string): string {
  const text = raw.trim();
  if (!text) throw new TypeError("endpoint must not be empty");
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new TypeError(`endpoint "${raw}" is not a host name, host:port or URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`endpoint "${raw}" must use https:// (or http://), not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new TypeError("endpoint must not contain credentials; pass username and password as options");
  }
  const port = url.port || (url.protocol === "https:" ? "5001" : "5000");
  return `${url.protocol}//${url.hostname}:${port}`;
}

/** Host part for messages ("127.0.10.1:5001"). */
export function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}
