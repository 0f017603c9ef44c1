// Conditional questions: a block with data-show-if is shown only when the named
// field (an earlier question, itself shown) has one of data-show-values. The server
// applies the same rule: a hidden question is neither required nor stored.
(function () {
  "use strict";

  function selected(form, name) {
    return Array.from(form.querySelectorAll('[name="' + name + '"]'))
      .filter(function (input) {
        return (input.type !== "radio" && input.type !== "checkbox") || input.checked;
      })
      .map(function (input) { return input.value; });
  }

  function update(form) {
    // Document order: a question depends on earlier ones only, so one pass settles chains.
    form.querySelectorAll("[data-show-if]").forEach(function (block) {
      var name = block.dataset.showIf;
      var source = form.querySelector('[data-question="' + name + '"]');
      var wanted = block.dataset.showValues.split("|");
      var visible = !!source && !source.hidden && selected(form, name).some(function (value) {
        return wanted.indexOf(value) !== -1;
      });
      block.hidden = !visible;
      block.querySelectorAll("input, textarea, select").forEach(function (input) {
        input.disabled = !visible;
      });
    });
  }

  document.querySelectorAll("form[data-conditions]").forEach(function (form) {
    update(form);
    form.addEventListener("change", function () { update(form); });
  });
})();
