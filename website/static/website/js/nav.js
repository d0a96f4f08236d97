// The main menu on narrow screens: a disclosure button that shows every item in a
// column. Without JavaScript the button stays hidden and the items simply wrap.
(function () {
  "use strict";
  var toggle = document.querySelector(".main-nav .nav-toggle");
  var list = document.getElementById("main-nav-list");
  if (!toggle || !list) return;
  var narrow = window.matchMedia("(max-width: 63.99rem)");

  function set(open) {
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    list.classList.toggle("is-collapsed", narrow.matches && !open);
  }
  function layout() {
    toggle.hidden = !narrow.matches;
    set(false);
  }
  toggle.addEventListener("click", function () {
    set(toggle.getAttribute("aria-expanded") !== "true");
  });
  list.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && narrow.matches) { set(false); toggle.focus(); }
  });
  narrow.addEventListener("change", layout);
  layout();
})();
