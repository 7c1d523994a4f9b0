"""Analysis of stored events: dyad series and escalation alerts (the monitor), summaries.

Submodules are imported where they are used; this package re-exports nothing so that
importing one analysis never pulls in the others.
"""
