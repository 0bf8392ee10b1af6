// Title suggestions under the search box as the reader types (progressive enhancement:
// without JavaScript the form simply submits). Asks /api/search/suggest/ after a short pause.
(function () {
    "use strict";
    var form = document.querySelector("[data-suggest-url]");
    if (!form || !window.fetch) return;
    var input = form.querySelector("input[type=search]");
    var list = form.querySelector(".search-suggestions");
    var timer = null;
    var latest = 0;

    function clear() {
        list.hidden = true;
        list.textContent = "";
    }

    function show(suggestions) {
        list.textContent = "";
        suggestions.forEach(function (item) {
            var link = document.createElement("a");
            link.href = item.url;
            link.textContent = item.title;
            var li = document.createElement("li");
            li.appendChild(link);
            list.appendChild(li);
        });
        list.hidden = suggestions.length === 0;
    }

    input.addEventListener("input", function () {
        clearTimeout(timer);
        var q = input.value.trim();
        if (q.length < 2) return clear();
        timer = setTimeout(function () {
            var ticket = ++latest;
            fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(q))
                .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
                .then(function (data) { if (ticket === latest) show(data.suggestions); })
                .catch(clear);
        }, 200);
    });
    input.addEventListener("keydown", function (event) {
        if (event.key === "Escape") clear();
        if (event.key === "ArrowDown" && !list.hidden) {
            event.preventDefault();
            list.querySelector("a").focus();
        }
    });
    document.addEventListener("click", function (event) {
        if (!form.contains(event.target)) clear();
    });
})();
