/* Questionnaires: show a question only while its display condition holds, and move
   focus to the error summary. Everything works without this file: the server applies
   the same conditions and drops the answers of hidden questions. Nothing here submits
   the form; changing an answer only shows or hides the questions that depend on it. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (target) {
        event.preventDefault();
        target.focus();
        target.scrollIntoView({ block: "center" });
      }
    });
  }

  var form = document.querySelector(".questionnaire-form");
  if (!form) { return; }
  var dependent = form.querySelectorAll("fieldset[data-condition-question]");
  if (!dependent.length) { return; }

  function answers(code) {
    var values = [];
    form.querySelectorAll("[name='q." + code + "']").forEach(function (input) {
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) { values.push(input.value); }
      } else if (input.value.trim()) {
        values.push(input.value.trim());
      }
    });
    return values;
  }

  function update() {
    dependent.forEach(function (fieldset) {
      var code = fieldset.getAttribute("data-condition-question");
      var source = document.getElementById("question-" + code);
      if (!source) { return; } // on an earlier page: the server decided already
      var values = source.hidden ? [] : answers(code);
      var wanted = JSON.parse(fieldset.getAttribute("data-condition-values") || "[]");
      var operator = fieldset.getAttribute("data-condition-operator");
      var hit = values.some(function (value) { return wanted.indexOf(value) !== -1; });
      var show;
      if (source.hidden) { show = false; }
      else if (operator === "any") { show = hit; }
      else if (operator === "none") { show = !hit; }
      else if (operator === "answered") { show = values.length > 0; }
      else { show = values.length === 0; }
      fieldset.hidden = !show;
      fieldset.disabled = !show; // a hidden question's answer is not sent
    });
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
}());
