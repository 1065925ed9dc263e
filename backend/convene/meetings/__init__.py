"""Bodies, their sessions (numbered, resumed, joint) and the sessions' officers."""
