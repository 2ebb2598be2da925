"""Calls figures: seed time of the demo calls, render time and queries of the calls pages,
the form POST, and the time from submit to "delivered" against a loopback intake server."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import harness
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from calls.models import Application, CallIndexPage, CallPage, IntakeDelivery
from home.seeding import seed_site


class Intake(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - the http.server API
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"ok": true}')

    def log_message(self, *args):
        pass


def main():
    print(f"== calls ({connection.vendor}, {harness.WARM_REQUESTS} warm requests per page)")
    harness.migrate()
    import calls.seeding

    original, spent = calls.seeding.seed_section, []

    def timed(context):
        begin = time.perf_counter()
        original(context)
        spent.append(time.perf_counter() - begin)

    calls.seeding.seed_section = timed
    start = time.perf_counter()
    seed_site()
    calls.seeding.seed_section = original
    print(
        f"seed site (all sections): {time.perf_counter() - start:.1f} s, "
        f"of which the demo calls: {sum(spent):.1f} s"
    )
    print(
        f"demo calls: {CallPage.objects.count()} pages in {CallIndexPage.objects.count()} languages"
    )
    client = Client()
    index = CallIndexPage.objects.get(locale__language_code="sq")
    call = CallPage.objects.get(locale__language_code="sq", code="WBCSP-2026-LOC-02")
    urls = [
        index.url,
        index.url + "?status=open&country=kosovo",
        call.url,
        call.url + "calendar/",
        index.url + "calendar/",
        index.url + "feed/",
    ]
    harness.print_table([(url, harness.measure(client, url)) for url in urls])

    server = ThreadingHTTPServer(("127.0.0.1", 0), Intake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.INTAKE_URL = f"http://127.0.0.1:{server.server_port}/intake"
    settings.INTAKE_SECRET = "bench-secret"
    settings.CALLS_MIN_FILL_SECONDS = 0
    settings.CALLS_RATE_LIMIT = 10_000
    from calls import abuse

    pdf = b"%PDF-1.4\n" + b"%" * 50_000 + b"\n%%EOF\n"
    timings, queries = [], 0
    for number in range(10):
        data = {
            "organisation_name": f"Bench {number}",
            "email": "bench@example.org",
            "country": "kosovo",
            "organisation_type": "cso",
            "requested_amount": "5000",
            "project_summary": "Bench",
            abuse.STARTED_FIELD: abuse.started_token(time.time() - 60),
            "budget": SimpleUploadedFile("budget.pdf", pdf),
        }
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.post(call.url, data)
        timings.append((time.perf_counter() - start) * 1000)
        queries = len(captured.captured_queries)
        assert response.status_code == 302, response.status_code
    delivered = IntakeDelivery.objects.filter(status="delivered").count()
    timings.sort()
    print(
        f"form POST with a 50 kB PDF, submit → delivered (immediate task): "
        f"median {timings[len(timings) // 2]:.1f} ms, max {timings[-1]:.1f} ms, "
        f"{queries} queries; {delivered}/{Application.objects.count()} delivered"
    )
    server.shutdown()


if __name__ == "__main__":
    main()
