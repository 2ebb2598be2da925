// The header's two menus, languages and the main menu (navigation/header.html), are native
// <details> disclosures, so they open and their links work without JavaScript. This adds what a
// menu is expected to do: Escape closes an open one (focus back on its button), and so does a
// click or focus anywhere outside it; opening one closes the other.
(function () {
    "use strict";
    var selector = "details.language-switcher, details.site-menu";
    var menus = document.querySelectorAll(selector);
    if (!menus.length) { return; }
    function owner(target) {
        return target && target.closest ? target.closest(selector) : null;
    }
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
            var button = menu.querySelector("summary");
            // On a wide screen the main menu has no button (site.css): focus stays where it is.
            if (button.getClientRects().length) { button.focus(); }
        });
    });
    document.addEventListener("click", function (event) { closeAll(owner(event.target)); });
    document.addEventListener("focusin", function (event) { closeAll(owner(event.target)); });
    menus.forEach(function (menu) {
        menu.addEventListener("toggle", function () {
            if (menu.open) { closeAll(menu); }
        });
    });
}());
