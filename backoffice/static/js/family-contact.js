// Shows the "Contact famille" section as soon as the birth date makes the candidate a minor.
(function () {
  function parse(value) {
    var m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value) || null;
    if (m) return new Date(+m[3], +m[2] - 1, +m[1]);
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    return m ? new Date(+m[1], +m[2] - 1, +m[3]) : null;
  }
  function isMinor(date) {
    if (!date) return false;
    var now = new Date();
    var adult = new Date(date.getFullYear() + 18, date.getMonth(), date.getDate());
    return adult > now;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.getElementById("id_birth_date");
    var section = document.querySelector(".family-contact") ||
      (document.getElementById("id_family_contact_name") || {}).closest && document.getElementById("id_family_contact_name").closest("fieldset");
    if (!input || !section) return;
    function update() {
      var hasError = section.querySelector(".errorlist, .text-red-600");
      section.hidden = !(isMinor(parse(input.value.trim())) || hasError);
    }
    input.addEventListener("input", update);
    input.addEventListener("change", update);
    update();
  });
})();
