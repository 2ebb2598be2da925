"""Date formats of the regional languages (FORMAT_MODULE_PATH).

Django's own formats are a start, but some of ours differ: Montenegrin has none (it fell back
to English "Nov. 27, 2026"), and dates in running text take the month in the genitive where
the language has cases ("27. novembra 2026.", "27. студенога"), lower-case, as the region
writes them. The month names themselves are in our catalogues (home/month_names.py).
"""
