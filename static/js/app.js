// Small enhancements only: every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary so screen readers and keyboard users meet it first.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  // The language menu changes the language as soon as a language is chosen.
  var select = document.getElementById("lang-choice");
  if (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  }
  // Select the invitation link when it gets focus, ready to copy.
  var link = document.getElementById("invite-link");
  if (link) { link.addEventListener("focus", function () { link.select(); }); }
});
