// The 数字报 page viewer, enhanced: the page works without this file (regions are plain links,
// the full image is a link). With it, ← and → turn the page, and a 放大 button shows the page
// at twice the width on a small screen, scrolled sideways, so a phone reader can read a region
// before tapping it.
(function () {
    "use strict";

    document.addEventListener("keydown", function (event) {
        if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) {
            return;
        }
        var target = event.target;
        if (target.closest && target.closest("input, textarea, select, [contenteditable]")) {
            return;
        }
        var rel = { ArrowLeft: "prev", ArrowRight: "next" }[event.key];
        var link = rel && document.querySelector(".epaper-nav a[rel=" + rel + "]");
        if (link) {
            window.location.href = link.href;
        }
    });

    var figure = document.querySelector(".epaper-page");
    var actions = figure && figure.querySelector(".epaper-page__actions");
    if (!actions) {
        return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "epaper-page__zoom";
    button.textContent = "放大";
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
        var zoomed = figure.classList.toggle("is-zoomed");
        button.setAttribute("aria-pressed", String(zoomed));
        button.textContent = zoomed ? "还原" : "放大";
    });
    actions.insertBefore(button, actions.firstChild);
})();
