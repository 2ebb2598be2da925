// On paper a link is only useful with its address: print.css writes out data-print-url after
// each link in the page's content. Relative links get their full address here; links whose
// text already is their address, in-page anchors, and navigation get none.
(function () {
    "use strict";
    var main = document.getElementById("main");
    if (!main) { return; }
    main.querySelectorAll("a[href]").forEach(function (link) {
        var href = link.getAttribute("href");
        if (!href || href.charAt(0) === "#" || /^(mailto|tel|javascript):/i.test(href)) { return; }
        var text = link.textContent.trim();
        var full = link.href;
        // Cards in listings lead to pages whose titles they show: their addresses are clutter.
        var useless = link.closest("nav, form, .pagination, .card, .news-card") || text === full || text === href;
        link.setAttribute("data-print-url", useless ? "" : full);
    });
}());
