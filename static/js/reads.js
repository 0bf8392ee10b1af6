// Counts a read of the story on this page for 热门 (bulletin/readership): one POST, without
// cookies, once the page has been seen (not while it is prerendered or opened in a background
// tab). The page itself is the same cached page for every reader.
(function () {
    var section = document.querySelector("[data-read-beacon]");
    if (!section || !window.fetch) {
        return;
    }
    var sent = false;
    function send() {
        if (sent || document.visibilityState !== "visible") {
            return;
        }
        sent = true;
        fetch(section.getAttribute("data-read-beacon"), { method: "POST", credentials: "omit", keepalive: true })
            .catch(function () {
                // Not counted: nothing for the reader to do about it.
            });
    }
    send();
    document.addEventListener("visibilitychange", send);
})();
