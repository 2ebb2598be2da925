"""What applicants send and what happens to it: applications, their files, deliveries to the
intake, confirmation e-mails and files kept between attempts.

Django models that are not pages. They live outside ``calls.models`` (which re-exports them for
Django and for callers) so that the services the call page uses can import them without
importing the page models back.
"""
