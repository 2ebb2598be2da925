// The language menu is a native <details> disclosure, so it opens and its links work without
// JavaScript. This adds what a menu is expected to do: Escape closes it (focus back on its
// button) and so does a click or focus anywhere outside it.
(function () {
    "use strict";
    var menus = document.querySelectorAll("details.language-switcher");
    if (!menus.length) { return; }
    function closeAll(except) {
        menus.forEach(function (menu) {
            if (menu !== except && menu.open) { menu.open = false; }
        });
    }
    document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") { return; }
        menus.forEach(function (menu) {
            if (!menu.open) { return; }
            menu.open = false;
            menu.querySelector("summary").focus();
        });
    });
    document.addEventListener("click", function (event) {
        closeAll(event.target.closest ? event.target.closest("details.language-switcher") : null);
    });
    document.addEventListener("focusin", function (event) {
        closeAll(event.target.closest ? event.target.closest("details.language-switcher") : null);
    });
}());
