"""Answers that cost one cheap query when nothing changed: validators, 304s and kept bodies.

Calendar feeds and the public pages are read far more often than the data
behind them changes. Each such answer starts with a *validator*: one
aggregate query whose row summarizes everything the answer shows (counts,
sums of ids, latest ``updated_at``, digests of rows without timestamps).
Its hash is the ETag. A client holding that ETag gets a 304; anyone else
gets bytes kept under that exact ETag, or bytes built now and kept. Because
bytes are only ever served for the ETag they were built under, a change
anywhere (which changes the ETag) can never serve stale bytes, on any
worker or machine: the database, not memory, decides what is current.
"""
