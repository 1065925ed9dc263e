"""People who sign in, what role they hold, and how they prove who they are."""
