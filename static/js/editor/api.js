// The editor's JSON API: every write carries the page's CSRF token in X-CSRFToken.

export async function call(url, body, csrf) {
  const options = body === undefined
    ? { headers: { Accept: "application/json" }, credentials: "same-origin" }
    : {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body),
    };
  let response;
  try {
    response = await fetch(url, options);
  } catch (e) {
    return { status: 0, data: {} };
  }
  let data = {};
  try { data = await response.json(); } catch (e) { data = {}; }
  const timing = /dur=([\d.]+)/.exec(response.headers.get("Server-Timing") || "");
  return { status: response.status, data, serverMs: timing ? Number(timing[1]) : null };
}
