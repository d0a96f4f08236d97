// Filter panels (<details class="filter-panel">) are folded on phones and always
// open on wide screens, where their summary is hidden. The CSS does this where the
// browser can style a details element's content; this covers the others.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 60rem)");
  function layout() {
    document.querySelectorAll("details.filter-panel").forEach(function (panel) {
      if (wide.matches) panel.open = true;
    });
  }
  wide.addEventListener("change", layout);
  layout();
})();
