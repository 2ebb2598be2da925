"""gunicorn settings of the hub's app server: `make serve`, the tests and deploy/systemd/hub-web.service.

Everything that differs between machines comes from the environment: APP_HOST/APP_PORT (loopback
127.0.0.1:8001 by default: only the proxy talks to it), WEB_CONCURRENCY (worker processes, default
2: one per core), GUNICORN_ACCESS_LOG ("-" for stdout, a file, or unset for none).
"""

import os

wsgi_app = "config.wsgi:application"
bind = f"{os.environ.get('APP_HOST', '127.0.0.1')}:{os.environ.get('APP_PORT', '8001')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"  # the proxy buffers slow clients; sync workers are the simplest correct model
timeout = 60
graceful_timeout = 3  # Ctrl-C / systemctl stop finishes within seconds
keepalive = 5
# A worker is replaced after this many requests, so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Only the proxy in front is believed about the scheme (X-Forwarded-Proto).
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "hub-web"
# gunicorn's control socket lives in one per-user path by default: several app servers on one
# machine (tests, benchmarks) would fight over it, and nothing here uses it.
control_socket_disable = True
