// Copy buttons: <button data-copy="ID"> copies the value of the field with that id.
// The button is hidden until this module runs, so without it the field is still there to select.

document.querySelectorAll("button[data-copy]").forEach((button) => {
  const field = document.getElementById(button.dataset.copy);
  if (!field) { return; }
  const status = document.querySelector("[data-copy-status]");
  button.hidden = false;
  button.addEventListener("click", async () => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(field.value);
      ok = true;
    } catch (e) {
      field.focus();
      field.select();
      ok = document.execCommand && document.execCommand("copy");
    }
    if (ok) {
      button.textContent = button.dataset.copied || "Copied";
      if (status) { status.textContent = button.dataset.copied || "Copied"; }
    }
  });
});
