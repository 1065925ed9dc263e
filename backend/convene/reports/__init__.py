"""PDF reports of a session: the list of participants, the agenda and programme of work, attendance.

Each report is built in two steps: :mod:`services` turns the database into a
plain data structure (``schemas``), and :mod:`rendering` lays it out with
WeasyPrint from the templates in the top-level ``reports/`` folder. The PDF
is cached under a hash of that data (:mod:`cache`), so a report whose data
has not changed is served without laying it out again.
"""
