/* The application form of a call: files checked before sending, upload progress, and an answer
 * for every outcome.
 *
 * Progressive enhancement: without this script the form posts as usual and the server checks
 * everything. With it:
 * - every chosen file, and all of them together, are checked against the limits the form carries
 *   (data-max-file-size, data-max-application-size) when chosen and before sending; a file too
 *   large is said at its field and in the error summary, and nothing is sent;
 * - the form is sent with XMLHttpRequest, whose upload events fill the form's <progress>. The
 *   confirmation page is then opened, or the form with its errors (and the files kept, shown as
 *   attached) replaces the one on the page. Any other answer (413, 429, 5xx, a dropped
 *   connection) leaves the form as it was, answers and files in place, with a message saying
 *   what happened, and the button enabled again;
 * - the error summary (server's or ours) takes the focus, and its links focus their field.
 * Texts come translated from the form's data attributes.
 */
(function () {
    "use strict";

    var MEGABYTE = 1024 * 1024; // as Django's filesizeformat counts
    /* "31,0 MB" as the server's messages write a size (Django's filesizeformat, in megabytes:
     * only files above the limits are described): its decimal separator and unit come from the
     * form, since Chromium's Intl data lacks some of our languages. */
    function formatSize(form, bytes) {
        var number = (bytes / MEGABYTE).toFixed(1).replace(".", form.dataset.decimalSeparator || ".");
        return (form.dataset.sizeUnit || "%s MB").replace("%s", number);
    }

    function fileInputs(form) {
        return Array.prototype.slice.call(form.querySelectorAll("input[type=file]"));
    }

    function selectedBytes(form) {
        var total = 0;
        fileInputs(form).forEach(function (input) {
            Array.prototype.forEach.call(input.files || [], function (file) {
                total += file.size;
            });
        });
        return total;
    }

    /* [{input, message}] for every file too large, and for the file that takes the total over. */
    function fileProblems(form) {
        var maxFile = parseInt(form.dataset.maxFileSize, 10) || Infinity;
        var maxTotal = parseInt(form.dataset.maxApplicationSize, 10) || Infinity;
        var problems = [];
        var total = 0;
        var totalSaid = false;
        fileInputs(form).forEach(function (input) {
            Array.prototype.forEach.call(input.files || [], function (file) {
                total += file.size;
                if (file.size > maxFile) {
                    problems.push({
                        input: input,
                        message: form.dataset.errorFile.replace(
                            "%(size)s",
                            formatSize(form, file.size)
                        ),
                    });
                } else if (total > maxTotal && !totalSaid) {
                    totalSaid = true;
                    problems.push({
                        input: input,
                        message: form.dataset.errorTotal,
                    });
                }
            });
        });
        return problems;
    }

    function labelText(input) {
        var label = input.id && document.querySelector('label[for="' + input.id + '"]');
        return label ? label.textContent.replace(/\s*\*\s*$/, "").trim() : input.name;
    }

    /* Our own error under each file field (the server's stay as they are). */
    function markFileFields(form, problems) {
        fileInputs(form).forEach(function (input) {
            var box = input.closest(".call-form__field") || input.parentNode;
            var old = box.querySelector("[data-client-error]");
            var described = (input.getAttribute("aria-describedby") || "")
                .split(" ")
                .filter(function (id) {
                    return id && id !== input.id + "_client_error";
                });
            if (old) {
                old.remove();
            }
            var mine = problems.filter(function (problem) {
                return problem.input === input;
            });
            if (mine.length) {
                var error = document.createElement("p");
                error.className = "call-form__error";
                error.id = input.id + "_client_error";
                error.dataset.clientError = "1";
                error.textContent = mine
                    .map(function (problem) {
                        return problem.message;
                    })
                    .join(" ");
                box.appendChild(error);
                described.push(error.id);
                input.setAttribute("aria-invalid", "true");
            } else if (!box.querySelector(".call-form__error")) {
                input.removeAttribute("aria-invalid");
            }
            box.classList.toggle(
                "call-form__field--error",
                Boolean(box.querySelector(".call-form__error"))
            );
            if (described.length) {
                input.setAttribute("aria-describedby", described.join(" "));
            } else {
                input.removeAttribute("aria-describedby");
            }
        });
    }

    /* The error summary above the form, as the server writes it: one link per error. */
    function showSummary(form, problems) {
        var old = document.getElementById("apply-errors");
        if (old) {
            old.remove();
        }
        var summary = document.createElement("div");
        summary.className = "call-alert call-form__summary";
        summary.id = "apply-errors";
        summary.setAttribute("role", "alert");
        summary.setAttribute("tabindex", "-1");
        var heading = document.createElement("p");
        heading.textContent = form.dataset.errorSummary;
        var list = document.createElement("ul");
        problems.forEach(function (problem) {
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = "#" + problem.input.id;
            link.textContent = labelText(problem.input) + ": " + problem.message;
            item.appendChild(link);
            list.appendChild(item);
        });
        summary.appendChild(heading);
        summary.appendChild(list);
        form.parentNode.insertBefore(summary, form);
        summary.focus();
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
        box.hidden = state === "idle";
        if (state === "sending") {
            var percent = new Intl.NumberFormat(document.documentElement.lang || undefined, {
                style: "percent",
            }).format(fraction);
            bar.value = Math.round(fraction * 100);
            text.textContent = form.dataset.progress.replace("%(percent)s", percent);
        } else if (state === "waiting") {
            bar.value = 100;
            text.textContent = form.dataset.progressWaiting;
        }
    }

    function failureBox(form) {
        return form.querySelector(".call-form__failure");
    }

    /* Sending did not succeed: say why, give the button back; the answers stay as typed. */
    function fail(form, message) {
        delete form.dataset.sending;
        var button = form.querySelector("button[type=submit]");
        if (button) {
            button.disabled = false;
        }
        show(form, "idle");
        var box = failureBox(form);
        if (box) {
            box.textContent = message;
            box.hidden = false;
            box.scrollIntoView({ block: "center" }); // the message and the button, not the footer
            box.focus({ preventScroll: true });
        }
    }

    function failureMessage(form, status) {
        if (status === 0) {
            return form.dataset.failedConnection;
        }
        if (status === 413) {
            return form.dataset.failedTooLarge;
        }
        if (status === 429) {
            return form.dataset.failedBusy;
        }
        return form.dataset.failedServer;
    }

    function focusFirstAlert(section) {
        var alert =
            section.querySelector(".call-form__summary") ||
            section.querySelector("[role=alert]:not([hidden])");
        (alert || section).setAttribute("tabindex", "-1");
        (alert || section).focus();
    }

    function showAnswer(answer) {
        var fresh = answer.getElementById("apply");
        var current = document.getElementById("apply");
        current.replaceWith(document.importNode(fresh, true));
        focusFirstAlert(document.getElementById("apply"));
        if (answer.title) {
            document.title = answer.title;
        }
    }

    function send(form) {
        form.dataset.sending = "1";
        var button = form.querySelector("button[type=submit]");
        if (button) {
            button.disabled = true;
        }
        var box = failureBox(form);
        if (box) {
            box.hidden = true;
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
            var status = request.status;
            var moved =
                request.responseURL && withoutHash(request.responseURL) !== withoutHash(form.action);
            if (status >= 200 && status < 300 && moved) {
                window.location.assign(request.responseURL); // stored: the confirmation page
                return;
            }
            var answer = request.response;
            var section = answer && answer.getElementById && answer.getElementById("apply");
            // The form sent back with its errors (400), or the call closed meanwhile (403).
            if (section && (status === 400 || status === 403) && document.getElementById("apply")) {
                showAnswer(answer);
                return;
            }
            fail(form, failureMessage(form, status));
        });
        ["error", "abort", "timeout"].forEach(function (name) {
            request.addEventListener(name, function () {
                fail(form, failureMessage(form, 0));
            });
        });
        show(form, selectedBytes(form) ? "sending" : "waiting", 0);
        request.send(new FormData(form));
    }

    function isCallForm(element) {
        return element instanceof HTMLFormElement && element.matches("form.call-form[data-progress]");
    }

    document.addEventListener("submit", function (event) {
        var form = event.target;
        if (!isCallForm(form)) {
            return;
        }
        var problems = fileProblems(form);
        markFileFields(form, problems);
        if (problems.length) {
            event.preventDefault(); // a file the server would refuse: nothing is sent
            showSummary(form, problems);
            return;
        }
        if (!window.FormData || !window.XMLHttpRequest) {
            return; // an ordinary post
        }
        event.preventDefault();
        if (!form.dataset.sending) {
            send(form);
        }
    });

    document.addEventListener("change", function (event) {
        var input = event.target;
        if (input instanceof HTMLInputElement && input.type === "file" && input.form && isCallForm(input.form)) {
            markFileFields(input.form, fileProblems(input.form));
        }
    });

    // A link of the error summary focuses its field (a group of checkboxes: its first box).
    document.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest(".call-form__summary a[href^='#']");
        if (!link) {
            return;
        }
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target) {
            return;
        }
        var field = target.matches("input, select, textarea")
            ? target
            : target.querySelector("input, select, textarea");
        event.preventDefault();
        (target.closest(".call-form__field") || target).scrollIntoView({ block: "start" });
        (field || target).focus({ preventScroll: true });
    });

    // The start token in the page may come from a shared cache, made long before: ask the
    // uncached endpoint for a fresh one, so that the fill time counts from this page's loading.
    // Without an answer the page's token stays (the application is then flagged, never refused).
    Array.prototype.forEach.call(document.querySelectorAll("input[data-token-url]"), function (input) {
        if (!window.fetch) {
            return;
        }
        fetch(input.dataset.tokenUrl, { credentials: "same-origin", cache: "no-store" })
            .then(function (response) {
                return response.ok ? response.json() : null;
            })
            .then(function (data) {
                if (data && data.token) {
                    input.value = data.token;
                }
            })
            .catch(function () {});
    });

    // A page that comes back with errors (a post without this script): the summary takes the focus.
    var summary = document.querySelector(".call-form__summary");
    if (summary) {
        summary.focus();
    }
})();
