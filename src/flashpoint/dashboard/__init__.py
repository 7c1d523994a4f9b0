"""The dashboard's pages: what each shows (views, charts) and how (templates, static files).

Shared by the server (``flashpoint.api``, which serves them live) and the report
(``flashpoint.report``, which inlines them into one file), so neither depends on the other.
"""
