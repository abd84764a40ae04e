// Moves focus to the error summary so screen-reader and keyboard users land on it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("erreurs");
  if (summary) { summary.focus(); }
});
