// Search filters are a <details> disclosure, closed in the HTML so that on a phone the results
// come first (and without JavaScript a tap opens them). On wider screens there is room for
// both, so they start open.
(function () {
    "use strict";
    var filters = document.querySelector("details.search-filters");
    if (filters && window.matchMedia("(min-width: 48rem)").matches) {
        filters.open = true;
    }
}());
