// The bell: marking a notification read without leaving the list, and the unread count kept fresh.
// Every page works without this module: the forms post and the list reloads.

const bell = document.querySelector("[data-bell]");
const count = document.querySelector("[data-bell-count]");
const label = document.querySelector("[data-bell-label]");

function showCount(unread) {
  if (!count) { return; }
  count.textContent = String(unread);
  count.hidden = unread === 0;
  if (label) { label.textContent = unread === 0 ? "" : (document.documentElement.lang === "en" ? "unread" : "uleste"); }
}

document.querySelectorAll("form[data-mark-read]").forEach((form) => {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await fetch(form.action, {
      method: "POST", body: new FormData(form), headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (!response.ok) { form.submit(); return; }
    const answer = await response.json();
    const item = form.closest("[data-notification]");
    if (item) {
      item.classList.remove("notification--unread");
      const badge = item.querySelector(".badge");
      if (badge) { badge.remove(); }
      const link = item.querySelector("a");
      if (link) { link.focus(); }
    }
    form.remove();
    showCount(answer.unread);
  });
});

if (bell && count) {
  const url = new URL("/varsler/antall", window.location.origin);
  const refresh = async () => {
    if (document.visibilityState !== "visible") { return; }
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.ok) { showCount((await response.json()).unread); }
    } catch (e) { /* offline: keep the count shown */ }
  };
  window.setInterval(refresh, 60000);
  document.addEventListener("visibilitychange", refresh);
}
