// Title suggestions while typing on the search page. Progressive enhancement: without
// JavaScript the form simply submits; with it, a <datalist> offers matching page titles.
(function () {
    "use strict";
    var form = document.querySelector("form[data-suggest-url]");
    if (!form || !window.fetch) { return; }
    var input = form.querySelector("input[type=search]");
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var lastAsked = "";
    input.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
            var query = input.value.trim();
            if (query.length < 2 || query === lastAsked) { return; }
            lastAsked = query;
            fetch(form.dataset.suggestUrl + "?q=" + encodeURIComponent(query), {headers: {"Accept": "application/json"}})
                .then(function (response) { return response.ok ? response.json() : {suggestions: []}; })
                .then(function (data) {
                    list.textContent = "";
                    data.suggestions.forEach(function (suggestion) {
                        var option = document.createElement("option");
                        option.value = suggestion.title;
                        list.appendChild(option);
                    });
                })
                .catch(function () { /* suggestions are optional: the form still works */ });
        }, 200);
    });
}());
