"""Exports of issue 6: XLSX "siap input", evidence ZIPs, the leadership PDF, the list CSV, and their jobs.

Every builder takes the requester's Access and reads through the same querysets as the pages,
so an export never shows more than its requester may read.
"""
