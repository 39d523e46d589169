// Small enhancements only: every page works without this file. Loaded as an ES module (base.html).
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary so screen readers and keyboard users meet it first.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  // After a row is added or removed the server marks the row to go on with (autofocus): bring it
  // into view, in the middle of the screen, where the person was working.
  var auto = document.querySelector("[autofocus]");
  if (auto && !summary) {
    var show = function () {
      auto.focus({preventScroll: true});
      auto.scrollIntoView({block: "center"});
    };
    show();
    window.addEventListener("load", function () { window.requestAnimationFrame(show); });
  }
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
  // (only the list scrolls, never the page: a focused row keeps its place)
  var current = document.querySelector(".project-nav [aria-current='page']");
  var list = current && current.closest("ul");
  if (list && list.scrollWidth > list.clientWidth) {
    list.scrollLeft = current.offsetLeft - list.offsetLeft - (list.clientWidth - current.offsetWidth) / 2;
  }
  // Select the invitation link when it gets focus, ready to copy.
  var link = document.getElementById("invite-link");
  if (link) { link.addEventListener("focus", function () { link.select(); }); }
});
