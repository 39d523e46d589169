// Small enhancements only: every page works without this file. Loaded as an ES module (base.html).
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
  // Road edges picked on the plot preview: a click on an edge ticks or unticks its checkbox.
  document.querySelectorAll(".plot-preview .edge-hit").forEach(function (hit) {
    var box = document.getElementById("road_edges-" + hit.getAttribute("data-edge"));
    if (!box) { return; }
    var mark = function () { hit.classList.toggle("is-picked", box.checked); };
    mark();
    box.addEventListener("change", mark);
    hit.addEventListener("click", function () { box.checked = !box.checked; mark(); });
  });
  // On a phone the project navigation scrolls sideways: show the page's own item.
  var current = document.querySelector(".project-nav [aria-current='page']");
  if (current && current.scrollIntoView) { current.scrollIntoView({block: "nearest", inline: "center"}); }
  // Select the invitation link when it gets focus, ready to copy.
  var link = document.getElementById("invite-link");
  if (link) { link.addEventListener("focus", function () { link.select(); }); }
});
