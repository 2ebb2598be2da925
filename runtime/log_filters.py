"""Logging filters: one line for requests anybody can send (a bad Host header), not a traceback."""

import logging


class OneLine(logging.Filter):
    """Drops the traceback from a record, so that a stranger's request costs one log line."""

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return True
