/* The call editor's form fields (admin only): show each field's settings only where they apply,
 * and fold its technical keys away until the editor opens them.
 *
 * - "Choices" and "Choice keys" only for dropdowns and checkboxes, "Accepted file types" only for
 *   file uploads (the names of a field's inputs share the prefix "form_fields-<n>-").
 * - The panel marked data-form-field-advanced starts closed; its heading becomes a button.
 *   It stays open when one of its fields has an error.
 * Without this script every setting is simply shown.
 */
(function () {
    "use strict";

    var CHOICE_TYPES = ["dropdown", "checkboxes"];

    function wrapperOf(name) {
        var input = document.querySelector('[name="' + name + '"]');
        return input ? input.closest(".w-panel__wrapper") : null;
    }

    function showWhen(name, show) {
        var wrapper = wrapperOf(name);
        if (wrapper) {
            // Not `hidden`: that is the fold's, and the two must compose (admin only, no CSP).
            wrapper.style.display = show ? "" : "none";
        }
    }

    function applyType(select) {
        var prefix = select.name.slice(0, -"field_type".length);
        var type = select.value;
        showWhen(prefix + "choices", CHOICE_TYPES.indexOf(type) !== -1);
        showWhen(prefix + "choice_keys", CHOICE_TYPES.indexOf(type) !== -1);
        showWhen(prefix + "accepted_types", type === "file");
    }

    function foldAdvanced(panel) {
        var heading = panel.querySelector(":scope > .w-field__label");
        if (!heading || panel.dataset.folded) {
            return;
        }
        panel.dataset.folded = "1";
        var content = Array.prototype.filter.call(panel.children, function (child) {
            return child !== heading;
        });
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button button-small button-secondary";
        button.textContent = heading.textContent.trim();
        heading.textContent = "";
        heading.appendChild(button);
        var hasError = panel.querySelector(".error-message, [aria-invalid=true]") !== null;
        function set(open) {
            button.setAttribute("aria-expanded", open ? "true" : "false");
            content.forEach(function (child) {
                child.hidden = !open;
            });
        }
        button.addEventListener("click", function () {
            set(button.getAttribute("aria-expanded") !== "true");
        });
        set(hasError);
    }

    function init(root) {
        root.querySelectorAll('select[name^="form_fields-"][name$="-field_type"]').forEach(applyType);
        root.querySelectorAll("[data-form-field-advanced]").forEach(foldAdvanced);
    }

    document.addEventListener("change", function (event) {
        var target = event.target;
        if (target.matches && target.matches('select[name^="form_fields-"][name$="-field_type"]')) {
            applyType(target);
        }
    });
    document.addEventListener("DOMContentLoaded", function () {
        init(document);
        // Fields added with "Add form field" arrive later.
        new MutationObserver(function () {
            init(document);
        }).observe(document.body, { childList: true, subtree: true });
    });
})();
