"""Write the caching proxy's nginx configuration (deploy/nginx.conf, filled in) for this installation."""

from pathlib import Path

from django.core.management.base import BaseCommand

from home.deploy import nginx_config, prepare_run_dir, worker_user


class Command(BaseCommand):
    help = "Fill in deploy/nginx.conf for this installation and write it (or print it)."

    def add_arguments(self, parser):
        parser.add_argument("--listen", default="127.0.0.1:8000", help="host:port of the proxy")
        parser.add_argument(
            "--upstream", action="append", default=None,
            help="host:port of an app server (repeat for several; default 127.0.0.1:8001)",
        )  # fmt: skip
        parser.add_argument("--run-dir", required=True, help="pid file, cache, temporary files")
        parser.add_argument(
            "--purge-from", action="append", default=None,
            help="address allowed to send PURGE (repeat; default 127.0.0.1)",
        )  # fmt: skip
        parser.add_argument("--access-log", default=None, help="access log file (default: none)")
        parser.add_argument("--output", default=None, help="file to write (default: stdout)")

    def handle(self, *args, **options):
        user = worker_user(options["run_dir"])
        if user == "root":
            self.stderr.write(
                "nginx's workers run as root: this installation lies in a folder that no other "
                "account may enter (install it under e.g. /srv for www-data)."
            )
        prepare_run_dir(options["run_dir"], user)
        text = nginx_config(
            listen=options["listen"],
            upstreams=options["upstream"] or ["127.0.0.1:8001"],
            run_dir=Path(options["run_dir"]).resolve(),
            purge_from=options["purge_from"] or ["127.0.0.1"],
            access_log=options["access_log"],
            user=user,
        )
        if options["output"]:
            Path(options["output"]).write_text(text)
        else:
            self.stdout.write(text)
