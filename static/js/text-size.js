// Larger text (大字), this device's choice, kept in localStorage so that pages stay the same for
// every reader (and cacheable). Loaded in <head> without defer: the class goes on <html> before
// the first paint, so nothing jumps; the 大字 button is wired once the page has been parsed.
(function () {
    var root = document.documentElement;
    try {
        if (localStorage.getItem("text-size") === "large") {
            root.classList.add("large-text");
        }
    } catch (e) {
        // Storage may be disabled (private mode): pages start at the normal size.
    }

    document.addEventListener("DOMContentLoaded", function () {
        var button = document.querySelector("[data-text-size-toggle]");
        if (!button) {
            return;
        }
        function showState() {
            button.setAttribute("aria-pressed", root.classList.contains("large-text") ? "true" : "false");
        }
        button.hidden = false; // useless without JavaScript, so only shown when it can work
        showState();
        button.addEventListener("click", function () {
            var large = root.classList.toggle("large-text");
            try {
                localStorage.setItem("text-size", large ? "large" : "normal");
            } catch (e) {
                // Storage may be disabled: the choice then lasts for this page only.
            }
            showState();
        });
    });
})();
