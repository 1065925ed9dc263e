"""Live updates: the secretariat's screens hear of registration changes and arrivals at once."""
