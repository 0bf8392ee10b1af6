// The copy-link button of a story's share box. Without JavaScript (or without the clipboard
// API) the address is still there to select and copy, and the button stays hidden.
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) return;
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    var status = button.parentNode.querySelector(".share__status");
    if (!field) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () { if (status) status.textContent = "链接已复制"; },
        function () { field.select(); if (status) status.textContent = "请按 Ctrl+C 复制"; }
      );
    });
  });
})();
