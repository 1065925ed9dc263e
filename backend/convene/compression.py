"""The route option that the compression middleware respects."""

UNCOMPRESSED = "uncompressed"
"""A route option: the compression middleware leaves its answers as they are. For answers
already compressed (static files, kept pages), and for those always too small to gain from it
(the door's answer to a scan), for which Litestar would still set up a compressor (about
30 microseconds) at every request."""
