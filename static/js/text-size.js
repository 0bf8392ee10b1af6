// The 大字 (larger text) button. The class on <html> is set before paint by the inline script in
// <head>; this only flips it and remembers the choice on this device.
(function () {
    var root = document.documentElement;
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
            // Storage may be disabled (private mode): the choice then lasts for this page only.
        }
        showState();
    });
})();
