/* The application form of a call: show how far a large upload has got.
 *
 * Progressive enhancement: without this script the form posts as usual (the browser shows its own
 * progress). With it, a form that carries files is sent with XMLHttpRequest, whose upload events
 * fill the form's <progress>. The server's answer is then shown as if the form had been posted:
 * the confirmation page is opened, or the form with its errors (and the files kept, shown as
 * attached) replaces the one on the page. Texts come translated from the form's data attributes.
 */
(function () {
    "use strict";

    function selectedBytes(form) {
        var total = 0;
        form.querySelectorAll("input[type=file]").forEach(function (input) {
            Array.prototype.forEach.call(input.files || [], function (file) {
                total += file.size;
            });
        });
        return total;
    }

    function withoutHash(url) {
        return String(url).split("#")[0];
    }

    function show(form, state, fraction) {
        var box = form.querySelector(".call-form__progress");
        if (!box) {
            return;
        }
        var bar = box.querySelector("progress");
        var text = box.querySelector(".call-form__progress-text");
        box.hidden = false;
        if (state === "sending") {
            var percent = new Intl.NumberFormat(document.documentElement.lang || undefined, {
                style: "percent",
            }).format(fraction);
            bar.value = Math.round(fraction * 100);
            text.textContent = form.dataset.progress.replace("%(percent)s", percent);
        } else if (state === "waiting") {
            bar.value = 100;
            text.textContent = form.dataset.progressWaiting;
        } else {
            bar.value = 0;
            text.textContent = form.dataset.progressFailed;
        }
    }

    function showAnswer(answer) {
        var fresh = answer && answer.getElementById("apply");
        var current = document.getElementById("apply");
        if (fresh && current) {
            current.replaceWith(document.importNode(fresh, true));
            var section = document.getElementById("apply");
            var alert = section.querySelector("[role=alert]");
            (alert || section).setAttribute("tabindex", "-1");
            (alert || section).focus();
            section.scrollIntoView();
        } else if (answer && answer.body) {
            document.body.replaceWith(document.importNode(answer.body, true));
        }
        if (answer && answer.title) {
            document.title = answer.title;
        }
    }

    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!(form instanceof HTMLFormElement) || !form.matches("form.call-form[data-progress]")) {
            return;
        }
        if (!window.FormData || !window.DOMParser || selectedBytes(form) === 0) {
            return; // nothing large to send: an ordinary post
        }
        event.preventDefault();
        if (form.dataset.sending) {
            return;
        }
        form.dataset.sending = "1";
        var button = form.querySelector("button[type=submit]");
        if (button) {
            button.disabled = true;
        }
        var request = new XMLHttpRequest();
        request.open("POST", form.action);
        request.responseType = "document";
        request.upload.addEventListener("progress", function (progress) {
            if (progress.lengthComputable) {
                show(form, "sending", progress.loaded / progress.total);
            }
        });
        request.upload.addEventListener("load", function () {
            show(form, "waiting");
        });
        request.addEventListener("load", function () {
            if (request.responseURL && withoutHash(request.responseURL) !== withoutHash(form.action)) {
                window.location.assign(request.responseURL); // stored: the confirmation page
                return;
            }
            showAnswer(request.response);
        });
        request.addEventListener("error", function () {
            delete form.dataset.sending;
            if (button) {
                button.disabled = false;
            }
            show(form, "failed");
        });
        show(form, "sending", 0);
        request.send(new FormData(form));
    });
})();
