// Import forms: while the file is checked or imported, say so (announced to screen readers)
// and block a second submission.
document.addEventListener("DOMContentLoaded", function () {
  var forms = document.querySelectorAll("form");
  forms.forEach(function (form) {
    var isImport = form.querySelector("input[name=import_file], input[name=import_file_name]");
    if (!isImport) return;
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.className = "apt-muted";
    form.appendChild(status);
    form.addEventListener("submit", function () {
      var confirming = form.querySelector("input[name=import_file_name]");
      status.textContent = confirming
        ? "Import en cours : les candidats sont créés, puis invités. Merci de patienter…"
        : "Vérification du fichier en cours : chaque ligne est contrôlée. Merci de patienter…";
      form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) {
        b.disabled = true;
      });
    });
  });
});
